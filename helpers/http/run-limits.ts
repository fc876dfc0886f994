import { interruptRefusal } from './interrupt.ts';

/** The run's request budget, rate limit and deadline. */
export interface LimitSettings {
  /** Requests a run may send at most; 0 for no limit. */
  readonly maxRequests: number;
  /** Requests per second at most; 0 for no limit. */
  readonly ratePerSecond: number;
  /** Epoch ms after which no request is sent; undefined for no deadline. */
  readonly deadline?: number;
  /** Stops sending once the command line is interrupted (the run's own requests; never its teardown). */
  readonly stopOnInterrupt?: boolean;
}

/** Why a request was not sent, or undefined when it may go. */
export type Refusal = string | undefined;

/** Time as the limits see it: real by default, injected by tests so they judge the schedule, not the machine. */
export interface Clock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Shared by every request of a run: counts, spaces and stops them. */
export interface RunLimits {
  /** Waits for the rate limit, counts the request, or says why it may not be sent. */
  readonly admit: () => Promise<Refusal>;
  readonly sent: () => number;
  /** The first refusal, once one happened: the run stops scheduling work after it. */
  readonly stopped: () => Refusal;
}

/** The real clock. */
export const systemClock: Clock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Written here rather than taken from a rate-limiting package: the suite needs a fixed spacing of request starts
 * plus a hard count and a deadline, which is a dozen lines; the packages add queues and clocks it does not use.
 * Admissions take turns, each at least `1000 / ratePerSecond` ms after the previous one was admitted on the clock,
 * so however late a sleeper wakes, no two requests are admitted closer than the gap.
 */
export function createRunLimits(settings: LimitSettings, clock: Clock = systemClock): RunLimits {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  let turns: Promise<void> = Promise.resolve();
  let stopped: Refusal;
  const gap = settings.ratePerSecond > 0 ? 1000 / settings.ratePerSecond : 0;
  return {
    async admit() {
      if (settings.stopOnInterrupt) stopped ??= interruptRefusal();
      if (settings.deadline !== undefined && clock.now() >= settings.deadline)
        stopped ??= 'the run deadline passed (RUN_DEADLINE_S)';
      if (settings.maxRequests > 0 && count >= settings.maxRequests)
        stopped ??= `the request budget is spent (MAX_REQUESTS=${settings.maxRequests})`;
      if (stopped) return stopped;
      count++;
      if (gap > 0) {
        // One at a time, each a gap after the previous one actually went: a timer that fires late delays the
        // next request too, so requests never bunch up behind a late one.
        const turn = turns.then(async () => {
          const wait = last + gap - clock.now();
          if (wait > 0) await clock.sleep(wait);
          last = clock.now();
        });
        turns = turn;
        await turn;
      }
      return undefined;
    },
    sent: () => count,
    stopped: () => stopped,
  };
}
