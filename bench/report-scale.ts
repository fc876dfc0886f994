// Child process of the benchmark: the HTML report of a 5,000-operation run. Runs a synthetic spec of GET
// operations against a spec-driven mock (which accepts any credential, so every auth check fails and carries
// its exchanges), writes the reports as a run does, and measures index.html: its size, and in Debian's Chromium
// the time until the matrix can be used and until a search has filtered it. Prints one JSON line.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { parseConfig } from '../helpers/config/env.ts';
import { parseProfile } from '../helpers/config/load-profile.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { runRecord, testRecord } from '../helpers/report/records.ts';
import { type FinishedTest, summarize } from '../helpers/report/summary.ts';
import type { ExchangeRecord } from '../helpers/report/test-record.ts';
import { writeReports } from '../helpers/report/write-reports.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';
import { syntheticSpec } from './synthetic-spec.ts';

const CHROMIUM = '/usr/bin/chromium';
const n = Number(process.argv[2] ?? 5000);
/**
 * Operations actually sent: the records of the rest are theirs under other names (`get17` → `get517`, its URLs
 * and messages too). The page's work and size depend on the records, not on how long the wire took to make them.
 */
const SENT = Math.min(n, 500);
const work = resolve('.cache/bench');
mkdirSync(work, { recursive: true });

/** The run's records, as the reporters receive them. */
async function records(): Promise<{
  tests: FinishedTest[];
  exchanges: Record<number, readonly ExchangeRecord[]>;
  run: unknown;
}> {
  const file = `synthetic-${SENT}.json`;
  writeFileSync(join(work, file), JSON.stringify(syntheticSpec(SENT)));
  const mock = await startMockServer(createSpecDrivenMock(await loadSpec(join(work, file))));
  try {
    const cfg = parseConfig({
      SYNTH_URL: mock.url,
      SYNTH_KEY: 'bench-key-0000',
      RUN_ID: 'bench-report',
      CONCURRENCY: '8',
      MAX_REQUESTS: '0',
    });
    const profile = parseProfile(
      {
        name: 'synthetic',
        spec: { path: file },
        baseUrl: { env: 'SYNTH_URL' },
        credential: { header: 'X-Api-Key', env: 'SYNTH_KEY' },
        auth: { rejectStatuses: [401] },
        parameters: { fixed: { id: 'item-1' } },
      },
      'bench',
      work,
    );
    const prepared = await prepare(resolveTarget(profile, cfg), cfg);
    const run = await runConformance(prepared);
    const byId = new Map(run.operations.map((o) => [o.operation.id, o]));
    const tests: FinishedTest[] = [];
    const exchanges: Record<number, readonly ExchangeRecord[]> = {};
    for (const op of prepared.operations)
      for (const check of prepared.checks) {
        const record = testRecord(prepared.target, byId.get(op.id), op.tags[0] ?? 'untagged', check.name);
        exchanges[tests.length] = record.exchanges;
        const state = record.outcome === 'failed' || record.outcome === 'skipped' ? record.outcome : 'passed';
        tests.push({ record, state, durationMs: 1 });
      }
    // Copies k = 1, 2, … of every record, renamed: `get{i}` and `/r{i}/` become those of operation i + k × SENT.
    const sent = tests.length;
    for (let k = 1; tests.length < (n / SENT) * sent; k++)
      for (let t = 0; t < sent; t++) {
        const rename = (text: string) =>
          text
            .replace(/\bget(\d+)\b/g, (_m, i) => `get${Number(i) + k * SENT}`)
            .replace(/\/r(\d+)\//g, (_m, i) => `/r${Number(i) + k * SENT}/`);
        exchanges[tests.length] = JSON.parse(rename(JSON.stringify(exchanges[t] ?? [])));
        tests.push(JSON.parse(rename(JSON.stringify(tests[t]))));
      }
    return { tests, exchanges, run: runRecord(prepared.target, run) };
  } finally {
    await mock.close();
  }
}

// `--reuse` keeps the run's records between measurements of the page alone (while working on the page).
const cached = join(work, `report-input-${n}.json`);
if (!process.argv.includes('--reuse') || !existsSync(cached))
  writeFileSync(cached, JSON.stringify(await records()));
const input = JSON.parse(readFileSync(cached, 'utf8'));
const summary = summarize({
  tests: input.tests,
  runs: [input.run],
  startedAt: new Date().toISOString(),
  durationMs: 1,
  endReason: 'failed',
  errors: [],
});
const dir = join(work, `report-${n}`);
const t0 = performance.now();
writeReports(dir, summary, input.exchanges);
const writeMs = Math.round(performance.now() - t0);
const html = join(dir, 'index.html');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const result: Record<string, unknown> = {
  operations: n,
  checks: summary.totals.tests,
  failed: summary.totals.failed,
  htmlMb: Math.round(statSync(html).size / 1e5) / 10,
  summaryJsonMb: Math.round(statSync(join(dir, 'summary.json')).size / 1e5) / 10,
  writeMs,
};
if (existsSync(CHROMIUM)) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const open: number[] = [];
    const filter: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const start = performance.now();
      await page.goto(`file://${html}`);
      await page.waitForSelector('#matrix td.cell');
      open.push(performance.now() - start);
      // A search goes through every operation; the page's CSP forbids evaluating strings, so a locator waits.
      const f0 = performance.now();
      await page.fill('#f-search', `get${n - 1}`);
      await page.locator('#shown', { hasText: /^1 of / }).waitFor();
      filter.push(performance.now() - f0);
      await page.close();
    }
    result.openToInteractiveMs = Math.round(median(open));
    result.searchFilterMs = Math.round(median(filter));
  } finally {
    await browser.close();
  }
}
console.log(JSON.stringify(result));
