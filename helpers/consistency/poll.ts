import type { Exchange } from '../core/exchange.ts';
import type { Visibility } from './visibility.ts';

/** The polling schedule of a read-after-write probe. */
export interface PollSettings {
  /** The profile's consistency window: a read that begins after it and still misses the write is a failure. */
  readonly windowMs: number;
  /** First retry after this many ms (the schedule grows ×1.5 from here). */
  readonly firstDelayMs?: number;
  /** Reads sent together after the first visible one, to catch one that flips back (monotonic-read violation). */
  readonly confirmReads?: number;
}

/** How long a probe keeps reading: past the window, so "late" and "never" can be told apart. */
const giveUpAfter = (windowMs: number): number => windowMs + Math.max(1_000, windowMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads until the write is visible (then a few confirming reads at once), the read fails outright, or the give-up
 * time passes. Backoff: first retry within `firstDelayMs`, growing ×1.5, capped at a tenth of the window (≥ 100 ms).
 */
export async function poll(
  read: (attempt: number) => Promise<Exchange>,
  judge: (exchange: Exchange) => Visibility,
  settings: PollSettings,
  writeEndedAt: number,
): Promise<Exchange[]> {
  const reads: Exchange[] = [];
  const giveUp = giveUpAfter(settings.windowMs);
  const maxDelay = Math.max(100, settings.windowMs / 10);
  let delay = settings.firstDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    const exchange = await read(attempt);
    reads.push(exchange);
    const seen = judge(exchange);
    // A request the run's budget or deadline refused: nothing more will be sent.
    if (seen === 'failed' || exchange.notSent !== undefined) return reads;
    if (seen === 'visible') {
      // Sent together, not one after another: each goes on a connection of its own where the pool has one, so
      // replicas behind a balancer that lag each other show as a flip back, and the run goes on one round trip
      // later.
      const confirms = Array.from({ length: settings.confirmReads ?? 2 }, (_, i) => read(attempt + 1 + i));
      reads.push(...(await Promise.all(confirms)));
      return reads;
    }
    if (performance.now() - writeEndedAt >= giveUp) return reads;
    await sleep(delay);
    delay = Math.min(delay * 1.5, maxDelay);
  }
}
