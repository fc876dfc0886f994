import type { Finding } from '../core/finding.ts';
import { timingStats } from './visibility.ts';

/** Time-to-visibility figures of one write → read pair, and how often each outcome occurred. */
export interface PairFigures {
  readonly write: string;
  readonly read: string;
  readonly kind: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/** The consistency figures of a run, from the `consistency` check's findings (each on its write); pure. */
export function consistencyFigures(findings: readonly Finding[]): PairFigures[] {
  const pairs = new Map<
    string,
    { write: string; read: string; kind: string; times: number[]; outcomes: Record<string, number> }
  >();
  for (const f of findings) {
    if (f.data?.outcome === undefined) continue;
    const key = `${f.operation}→${f.data.read}`;
    const pair = pairs.get(key) ?? {
      write: f.operation,
      read: String(f.data.read),
      kind: String(f.data.kind),
      times: [],
      outcomes: {},
    };
    const outcome = String(f.data.outcome);
    pair.outcomes[outcome] = (pair.outcomes[outcome] ?? 0) + 1;
    if (typeof f.data.timeToVisibleMs === 'number') pair.times.push(f.data.timeToVisibleMs);
    pairs.set(key, pair);
  }
  return [...pairs.values()].map(({ times, ...pair }) => ({ ...pair, ...timingStats(times) }));
}
