import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../helpers/mocks/mock-server.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';

// A "live" Pulumi target with writes allowed: the run creates a personal token, and the API hands out its value.
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
    CONFORMANCE_TARGETS: 'pulumi',
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
