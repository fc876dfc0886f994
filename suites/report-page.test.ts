import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { EMBEDDED_MOCKS } from '../helpers/mocks/index.ts';
import { ConformanceReporter } from '../helpers/report/conformance-reporter.ts';
import { runRecord, testRecord } from '../helpers/report/records.ts';
import { type FinishedTest, summarize } from '../helpers/report/summary.ts';
import type { ExchangeRecord, RunRecord } from '../helpers/report/test-record.ts';
import { writeReports } from '../helpers/report/write-reports.ts';

// The HTML report as a person uses it, in Debian's Chromium: each test is a defect it once had.
const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'report-page-'));

/** Runs both built-in profiles against their embedded mocks, with faults, and writes the reports as a run would. */
async function faultyRun(into: string): Promise<void> {
  const cfg = parseConfig({
    RUN_ID: 'page',
    MOCK_FAULTS: 'cloudpirates:lost-write,pulumi:wrong-type',
    CLOUDPIRATES_MOCK_LAG_MS: '100',
  });
  const tests: FinishedTest[] = [];
  const exchanges: Record<number, readonly ExchangeRecord[]> = {};
  const runs: RunRecord[] = [];
  for (const name of ['cloudpirates', 'pulumi']) {
    // A short consistency window: a lost write is given up on after twice the window, for each write lost.
    const builtIn = builtInProfile(name);
    const profile = { ...builtIn, consistency: { ...builtIn.consistency, windowMs: 1000 } };
    const mock = await EMBEDDED_MOCKS[profile.mock ?? '']?.(profile, cfg);
    try {
      const prepared = await prepare(resolveTarget(profile, cfg, mock?.url), cfg);
      const run = await runConformance(prepared);
      runs.push(runRecord(prepared.target, run));
      const byId = new Map(run.operations.map((o) => [o.operation.id, o]));
      for (const op of prepared.operations)
        for (const check of prepared.checks) {
          const record = testRecord(prepared.target, byId.get(op.id), op.tags[0] ?? 'untagged', check.name);
          exchanges[tests.length] = record.exchanges;
          const state =
            record.outcome === 'failed' || record.outcome === 'skipped' ? record.outcome : 'passed';
          tests.push({ record, state, durationMs: 1 });
        }
    } finally {
      await mock?.close();
    }
  }
  const startedAt = new Date().toISOString();
  writeReports(
    into,
    summarize({ tests, runs, startedAt, durationMs: 1, endReason: 'failed', errors: [] }),
    exchanges,
  );
}

/** A report of n operations whose every third check failed, written straight from a summary: for size and paging. */
function largeReport(into: string, n: number): void {
  const tests: FinishedTest[] = [];
  for (let i = 0; i < n; i++)
    for (const check of ['status', 'schema', 'auth'])
      tests.push({
        state: check === 'schema' && i % 3 === 0 ? 'failed' : 'passed',
        durationMs: 1,
        record: {
          api: 'big',
          tag: `tag${i % 7}`,
          operation: `op${i}`,
          method: 'GET',
          path: `/things${i}`,
          check,
          outcome: check === 'schema' && i % 3 === 0 ? 'failed' : 'passed',
          validated: true,
          findings: [],
          exchanges: [],
        },
      });
  const summary = summarize({
    tests,
    runs: [],
    startedAt: new Date().toISOString(),
    durationMs: 1,
    endReason: 'failed',
    errors: [],
  });
  writeReports(into, summary, {});
}

let browser: Browser;
const open = async (report: string): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${join(report, 'index.html')}`);
  expect(errors).toEqual([]);
  return page;
};
const groupHeadings = (page: Page) => page.locator('#matrix tr.group').allTextContents();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  await faultyRun(join(dir, 'faulty'));
  largeReport(join(dir, 'large'), 1000);
  // A run whose global set-up threw: vitest planned its files, then ended without running any.
  const crashed = new ConformanceReporter(join(dir, 'crashed'));
  crashed.onTestRunStart([{}, {}, {}] as unknown as TestSpecification[]);
  crashed.onTestRunEnd([], [], 'failed');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in Chromium', () => {
  it('heads each API › tag group once, with or without a filter', async () => {
    const page = await open(join(dir, 'faulty'));
    for (const outcome of ['', 'passed', 'failed', 'skipped']) {
      await page.selectOption('#f-outcome', outcome);
      const headings = await groupHeadings(page);
      expect(headings.length, outcome).toBeGreaterThan(0);
      expect(new Set(headings).size, `${outcome}: ${headings.join(', ')}`).toBe(headings.length);
    }
    // Pulumi's spec lists Stacks operations apart from each other: they still come under one heading.
    await page.selectOption('#f-outcome', '');
    expect((await groupHeadings(page)).filter((h) => h === 'pulumi › Stacks')).toHaveLength(1);
  });

  it('keeps a long schema pointer inside the details panel', async () => {
    const page = await open(join(dir, 'faulty'));
    await page.fill('#f-search', 'GetStack');
    await page.click('#matrix td.cell.failed[aria-label^="schema"]');
    const fit = await page.locator('#details').evaluate((d) => {
      const right = d.getBoundingClientRect().right;
      return {
        text: d.textContent ?? '',
        overflow: d.scrollWidth - d.clientWidth,
        past: [...d.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right + 0.5)
          .length,
      };
    });
    expect(fit.text).toContain('(schema openapi:doc#/components/schemas/AppStack/properties/version/type)');
    expect(fit.overflow).toBe(0);
    expect(fit.past).toBe(0);
  });

  it('charts a write that never showed as never visible, not as 0 ms', async () => {
    const page = await open(join(dir, 'faulty'));
    const chart = page.locator('#consistency svg.chart').first();
    const text = (await chart.textContent()) ?? '';
    expect(text).toContain('CreateWorkspace → GetWorkspace (create)');
    expect(await chart.locator('rect.never').count()).toBeGreaterThanOrEqual(1);
    expect(text).toContain('never visible');
    // Its bar says so, where a bar with a time would say `p50/max ms`.
    expect(text).toMatch(/CreateWorkspace → GetWorkspace \(create\)never visible/);
    const row = page.locator('#consistency table.pairs tr', { hasText: 'CreateWorkspace → GetWorkspace' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'CreateWorkspace → GetWorkspace (create)',
      '0',
      '–',
      '–',
      '–',
      'never-visible 1',
    ]);
  });

  it('draws every chart label inside its chart, none cut off on the left', async () => {
    const page = await open(join(dir, 'faulty'));
    const outside = await page.locator('svg.chart').evaluateAll((charts) =>
      charts.flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5;
          })
          .map((t) => t.textContent);
      }),
    );
    expect(await page.locator('svg.chart text').count()).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });

  it('keeps the details of a lost write to about a screen: one read open, the others one line each', async () => {
    const page = await open(join(dir, 'faulty'));
    await page.fill('#f-search', 'CreateWorkspace');
    await page.click('#matrix td.cell.failed[aria-label^="consistency"]');
    const details = page.locator('#details');
    expect(await details.textContent()).toContain('Lost write: never visible');
    const height = await details.evaluate((d) => d.scrollHeight);
    expect(height).toBeLessThan(1_600);
    expect(await details.locator('details.exchange[open]').count()).toBe(1);
    // The open one is a read of the workspace the write created, not the write.
    expect(await details.locator('details.exchange[open] pre.curl').textContent()).toMatch(
      /^curl -sS -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/v1\/workspaces\/\w+'/,
    );
  });

  it('moves through the matrix by keyboard and opens a cell with Enter', async () => {
    const page = await open(join(dir, 'faulty'));
    await page.focus('#f-search');
    await page.keyboard.press('Tab');
    const focused = () =>
      page.locator(':focus').evaluate((e) => {
        return {
          cell: e.matches('td.cell'),
          label: e.getAttribute('aria-label'),
          op: e.closest('tr')?.querySelector('.op span')?.textContent,
        };
      });
    const first = await focused();
    expect(first.cell).toBe(true);
    await page.keyboard.press('ArrowRight');
    const right = await focused();
    expect(right.cell).toBe(true);
    expect(right.op).toBe(first.op);
    expect(right.label).not.toBe(first.label);
    await page.keyboard.press('ArrowDown');
    const down = await focused();
    expect(down.cell).toBe(true);
    expect(down.op).not.toBe(first.op);
    await page.keyboard.press('Enter');
    expect(await page.locator('#details h3').textContent()).toContain(`› ${down.op} ›`);
    // One tab stop for the whole matrix: Tab leaves it.
    expect(await page.locator('#matrix td.cell[tabindex="0"]').count()).toBe(1);
  });

  it('shows a learned password in a curl as an environment reference that the shell fills in', async () => {
    const page = await open(join(dir, 'faulty'));
    await page.fill('#f-search', 'Login');
    await page.click('#matrix tr.op:has(.op span:text-is("Login")) td.cell.passed[aria-label^="status"]');
    const curl = (await page.locator('#details details.exchange[open] pre.curl').textContent()) ?? '';
    expect(curl).not.toContain('[redacted:');
    expect(curl).toMatch(/^# set PASSWORD first/);
    const sent = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${curl}`], {
      env: { PASSWORD: 'pieces-of-eight', CLOUDPIRATES_API_KEY: 'k' },
      encoding: 'utf8',
    });
    expect(sent).toMatch(/"password":"pieces-of-eight"/);
  });

  it('says a run whose set-up failed is incomplete, and why, instead of showing 0 of 0', async () => {
    const page = await open(join(dir, 'crashed'));
    const banner = page.locator('.banner.bad[role="alert"]');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toMatch(
      /^Incomplete run \(failed\): The run's set-up failed before any of its 3 test files ran/,
    );
    expect(await page.locator('.layout').textContent()).toBe('No check ran: the banner above says why.');
  });

  it('opens a 1,000-operation report with its first rows, draws more on scrolling, filters all and prints all', async () => {
    const page = await open(join(dir, 'large'));
    expect(await page.textContent('#shown')).toBe('1000 of 1000 operations shown');
    expect(await page.locator('#matrix tr.op').count()).toBe(200);
    await page.locator('#matrix tr.more').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('#matrix tr.op').count()).toBe(400);
    // The search covers operations not drawn yet.
    await page.fill('#f-search', 'op999');
    expect(await page.locator('#matrix tr.op').allTextContents()).toEqual(['op999GET /things999✓✗✓']);
    await page.fill('#f-search', '');
    await page.selectOption('#f-outcome', 'failed');
    expect(await page.textContent('#shown')).toBe('334 of 1000 operations shown');
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('#matrix tr.op').count()).toBe(334);
    expect(await page.locator('#matrix tr.group').count()).toBe(7);
  });
});
