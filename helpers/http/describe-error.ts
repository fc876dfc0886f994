/** An error as the transport throws it: undici's carry a string `code`, DOMExceptions a numeric one and a name. */
type TransportError = {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: { readonly code?: unknown };
};

const TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'TimeoutError',
]);

/**
 * The stable name of a transport failure: undici's string code (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`), else the
 * error's name (`TimeoutError`). A DOMException's `code` is a legacy number (23 for a timeout), never a name.
 */
export function failureCode(error: unknown): string {
  const e = (error ?? {}) as TransportError;
  if (typeof e.code === 'string') return e.code;
  if (typeof e.cause?.code === 'string') return e.cause.code;
  if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
  return 'Error';
}

/** One line for a failed exchange: `timed out after 400 ms (UND_ERR_HEADERS_TIMEOUT)`, `ECONNRESET: other side closed`. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  const code = failureCode(error);
  const message = (error as TransportError | undefined)?.message;
  if (code === 'NOT_SENT' && typeof message === 'string') return message;
  if (TIMEOUTS.has(code)) return `timed out after ${timeoutMs} ms (${code})`;
  return `${code}: ${(typeof message === 'string' ? message : '').split('\n')[0]}`;
}
