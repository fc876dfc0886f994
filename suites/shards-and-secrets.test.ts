import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../helpers/mocks/mock-server.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import type { Summary } from '../helpers/report/summary.ts';

// A "live" Pulumi target with writes allowed: the run creates a personal token, and the API hands out its value.
// Beside it, the embedded CloudPirates mock: the same runs, sharded and merged, show each testcase lands in one
// shard only (one set of runs for both, as each whole run costs a few seconds of CPU).
const TOKEN = 'pul-secrets-test-configured-0000000000000';
const root = mkdtempSync(join(tmpdir(), 'secrets-'));
const dir = (name: string) => join(root, name);
const files = (at: string): string[] =>
  readdirSync(at).flatMap((f) => (statSync(join(at, f)).isDirectory() ? files(join(at, f)) : [join(at, f)]));

const handedOut: string[] = [];
const consoles: string[] = [];
let mock: RunningMock;

/** Runs the CLI (or the merge) as CI does, keeping its console output. */
async function cli(args: string[], env: Record<string, string>): Promise<void> {
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    PULUMI_API_URL: mock.url,
    PULUMI_ACCESS_TOKEN: TOKEN,
    ALLOW_WRITES: 'true',
    CONFORMANCE_TARGETS: 'pulumi,cloudpirates',
    CLOUDPIRATES_MOCK_LAG_MS: '0',
    // The same generated probes in every run, so the whole run and the merged shards can be compared.
    SEED: '20261123',
    CONFORMANCE_STATE_DIR: dir('state'),
  };
  const out = await promisify(execFile)(process.execPath, args, {
    env: { ...base, ...env },
    timeout: 150_000,
    maxBuffer: 64 << 20,
  }).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
  );
  consoles.push(out);
}

beforeAll(async () => {
  const app = createPulumiMock({ accessToken: TOKEN });
  mock = await startMockServer({
    handle: async (req) => {
      const answer = await app.handle(req);
      const value = (answer.json as { tokenValue?: unknown } | undefined)?.tokenValue;
      if (typeof value === 'string') handedOut.push(value);
      return answer;
    },
  });
  const conformance = ['helpers/cli/launch.mjs'];
  // Asynchronous: the mock answers from this process while the runs go.
  await Promise.all([
    cli(conformance, { RUN_ID: 'secrets-whole', REPORTS_DIR: dir('whole') }),
    cli([...conformance, '--shard=1/2'], {
      RUN_ID: 'secrets-s1',
      REPORTS_DIR: dir('s1'),
      BLOB_DIR: dir('blobs'),
    }),
    cli([...conformance, '--shard=2/2'], {
      RUN_ID: 'secrets-s2',
      REPORTS_DIR: dir('s2'),
      BLOB_DIR: dir('blobs'),
    }),
  ]);
  await cli(['node_modules/vitest/vitest.mjs', `--merge-reports=${dir('blobs')}`, '--run'], {
    REPORTS_DIR: dir('merged'),
  });
}, 300_000);
afterAll(() => mock.close());

describe('a token the API hands out during a run', () => {
  it('is created by the runs: one per run that exercised the Pulumi target', () => {
    expect(handedOut).toHaveLength(2);
  });

  it('appears in no file any run wrote (reports, blob reports, merged reports, state) and on no console', () => {
    const written = files(root);
    expect(written.map((f) => f.slice(root.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'whole/index.html',
        'whole/junit.xml',
        'whole/summary.json',
        'blobs/blob-1-2.json',
        'blobs/blob-2-2.json',
        'merged/index.html',
        'merged/junit.xml',
        'merged/summary.json',
      ]),
    );
    // Reported as where it leaked, not as the whole file.
    const leaks = handedOut.flatMap((token) => [
      ...written.filter((file) => readFileSync(file, 'utf8').includes(token)),
      ...consoles.flatMap((out, i) => (out.includes(token) ? [`console of run ${i + 1}`] : [])),
    ]);
    expect(leaks).toEqual([]);
  });

  it('is recorded, redacted by its field name, where the exchange is shown', () => {
    const shown = (file: string) => readFileSync(dir(file), 'utf8').includes('[redacted:tokenValue]');
    expect(['whole/index.html', 'merged/index.html'].filter(shown)).toEqual([
      'whole/index.html',
      'merged/index.html',
    ]);
    expect(['blobs/blob-1-2.json', 'blobs/blob-2-2.json'].some(shown)).toBe(true);
  });
});

/** Every testcase of a JUnit file as `classname › name`, sorted, duplicates kept. */
const testcases = (junit: string) =>
  [...junit.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} › ${m[2]}`).sort();

describe('sharded runs merged', () => {
  it('cover every testcase exactly once, the same as an unsharded run', () => {
    const whole = testcases(readFileSync(dir('whole/junit.xml'), 'utf8'));
    const merged = testcases(readFileSync(dir('merged/junit.xml'), 'utf8'));
    expect(whole.length).toBeGreaterThan(150);
    expect(new Set(merged).size).toBe(merged.length);
    expect(merged).toEqual(whole);
  });

  it('give the same counts in the merged summary and HTML report as the unsharded run', () => {
    const whole = JSON.parse(readFileSync(dir('whole/summary.json'), 'utf8')) as Summary;
    const merged = JSON.parse(readFileSync(dir('merged/summary.json'), 'utf8')) as Summary;
    expect(merged.totals).toEqual(whole.totals);
    expect(merged.targets.map((t) => t.api).sort()).toEqual(['cloudpirates', 'pulumi']);
    expect(readFileSync(dir('merged/index.html'), 'utf8')).toContain('CloudPirates API');
  });
});
