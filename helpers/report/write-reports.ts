import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './render-html.ts';
import type { Summary } from './summary.ts';
import type { ExchangeRecord } from './test-record.ts';

/** Writes reports/summary.json and reports/index.html; the only place the report layer touches the disk. */
export function writeReports(
  dir: string,
  summary: Summary,
  exchanges: Readonly<Record<number, readonly ExchangeRecord[]>>,
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, 'index.html'), renderHtml(summary, exchanges));
}

const xml = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Reports for a run that could not start (bad configuration, unreachable target): all marked incomplete. */
export function writeSetupFailureReports(dir: string, message: string, startedAt: string): void {
  const summary: Summary = {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    startedAt,
    durationMs: Date.now() - Date.parse(startedAt),
    complete: false,
    endReason: 'setup-error',
    errors: [message],
    targets: [],
    totals: { tests: 0, passed: 0, failed: 0, skipped: 0, races: 0 },
    apis: {},
    otherTests: { tests: 0, passed: 0, failed: 0, skipped: 0, races: 0 },
    tests: [],
    consistency: [],
  };
  writeReports(dir, summary, {});
  writeFileSync(
    join(dir, 'junit.xml'),
    `<?xml version="1.0" encoding="UTF-8" ?>\n<testsuites name="api-conformance" tests="1" failures="1" errors="0" time="0" timestamp="${startedAt}">\n    <testsuite name="setup" timestamp="${startedAt}" hostname="localhost" tests="1" failures="1" errors="0" skipped="0" time="0">\n        <testcase classname="setup" name="configuration and target" time="0">\n            <failure message="${xml(message)}" type="SetupError">${xml(message)}</failure>\n        </testcase>\n    </testsuite>\n</testsuites>\n`,
  );
}
