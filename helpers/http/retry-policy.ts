import type { RetryHandler } from 'undici';
import { type AttemptState, NotSentError } from './admission.ts';
import { failureCode } from './describe-error.ts';

/** What the transport got: a status with headers, or a failure code (ECONNRESET, a timeout…). */
export type Attempt =
  | { readonly status: number; readonly headers: Readonly<Record<string, string>> }
  | { readonly failure: string };

/** How persistent a run is with a misbehaving target. */
export interface RetrySettings {
  /** Retries of an idempotent request after a connection error or a 502/503/504. */
  readonly retries: number;
  /** First backoff in ms; doubled each retry. */
  readonly backoffMs: number;
  /** The longest wait a `Retry-After` may ask for. */
  readonly retryAfterCapMs: number;
}

/** Whether to send the request again, after how long, and why (for the record). */
export type Decision =
  | { readonly retry: false }
  | { readonly retry: true; readonly delayMs: number; readonly reason: string };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const TRANSIENT = new Set([502, 503, 504]);

/** `Retry-After` in seconds or as an HTTP date, in ms from now, capped; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, capMs: number, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), capMs);
}

/**
 * A 429 is retried for any method (the request was not processed), after `Retry-After`. Connection errors and
 * 502/503/504 are retried for idempotent methods only: a POST may still have happened, so it is never sent twice
 * blindly; the engine reconciles it by reading (and its teardown finds what it created).
 */
export function decide(method: string, attempt: Attempt, tried: number, settings: RetrySettings): Decision {
  if (tried >= settings.retries) return { retry: false };
  const backoff = settings.backoffMs * 2 ** tried;
  if ('status' in attempt && attempt.status === 429) {
    const wait = retryAfterMs(attempt.headers['retry-after'], settings.retryAfterCapMs) ?? backoff;
    return { retry: true, delayMs: wait, reason: `429 (waited ${wait} ms)` };
  }
  if (!IDEMPOTENT.has(method)) return { retry: false };
  if ('failure' in attempt) return { retry: true, delayMs: backoff, reason: attempt.failure };
  if (TRANSIENT.has(attempt.status)) return { retry: true, delayMs: backoff, reason: String(attempt.status) };
  return { retry: false };
}

/** What undici's retry handler reports of a failed attempt: a status (`RequestRetryError`) or a transport error. */
function attemptOf(error: Error & { statusCode?: number; headers?: Record<string, unknown> }): Attempt {
  if (typeof error.statusCode !== 'number') return { failure: failureCode(error) };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.headers ?? {}))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: error.statusCode, headers };
}

/**
 * The policy as options of undici's retry interceptor. Its `retry` callback decides with `decide`, records the
 * reason and leaves the wait to the admission step, so a waiting retry holds no connection and still passes the
 * budget, the rate limit and the deadline. A failure after the response began (a body cut off) is not retried:
 * undici would resume it with a `Range` request, which an API's JSON endpoints do not serve.
 */
export function retryOptions(
  method: string,
  settings: RetrySettings,
  state: AttemptState,
  onRetry: (reason: string, attempt: Attempt) => void,
): RetryHandler.RetryOptions {
  return {
    throwOnError: false,
    retry: (error, _context, callback) => {
      const attempt = attemptOf(error);
      // Not sent (budget, deadline) or cut off mid-body: the attempt stands as it is.
      if (error instanceof NotSentError || ('failure' in attempt && state.responded)) return callback(error);
      const decision = decide(method, attempt, state.tries - 1, settings);
      if (!decision.retry) return callback(error);
      state.delayMs = decision.delayMs;
      onRetry(decision.reason, attempt);
      callback(null);
    },
  };
}
