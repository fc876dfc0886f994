import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { RunningMock } from '../helpers/mocks/mock-server.ts';
import { startPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import type { Summary } from '../helpers/report/summary.ts';

// A token no run would produce by chance: if it shows up in any output, redaction failed.
const TOKEN = 'pul-0ddba11c0ffee5ecre7a1b2c3d4e5f60718293a4';
const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'reports-'));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const files = (root: string): string[] =>
  readdirSync(root).flatMap((f) =>
    statSync(join(root, f)).isDirectory() ? files(join(root, f)) : [join(root, f)],
  );

let mock: RunningMock;
let run: { code: number | null; out: string };

beforeAll(async () => {
  // A "live" Pulumi target (a mock accepting the distinctive token, with two faults) and the embedded CloudPirates
  // mock losing its writes.
  mock = await startPulumiMock({
    accessToken: TOKEN,
    faults: ['missing-required-field', 'accepts-no-credentials'],
  });
  // Asynchronous on purpose: the mock answers from this process, so it must not be blocked while the run goes.
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PULUMI_API_URL: mock.url,
    PULUMI_ACCESS_TOKEN: TOKEN,
    REPORTS_DIR: dir,
    MOCK_FAULTS: 'cloudpirates:lost-write',
    NO_COLOR: '1',
  };
  const result = await promisify(execFile)(process.execPath, ['helpers/cli/launch.mjs'], {
    env,
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
  run = { code: result.code, out: stripVTControlCharacters(`${result.stdout}${result.stderr}`) };
}, 200_000);
afterAll(() => mock.close());

describe('the reports of a run with failures and races', () => {
  it('fails the run with exit code 1 and never shows the token, in reports or on the console', () => {
    expect(run.code).toBe(1);
    expect(run.out).not.toContain(TOKEN);
    const written = files(dir);
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      expect.arrayContaining(['index.html', 'junit.xml', 'summary.json']),
    );
    for (const file of written) expect(readFileSync(file, 'utf8'), file).not.toContain(TOKEN);
  });

  it('writes a summary that matches its documented schema and counts the faults and races', () => {
    const summary = JSON.parse(read('summary.json')) as Summary;
    const ajv = new Ajv2020({ allErrors: true });
    addFormatsModule.default(ajv as never);
    const validate = ajv.compile(JSON.parse(readFileSync('helpers/report/summary.schema.json', 'utf8')));
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary).toMatchObject({ complete: true, endReason: 'failed' });
    expect(
      summary.tests
        .filter((t) => t.outcome === 'failed')
        .map((t) => `${t.operation}/${t.check}`)
        .sort(),
    ).toEqual([
      'CreateCluster/consistency',
      'CreateWorkspace/consistency',
      'GetCurrentUser/schema',
      'GetOrganization/auth',
    ]);
    expect(summary.apis.cloudpirates?.races).toBeGreaterThan(0);
    // Races are read-after-write races only; other warnings have their own count.
    const raced = summary.tests.filter((x) => x.outcome === 'race');
    expect(raced.every((x) => x.check === 'consistency')).toBe(true);
    expect(summary.totals.races).toBe(raced.length);
    expect(summary.totals.warnings).toBe(summary.tests.filter((x) => x.outcome === 'warning').length);
    expect(summary.targets.find((t) => t.api === 'pulumi')).toMatchObject({ live: true, baseUrl: mock.url });
    // A check that ran without validating anything is counted and marked as such, never as a plain pass.
    const hollow = summary.tests
      .filter((x) => !x.validated && x.outcome === 'passed')
      .map((x) => `${x.operation}/${x.check}`);
    expect(hollow).toContain('ProjectExists/schema');
    expect(summary.totals.unvalidated).toBe(
      hollow.length + summary.tests.filter((x) => !x.validated && x.outcome === 'race').length,
    );
  });

  it('writes a JUnit file that validates against the JUnit schema, with vitest counts, reproductions, races and timestamps', async () => {
    const junit = read('junit.xml');
    const result = await validateXML({
      xml: [{ fileName: 'junit.xml', contents: junit }],
      schema: [{ fileName: 'junit.xsd', contents: readFileSync('helpers/report/junit.xsd', 'utf8') }],
    });
    expect(result.errors).toEqual([]);
    const summary = JSON.parse(read('summary.json')) as Summary;
    const { totals: t, otherTests: o } = summary;
    const [failed, skipped, total] = [t.failed + o.failed, t.skipped + o.skipped, t.tests + o.tests];
    expect(run.out).toMatch(
      new RegExp(
        `^Conformance: ${t.tests} checks: ${t.passed} passed .*, ${t.failed} failed, ${t.skipped} skipped`,
        'm',
      ),
    );
    expect(junit).toMatch(
      new RegExp(
        `<testsuites name="api-conformance" tests="${total}" failures="${failed}" errors="0" time="[\\d.]+" timestamp="\\d{4}-`,
      ),
    );
    expect(junit.match(/<testcase /g)).toHaveLength(total);
    // CI test tabs show a skip's message: every skipped testcase says why.
    expect(junit.match(/<skipped message="[^"]+"\/>/g)).toHaveLength(skipped);
    expect(junit).not.toContain('<skipped/>');
    expect(junit).toMatch(
      /<testcase classname="pulumi.Users.GetCurrentUser" name="pagination \(GET \/api\/user\)" time="[\d.]+">\s*<skipped message="the profile describes no pagination"\/>/,
    );
    expect(
      junit.match(/<testsuite name="[^"]+" timestamp="\d{4}-\d\d-\d\dT/g)?.length,
    ).toBeGreaterThanOrEqual(2);
    expect(junit).toContain(
      '<testcase classname="pulumi.Users.GetCurrentUser" name="schema (GET /api/user)"',
    );
    const failure = junit.slice(junit.indexOf('<failure message="Response body violates the schema'));
    expect(failure).toMatch(/Documented: must have required property (?:&apos;|')email(?:&apos;|')/);
    expect(failure).toContain(`curl -sS -i -X GET '${mock.url}/api/user'`);
    expect(failure).toContain(`-H 'Authorization: token '&quot;$PULUMI_ACCESS_TOKEN&quot;`);
    expect(failure).toContain('HTTP 200');
    expect(junit).toMatch(/<property name="warning" value="Read-after-write race: visible after \d+ ms:/);
    // A lost write: the body repeats the read that never showed it, not the write.
    const lost = junit.slice(
      junit.indexOf('classname="cloudpirates.workspaces.CreateWorkspace" name="consistency'),
    );
    const body = lost.slice(lost.indexOf('<failure'), lost.indexOf('</failure>'));
    expect(body).toContain('Lost write: never visible');
    expect(body).toMatch(
      /--- GetWorkspace \(read after CreateWorkspace #\d+\) ---\ncurl -sS -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/v1\/workspaces\/\w+'/,
    );
    expect(body).not.toContain('-X POST');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in headless Chromium', () => {
  it("shows the counts, filters, shows a cell's details, fetches nothing and is captured as a screenshot", async () => {
    const summary = JSON.parse(read('summary.json')) as Summary;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const url = `file://${join(dir, 'index.html')}`;
      await page.goto(url);
      const t = summary.totals;
      expect(await page.textContent('#totals')).toBe(
        `${t.passed} passed${t.failed} failed${t.skipped} skipped${t.races} races${t.warnings} warnings${t.unvalidated} not validated`,
      );
      const operations = new Set(summary.tests.map((x) => `${x.api}/${x.operation}`)).size;
      expect(await page.textContent('#shown')).toBe(`${operations} of ${operations} operations shown`);
      expect(await page.locator('#matrix td.cell').count()).toBe(summary.tests.length);
      await page.selectOption('#f-outcome', 'failed');
      expect(await page.textContent('#shown')).toBe(`4 of ${operations} operations shown`);
      await page.selectOption('#f-outcome', '');
      await page.fill('#f-search', 'webhook');
      expect(await page.locator('#matrix tr.op:not([hidden])').count()).toBe(4);
      await page.fill('#f-search', '');
      await page.selectOption('#f-outcome', 'failed');
      await page.click('#matrix td.cell.failed[aria-label^="schema"]');
      const details = (await page.textContent('#details')) ?? '';
      expect(details).toContain('pulumi › GetCurrentUser › schema');
      expect(details).toContain("Documented: must have required property 'email'");
      expect(details).toContain('curl -sS -i -X GET');
      expect(details).toContain('token $PULUMI_ACCESS_TOKEN');
      expect(await page.locator('#consistency svg.chart').count()).toBeGreaterThanOrEqual(1);
      expect(requests).toEqual([url]);
      mkdirSync('reports', { recursive: true });
      await page.screenshot({ path: resolve('reports/html-report.png'), fullPage: false });
      expect(statSync('reports/html-report.png').size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});
