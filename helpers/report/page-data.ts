import { about } from './reproduction.ts';
import type { Summary } from './summary.ts';
import type { ExchangeRecord } from './test-record.ts';

/** An index into `PageData.strings`, or -1 for none. */
type Ref = number;

/** An operation: api, tag, operationId, method, path. */
type OpRow = [Ref, Ref, Ref, Ref, Ref];
/** A finding: severity, title, message, the label of the exchange it is about. */
type FindingRow = [Ref, Ref, Ref, Ref];
/**
 * A test: its operation (index into `ops`), check, outcome, validated (1/0), reason, findings, the exchanges it
 * judged and, among them, those its errors are about (shown open).
 */
type TestRow = [number, Ref, Ref, 0 | 1, Ref, FindingRow[], number[], number[]];
/**
 * An exchange: label, answering operation, method, URL, request headers (`name: value`), request body, status
 * (-1 without a response), response headers, response body, error, elapsed ms, start time, curl command.
 */
type ExchangeRow = [Ref, Ref, Ref, Ref, Ref[], Ref, number, Ref[], Ref, Ref, number, Ref, Ref];

/**
 * What the report page reads: every string once, records as rows of indexes, and each exchange once however many
 * checks judged it. A 5,000-operation run repeats the same header lines, labels and messages tens of thousands of
 * times; written like this it is a fraction of the size and still plain text that a search for a secret can read.
 */
export interface PageData {
  readonly strings: string[];
  readonly checks: Ref[];
  /** Operations grouped by API and tag, each group once, in order of first appearance. */
  readonly ops: OpRow[];
  readonly tests: TestRow[];
  readonly exchanges: ExchangeRow[];
}

/** Builds the page data from the summary and the judged exchanges of each test (by its index in `summary.tests`). */
export function pageData(
  summary: Summary,
  exchanges: Readonly<Record<number, readonly ExchangeRecord[]>>,
): PageData {
  const strings: string[] = [];
  const seen = new Map<string, number>();
  const ref = (text: string | undefined): Ref => {
    if (text === undefined) return -1;
    let i = seen.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      seen.set(text, i);
    }
    return i;
  };
  const headers = (h: Readonly<Record<string, string>> | undefined) =>
    Object.entries(h ?? {}).map(([k, v]) => ref(`${k}: ${v}`));
  const rows: ExchangeRow[] = [];
  const rowOf = new Map<string, number>();
  const exchangeRow = (e: ExchangeRecord): number => {
    // The same answer judged by several checks (the baseline by headers, status, schema…) is kept once. It is
    // known by when it started, how long it took (to a fraction of a millisecond) and what it was: two different
    // exchanges never share all of that, and keying on it spares hashing bodies of every copy.
    const key = `${e.startedAt}\u0000${e.elapsedMs}\u0000${e.operation}\u0000${e.variant}\u0000${e.method} ${e.url}\u0000${e.status}`;
    const known = rowOf.get(key);
    if (known !== undefined) return known;
    const i =
      rows.push([
        ref(e.variant),
        ref(e.operation),
        ref(e.method),
        ref(e.url),
        headers(e.requestHeaders),
        ref(e.requestBody),
        e.status ?? -1,
        headers(e.responseHeaders),
        ref(e.responseBody),
        ref(e.error),
        Math.round(e.elapsedMs),
        ref(e.startedAt),
        ref(e.curl),
      ]) - 1;
    rowOf.set(key, i);
    return i;
  };

  const groups = new Map<string, Map<string, OpRow>>();
  for (const t of summary.tests) {
    const group = `${t.api}\u0000${t.tag}`;
    const ops = groups.get(group) ?? new Map<string, OpRow>();
    groups.set(group, ops);
    if (!ops.has(t.operation))
      ops.set(t.operation, [ref(t.api), ref(t.tag), ref(t.operation), ref(t.method), ref(t.path)]);
  }
  const ops: OpRow[] = [];
  const opIndex = new Map<OpRow, number>();
  for (const group of groups.values()) for (const op of group.values()) opIndex.set(op, ops.push(op) - 1);

  const checks = [...new Set(summary.tests.map((t) => t.check))].map(ref);
  const tests = summary.tests.map((t, i): TestRow => {
    const op = groups.get(`${t.api}\u0000${t.tag}`)?.get(t.operation);
    const judged = exchanges[i] ?? [];
    const errors = t.findings.filter((f) => f.severity === 'error');
    return [
      op ? (opIndex.get(op) ?? 0) : 0,
      ref(t.check),
      ref(t.outcome),
      t.validated ? 1 : 0,
      ref(t.reason),
      t.findings.map((f): FindingRow => [ref(f.severity), ref(f.title), ref(f.message), ref(f.variant)]),
      judged.map(exchangeRow),
      judged.filter((e) => errors.some((f) => about(f, e))).map(exchangeRow),
    ];
  });
  return { strings, checks, ops, tests, exchanges: rows };
}
