import type { Dispatcher } from 'undici';
import { withoutStacks } from '../core/errors.ts';
import { type Clock, type RunLimits, systemClock } from './run-limits.ts';

/** A request the run's limits refused: it never reached the wire. */
export class NotSentError extends Error {
  readonly code = 'NOT_SENT';
  constructor(readonly reason: string) {
    super(`not sent: ${reason}`);
    this.name = 'NotSentError';
  }
}

/** What one request's attempts share between the retry policy and the admission step. */
export interface AttemptState {
  /** Attempts sent so far. */
  tries: number;
  /** How long to wait before the next attempt (a backoff or a `Retry-After`). */
  delayMs: number;
  /** Whether the current attempt's response has begun, so a later failure cannot be retried from scratch. */
  responded: boolean;
}

/**
 * An undici interceptor that lets each attempt of a request through the run's limits: it waits out the retry
 * delay, then the rate limit, and refuses (as `NotSentError`) once the budget is spent or the deadline passed.
 */
export function admission(
  limits: RunLimits,
  state: AttemptState,
  clock: Clock = systemClock,
): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const go = async () => {
      if (state.delayMs > 0) await clock.sleep(state.delayMs);
      state.delayMs = 0;
      const refusal = await limits.admit();
      if (refusal) throw new NotSentError(refusal);
      state.tries++;
      state.responded = false;
      dispatch(opts, {
        ...bound(handler),
        onResponseStart: (controller, status, headers, message) => {
          state.responded = true;
          const start = () => handler.onResponseStart?.(controller, status, headers, message);
          // The handler above is undici's retry handler, which builds an error for every status from 300 up
          // before asking whether to retry, and captures a stack nobody reads (3 % of a run's CPU).
          if (status >= 300) withoutStacks(start);
          else start();
        },
      });
    };
    go().catch((error: Error) => handler.onResponseError?.(idle, error));
    return true;
  };
}

/** The handler's callbacks bound to it, so they can be spread into a wrapper. */
function bound(handler: Dispatcher.DispatchHandler): Dispatcher.DispatchHandler {
  return {
    onRequestStart: handler.onRequestStart?.bind(handler),
    onRequestUpgrade: handler.onRequestUpgrade?.bind(handler),
    onResponseData: handler.onResponseData?.bind(handler),
    onResponseEnd: handler.onResponseEnd?.bind(handler),
    onResponseError: handler.onResponseError?.bind(handler),
  };
}

/** The controller of an attempt that never started: nothing to pause or abort. */
const idle: Dispatcher.DispatchController = {
  aborted: false,
  paused: false,
  reason: null,
  abort: () => {},
  pause: () => {},
  resume: () => {},
};
