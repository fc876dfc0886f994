import type { Clock } from '../http/run-limits.ts';

/** A clock that moves only when someone sleeps; sleepers wake in the order they fell asleep, each at its own time. */
export interface FakeClock extends Clock {
  /** Milliseconds since the clock was made. */
  readonly elapsed: () => number;
}

/**
 * A fake clock for judging a schedule rather than a machine: `sleep(ms)` returns on the next turn of the event
 * loop with the clock moved to when the sleeper was due, so a test runs at full speed and on a loaded machine
 * alike, and what it records is the schedule the code under test made.
 */
export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let t = start;
  return {
    now: () => t,
    elapsed: () => t - start,
    sleep: (ms) => {
      const due = t + ms;
      return new Promise((resolve) =>
        setImmediate(() => {
          t = Math.max(t, due);
          resolve();
        }),
      );
    },
  };
}
