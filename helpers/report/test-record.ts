import type { PairFigures } from '../consistency/figures.ts';
import type { Finding } from '../core/finding.ts';

/** One exchange as reports show it: redacted already, body cut to a bounded excerpt. */
export interface ExchangeRecord {
  /** What the exchange was for, for people (`baseline`, `no-credentials`, `read after CreateTask #3`). */
  readonly variant: string;
  /** operationId of the operation that answered it: a read-after-write poll names the read, not the write. */
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly responseBody?: string;
  readonly error?: string;
  readonly elapsedMs: number;
  readonly startedAt: string;
  /** A curl command that repeats the request, credentials as environment variable references. */
  readonly curl: string;
}

/** What one conformance test (operation × check) carries to the reporters, in the test's meta. */
export interface TestRecord {
  readonly api: string;
  readonly tag: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly check: string;
  /**
   * passed; failed; race (passed, a read-after-write race flagged); warning (passed with another warning, such as
   * an answer that needed retries); accepted (a known failure the baseline accepts); skipped.
   */
  readonly outcome: 'passed' | 'failed' | 'race' | 'warning' | 'accepted' | 'skipped';
  readonly reason?: string;
  /** False when the check ran but validated nothing (no schema for the media type, no read to compare). */
  readonly validated: boolean;
  readonly findings: readonly Finding[];
  readonly exchanges: readonly ExchangeRecord[];
}

/** True for the warning a read-after-write race raises; other warnings (retries, a walk cut short) are not races. */
export const isRace = (f: Finding): boolean => f.severity === 'warning' && f.data?.outcome === 'race';

/** The outcome of a check that passed: a race outranks other warnings, which outrank a plain pass. */
export function passOutcome(findings: readonly Finding[]): 'passed' | 'race' | 'warning' {
  if (findings.some(isRace)) return 'race';
  return findings.some((f) => f.severity === 'warning') ? 'warning' : 'passed';
}

/** What a conformance suite carries about its target, in its suite's meta. */
export interface RunRecord {
  readonly api: string;
  readonly title: string;
  readonly baseUrl: string;
  readonly live: boolean;
  readonly specTitle: string;
  readonly specVersion: string;
  readonly specSource: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The seed of every generated probe: `SEED=<seed>` repeats the run's values exactly. */
  readonly seed: number;
  readonly windowMs: number;
  /** Requests sent, retried, rate-limited; why sending stopped early, if it did. */
  readonly http: {
    readonly requests: number;
    readonly retries: number;
    readonly rateLimited: number;
    readonly stopped?: string;
  };
  /** What the run created and could not delete, by name. */
  readonly leftovers: readonly string[];
  readonly consistency: readonly PairFigures[];
}

/** A note, warning, seed or skip reason of a test, written as a JUnit property (`<property name=type value=message>`). */
export interface TestNote {
  readonly type: string;
  readonly message: string;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    conformance?: TestRecord;
    conformanceRun?: RunRecord;
    /** Kept in meta, which travels with the test's result, rather than sent one by one (see the JUnit reporter). */
    conformanceNotes?: TestNote[];
  }
}
