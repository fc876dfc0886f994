import type { Exchange, WriteKind } from '../core/exchange.ts';
import { tryParseJson } from '../core/json.ts';

/**
 * How one read looks after a write: the write's effect is visible, not yet, the read failed outright (an answer
 * that is neither lag nor the resource), or it was not answered (a 5xx, no response): that says nothing about
 * the write and is the read's own server error, judged by the read's status check.
 */
export type Visibility = 'visible' | 'not-yet' | 'failed' | 'unanswered';

/** The outcomes of one read-after-write pair. */
export type ConsistencyOutcome =
  | 'consistent'
  | 'race'
  | 'window-exceeded'
  | 'never-visible'
  | 'flapping'
  | 'lost-update'
  | 'delete-not-effective'
  | 'read-failed'
  | 'unanswered';

/** Outcomes that fail a run; a race passes and is flagged. */
export const FAILING_OUTCOMES: ReadonlySet<ConsistencyOutcome> = new Set([
  'window-exceeded',
  'never-visible',
  'flapping',
  'lost-update',
  'delete-not-effective',
  'read-failed',
]);

/** Fields of an update the read must show: top-level scalars of a JSON body, or a text body as a whole. */
export type Expectation =
  | { readonly fields: Readonly<Record<string, unknown>> }
  | { readonly text: string }
  | undefined;

/** What an update promises to show, read from the write's request body; undefined when it promises nothing readable. */
export function expectationOf(write: Exchange): Expectation {
  const body = write.request.body;
  if (body === undefined || body === '') return undefined;
  const json = tryParseJson(body);
  if (json === undefined) return { text: body.trim() };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const fields = Object.fromEntries(
    Object.entries(json).filter(([, v]) => v === null || typeof v !== 'object'),
  );
  return Object.keys(fields).length > 0 ? { fields } : undefined;
}

/** The fields of an expectation the read actually carries: only those can show an update. */
export function observable(expectation: Expectation, read: Exchange | undefined): Expectation {
  if (!expectation || 'text' in expectation) return expectation;
  const body = tryParseJson(read?.response?.body);
  if (!body || typeof body !== 'object') return undefined;
  const fields = Object.fromEntries(Object.entries(expectation.fields).filter(([k]) => k in body));
  return Object.keys(fields).length > 0 ? { fields } : undefined;
}

/** Judges one read against the write's kind and expectation; `notYetVisible` statuses are lag, not failure. */
export function visibility(
  kind: WriteKind,
  read: Exchange,
  notYetVisible: readonly number[],
  expectation?: Expectation,
): Visibility {
  const status = read.response?.status;
  if (status === undefined || status >= 500) return 'unanswered';
  const lagging = notYetVisible.includes(status);
  if (kind === 'delete')
    return status === 404 || status === 410 || lagging
      ? 'visible'
      : status >= 200 && status < 300
        ? 'not-yet'
        : 'failed';
  if (lagging) return 'not-yet';
  if (status < 200 || status >= 300) return 'failed';
  if (kind === 'create' || !expectation) return 'visible';
  if ('text' in expectation)
    return (read.response?.body ?? '').trim() === expectation.text ? 'visible' : 'not-yet';
  const body = tryParseJson(read.response?.body) as Record<string, unknown> | undefined;
  return Object.entries(expectation.fields).every(([k, v]) => body?.[k] === v) ? 'visible' : 'not-yet';
}

/** One read of a probe: when, relative to the end of the write, and what it showed. */
export interface Attempt {
  readonly atMs: number;
  readonly visibility: Visibility;
  readonly status?: number;
}

/** The verdict on a probe's reads: the outcome and, when it became visible, after how long. */
export interface Classification {
  readonly outcome: ConsistencyOutcome;
  readonly timeToVisibleMs?: number;
}

/**
 * Classifies the reads of one pair; pure, so every outcome is testable from a list of attempts. Unanswered reads
 * (5xx, no response) are left out: they are the read's failure, not evidence about the write.
 */
export function classify(kind: WriteKind, all: readonly Attempt[], windowMs: number): Classification {
  const attempts = all.filter((a) => a.visibility !== 'unanswered');
  if (attempts.length === 0) return { outcome: 'unanswered' };
  const first = attempts.findIndex((a) => a.visibility === 'visible');
  if (attempts.some((a, i) => a.visibility === 'failed' && (first === -1 || i < first)))
    return { outcome: 'read-failed' };
  if (first === -1)
    return {
      outcome:
        kind === 'create' ? 'never-visible' : kind === 'update' ? 'lost-update' : 'delete-not-effective',
    };
  const at = attempts[first]?.atMs ?? 0;
  if (attempts.slice(first + 1).some((a) => a.visibility !== 'visible'))
    return { outcome: 'flapping', timeToVisibleMs: at };
  if (first === 0) return { outcome: 'consistent', timeToVisibleMs: at };
  // Late only on evidence: a read that began once the window was over still did not show the write. When the last
  // read that did not show it began within the window, the write may have shown right after it: a busy machine
  // that polled late proves nothing about the API, so that is a race (its time an upper bound), never a breach.
  const lastUnseen = attempts[first - 1]?.atMs ?? 0;
  return { outcome: lastUnseen >= windowMs ? 'window-exceeded' : 'race', timeToVisibleMs: at };
}

/** count, p50, p95 and max of a list of times (nearest-rank percentiles). */
export function timingStats(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: rank(50), p95: rank(95), max: sorted.at(-1) ?? 0 };
}
