import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import type { ClientStats } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';

/** The verdict of one check on one operation. */
export type CheckOutcome =
  | {
      readonly status: 'passed' | 'failed';
      readonly findings: readonly Finding[];
      /** The exchanges the check judged, those behind its errors first. */
      readonly judged: readonly Exchange[];
    }
  | { readonly status: 'skipped'; readonly reason: string; readonly findings: readonly Finding[] };

/** What happened to one operation: its exchanges and each check's verdict, or why it was not exercised. */
export interface OperationResult {
  readonly operation: Operation;
  readonly skipped?: string;
  readonly exchanges: readonly Exchange[];
  readonly checks: Readonly<Record<string, CheckOutcome>>;
}

/** A whole run of one profile against one target. */
export interface RunResult {
  readonly profile: string;
  readonly baseUrl: string;
  readonly live: boolean;
  readonly specTitle: string;
  readonly specVersion: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The seed every generated value of the run came from (`SEED` repeats them). */
  readonly seed: number;
  readonly operations: readonly OperationResult[];
  /** Requests sent, retried and rate-limited, and why sending stopped early, if it did. */
  readonly http: ClientStats;
  /** What the run created and could not delete, by name; empty when it left nothing behind. */
  readonly leftovers: readonly string[];
  /** Set when the run stopped sending early (the request budget spent, the deadline passed): why, and how many
   * operations were left unsent in whole or in part; their checks are skipped with that reason. */
  readonly stoppedEarly?: { readonly reason: string; readonly operationsNotSent: number };
}
