import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { junitFromSummary } from './junit-fallback.ts';
import { renderHtml } from './render-html.ts';
import { type Summary, zero } from './summary.ts';
import type { ExchangeRecord } from './test-record.ts';

/** Writes under a private name, then renames: a reader, or a writer that opened the file earlier, never mixes in. */
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Writes reports/summary.json and reports/index.html (and, for runs vitest's JUnit reporter will not finish,
 * reports/junit.xml); the only place the report layer touches the disk. Synchronous, so it completes inside
 * a signal handler.
 */
export function writeReports(
  dir: string,
  summary: Summary,
  exchanges: Readonly<Record<number, readonly ExchangeRecord[]>>,
  junit = false,
): void {
  mkdirSync(dir, { recursive: true });
  writeWhole(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeWhole(join(dir, 'index.html'), renderHtml(summary, exchanges));
  if (junit) writeWhole(join(dir, 'junit.xml'), junitFromSummary(summary));
}

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
    totals: zero(),
    apis: {},
    otherTests: zero(),
    tests: [],
    consistency: [],
  };
  writeReports(dir, summary, {}, true);
}
