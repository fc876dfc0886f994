import type { TestRecord } from './test-record.ts';

const EXCERPT = 500;

/** How to reproduce a failed check: per exchange a curl command, then status, headers and a body excerpt. */
export function reproduction(record: TestRecord): string {
  const failing = new Set(
    record.findings.filter((f) => f.severity === 'error').map((f) => f.variant ?? 'baseline'),
  );
  const shown = record.exchanges.filter((e) => failing.has(e.variant)).slice(0, 3);
  const exchanges = shown.length > 0 ? shown : record.exchanges.slice(0, 1);
  return exchanges
    .map((e) => {
      const headers = Object.entries(e.responseHeaders ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      const body = e.responseBody ?? '';
      const answer =
        e.status === undefined
          ? `no response: ${e.error ?? 'unknown error'}`
          : `HTTP ${e.status}\n${headers}\n\n${body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body}`;
      return `--- ${record.operation} (${e.variant}) ---\n${e.curl}\n\n${answer}`;
    })
    .join('\n\n');
}
