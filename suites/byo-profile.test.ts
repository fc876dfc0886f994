import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../helpers/report/summary.ts';
import { startBookshop } from './fixtures/bookshop/server.ts';
import { runCli } from './fixtures/run-cli.ts';

const KEY = 'bookshop-fixture-key-0042';
let bookshop: { url: string; specUrl: string; server: Server };
const reports = mkdtempSync(join(tmpdir(), 'byo-'));
let run: { code: number; out: string };

beforeAll(async () => {
  bookshop = await startBookshop(KEY);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CONFORMANCE_TARGETS: 'none',
    CONFORMANCE_PROFILE: 'suites/fixtures/bookshop/profile.yaml',
    BOOKSHOP_SPEC: bookshop.specUrl,
    BOOKSHOP_API_KEY: KEY,
    REPORTS_DIR: reports,
  };
  // Asynchronous: the fixture server answers from this process while the run goes.
  run = await runCli(env);
}, 150_000);
afterAll(() => new Promise<void>((resolve) => bookshop.server.close(() => resolve())));

describe('a third API, described by a profile file alone', () => {
  it('runs every check against it and passes, with its base URL taken from the spec servers', () => {
    expect(run.out).toContain('Conformance run: bookshop:');
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
    expect(summary.targets).toEqual([
      expect.objectContaining({ api: 'bookshop', baseUrl: `${bookshop.url}/api`, live: true }),
    ]);
    expect(summary.apis.bookshop).toMatchObject({ failed: 0 });
    const ran = (operation: string, check: string) =>
      summary.tests.find((t) => t.operation === operation && t.check === check)?.outcome;
    expect(ran('getBook', 'schema')).toBe('passed');
    expect(ran('listBooks', 'auth')).toBe('passed');
    expect(ran('health', 'auth')).toBe('skipped');
    expect(ran('deleteBook', 'consistency')).toBe('passed');
    expect(summary.consistency[0]?.pairs.map((p) => `${p.write}→${p.read}`)).toEqual([
      'createBook→getBook',
      'deleteBook→getBook',
    ]);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain(
      'classname="bookshop.books.createBook"',
    );
  });
});
