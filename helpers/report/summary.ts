import { isRace, passOutcome, type RunRecord, type TestRecord } from './test-record.ts';

/** Counts of one API or of the whole run. */
export interface Totals {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Passed checks that flagged a read-after-write race (visible only after a lag, inside the window). */
  races: number;
  /** Passed checks with a warning that is not a race: an answer that needed retries, a pagination walk cut short. */
  warnings: number;
  /** Passed checks that ran but validated nothing (no schema, no read to compare). */
  unvalidated: number;
  /** The unvalidated checks by why they validated nothing (`No schema for the media type`: 12). */
  unvalidatedWhy?: Record<string, number>;
  /** Failures the baseline accepts (counted as passed, listed as accepted). */
  accepted: number;
}

/** A conformance test as the summary lists it: its record and how long it took. */
export interface SummaryTest extends Omit<TestRecord, 'exchanges'> {
  readonly durationMs: number;
}

/** The machine-readable result of a run: reports/summary.json (schema: helpers/report/summary.schema.json). */
export interface Summary {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** False when the run was interrupted, a suite could not load, or the target could not be reached. */
  readonly complete: boolean;
  readonly endReason: string;
  readonly errors: readonly string[];
  readonly targets: readonly Omit<RunRecord, 'consistency'>[];
  readonly totals: Totals;
  readonly apis: Readonly<Record<string, Totals>>;
  /** Tests that are not conformance checks (the suite's own unit tests), counted apart. */
  readonly otherTests: Totals;
  readonly tests: readonly SummaryTest[];
  readonly consistency: readonly {
    readonly api: string;
    readonly windowMs: number;
    readonly pairs: RunRecord['consistency'];
  }[];
}

/** One finished test as the reporter hands it over. */
export interface FinishedTest {
  readonly record?: TestRecord;
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly durationMs: number;
}

/** Totals with nothing counted yet. */
export const zero = (): Totals => ({
  tests: 0,
  passed: 0,
  failed: 0,
  skipped: 0,
  races: 0,
  warnings: 0,
  unvalidated: 0,
  unvalidatedWhy: {},
  accepted: 0,
});

function count(totals: Totals, outcome: SummaryTest['outcome'], record?: TestRecord): void {
  totals.tests++;
  if (outcome === 'failed' || outcome === 'skipped') {
    totals[outcome]++;
    return;
  }
  totals.passed++;
  if (outcome === 'accepted') totals.accepted++;
  else if (record && !record.validated) {
    totals.unvalidated++;
    for (const why of new Set(record.findings.filter((f) => f.data?.coverage === 'none').map((f) => f.title)))
      totals.unvalidatedWhy = { ...totals.unvalidatedWhy, [why]: (totals.unvalidatedWhy?.[why] ?? 0) + 1 };
  }
  if (!record) return;
  if (record.findings.some(isRace)) totals.races++;
  if (record.findings.some((f) => f.severity === 'warning' && !isRace(f))) totals.warnings++;
}

/** Builds the summary from the finished tests and suite records; pure. */
export function summarize(input: {
  tests: readonly FinishedTest[];
  runs: readonly RunRecord[];
  startedAt: string;
  durationMs: number;
  endReason: string;
  errors: readonly string[];
  now?: string;
}): Summary {
  const totals = zero();
  const otherTests = zero();
  const apis: Record<string, Totals> = {};
  const tests: SummaryTest[] = [];
  for (const t of input.tests) {
    const state = t.state === 'pending' ? 'skipped' : t.state;
    if (!t.record) {
      count(otherTests, state);
      continue;
    }
    // The test's own state wins: a record says what the check found, vitest says how the test ended.
    const outcome =
      state === 'failed' || state === 'skipped'
        ? state
        : t.record.outcome === 'accepted'
          ? 'accepted'
          : passOutcome(t.record.findings);
    count(totals, outcome, t.record);
    apis[t.record.api] ??= zero();
    count(apis[t.record.api] as Totals, outcome, t.record);
    const { exchanges: _exchanges, ...rest } = t.record;
    tests.push({ ...rest, outcome, durationMs: t.durationMs });
  }
  return {
    schemaVersion: 1,
    generatedAt: input.now ?? new Date().toISOString(),
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    complete: input.endReason !== 'interrupted' && input.errors.length === 0,
    endReason: input.endReason,
    errors: input.errors,
    targets: input.runs.map(({ consistency: _c, ...run }) => run),
    totals,
    apis,
    otherTests,
    tests,
    consistency: input.runs.map((r) => ({ api: r.api, windowMs: r.windowMs, pairs: r.consistency })),
  };
}
