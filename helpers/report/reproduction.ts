import type { Finding } from '../core/finding.ts';
import type { ExchangeRecord, TestRecord } from './test-record.ts';

const EXCERPT = 500;

/** The exchanges an error is about: its variant, answered by the read it names (a read-after-write) if it names one. */
const about = (f: Finding, e: ExchangeRecord) =>
  e.variant === (f.variant ?? 'baseline') && (f.data?.read === undefined || e.operation === f.data.read);

/**
 * How to reproduce a failed check: per exchange an error is about (the read that broke, for a read-after-write)
 * a curl command, then status, headers and a body excerpt.
 */
export function reproduction(record: TestRecord): string {
  const errors = record.findings.filter((f) => f.severity === 'error');
  const shown = record.exchanges.filter((e) => errors.some((f) => about(f, e))).slice(0, 3);
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
      return `--- ${e.operation} (${e.variant}) ---\n${e.curl}\n\n${answer}`;
    })
    .join('\n\n');
}
