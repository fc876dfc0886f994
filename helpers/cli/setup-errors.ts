import type { SerializedError } from 'vitest';
import type { TestModule } from 'vitest/node';
import { SETUP_ERROR_CODES, type SetupErrorCode } from '../core/errors.ts';

/** A setup error as it comes back from a test worker: a plain object, its class gone. */
export interface ReportedSetupError {
  readonly message: string;
  readonly exitCode: number;
}

function asSetupError(error: Partial<SerializedError> | undefined): ReportedSetupError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error?.name !== 'SetupError' || typeof code !== 'string' || !(code in SETUP_ERROR_CODES))
    return undefined;
  return { message: String(error.message), exitCode: SETUP_ERROR_CODES[code as SetupErrorCode] };
}

/**
 * The first setup error a run raised anywhere: while vitest collected a suite (a spec that no longer loads), in a
 * hook, a test or outside them. A run that hit one is a configuration problem (exit 2 or 3), not a contract failure.
 */
export function firstSetupError(
  modules: readonly TestModule[],
  unhandled: readonly unknown[],
): ReportedSetupError | undefined {
  const errors = [...unhandled] as (Partial<SerializedError> | undefined)[];
  for (const module of modules) {
    errors.push(...module.errors());
    for (const suite of module.children.allSuites()) errors.push(...suite.errors());
    for (const test of module.children.allTests()) errors.push(...(test.result().errors ?? []));
  }
  for (const error of errors) {
    const found = asSetupError(error) ?? asSetupError((error as { cause?: SerializedError })?.cause);
    if (found) return found;
  }
  return undefined;
}
