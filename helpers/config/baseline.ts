import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SetupError } from '../core/errors.ts';

/** A known failure a scheduled run may accept until it expires: it stays visible, it just does not fail the run. */
export interface BaselineEntry {
  /** Profile name; absent for any API. */
  readonly api?: string;
  readonly operation: string;
  readonly check: string;
  readonly reason: string;
  /** Last day (YYYY-MM-DD, UTC) the entry is accepted; after it the failure fails again. */
  readonly expires: string;
}

/** What the baseline says of a failing test: accepted, expired, or nothing. */
export type BaselineVerdict =
  | { readonly kind: 'accepted' | 'expired'; readonly entry: BaselineEntry }
  | undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and checks a baseline file (YAML or JSON: a list of entries); a bad entry is one clear error. */
export function loadBaseline(path: string): readonly BaselineEntry[] {
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SetupError(
      'CONFIG_INVALID',
      `Cannot read baseline ${path} (${(error as Error).message.split('\n')[0]}); check CONFORMANCE_BASELINE.`,
    );
  }
  const entries = Array.isArray(data) ? data : undefined;
  if (!entries)
    throw new SetupError(
      'CONFIG_INVALID',
      `Baseline ${path} must be a list of {operation, check, reason, expires} entries.`,
    );
  entries.forEach((e: Record<string, unknown>, i) => {
    const bad = ['operation', 'check', 'reason', 'expires'].find(
      (k) => typeof e?.[k] !== 'string' || e[k] === '',
    );
    if (bad)
      throw new SetupError(
        'CONFIG_INVALID',
        `Baseline ${path} entry ${i + 1}: ${bad} is missing or not text.`,
      );
    if (!DATE.test(String(e.expires)))
      throw new SetupError(
        'CONFIG_INVALID',
        `Baseline ${path} entry ${i + 1}: expires must be a date like 2027-01-31.`,
      );
  });
  return entries as BaselineEntry[];
}

/** The baseline's verdict on a failing operation × check, on a given day; pure. */
export function baselineVerdict(
  entries: readonly BaselineEntry[],
  api: string,
  operation: string,
  check: string,
  today: string,
): BaselineVerdict {
  const entry = entries.find(
    (e) => (e.api === undefined || e.api === api) && e.operation === operation && e.check === check,
  );
  if (!entry) return undefined;
  return { kind: entry.expires >= today ? 'accepted' : 'expired', entry };
}
