/** Stable codes of setup and usage errors; each maps to one exit code of the command line. */
export const SETUP_ERROR_CODES = {
  CONFIG_INVALID: 2,
  CREDENTIAL_MISSING: 2,
  PROFILE_INVALID: 2,
  SPEC_UNREADABLE: 2,
  TARGET_UNREACHABLE: 3,
} as const;

/** Code of a setup error. */
export type SetupErrorCode = keyof typeof SETUP_ERROR_CODES;

/**
 * A misuse or set-up failure (missing token, unreadable spec, unreachable target, malformed profile).
 * Its message is one line that says what to fix. A non-conforming API is never one of these: that is a Finding.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
  readonly exitCode: number;
  constructor(
    readonly code: SetupErrorCode,
    message: string,
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.exitCode = SETUP_ERROR_CODES[code];
    // The message says what to fix; frames and a code frame would only bury it, wherever it is printed.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * Runs `fn` with V8 capturing no stack for the errors made meanwhile: for errors built in bulk (a skip, a retry
 * handler's per-response error) whose stack nobody reads, capturing it is a measurable share of a large run.
 */
export function withoutStacks<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** True when the value is a SetupError (also across module copies). */
export function isSetupError(error: unknown): error is SetupError {
  return error instanceof Error && error.name === 'SetupError' && 'code' in error;
}
