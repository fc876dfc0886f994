import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../helpers/report/summary.ts';

const exec = promisify(execFile);
const base = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  CLOUDPIRATES_MOCK_LAG_MS: '0',
  RUN_ID: 'shards',
  // Three checks of every operation of both APIs are enough to show each testcase lands in one shard only.
  CONFORMANCE_CHECKS: 'status,schema,auth',
};

async function conformance(env: Record<string, string>, args: string[] = []) {
  return exec(process.execPath, ['helpers/cli/launch.mjs', ...args], {
    env: { ...base, ...env },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
}

/** Every testcase of a JUnit file as `classname › name`, sorted, duplicates kept. */
const testcases = (junit: string) =>
  [...junit.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} › ${m[2]}`).sort();

const whole = mkdtempSync(join(tmpdir(), 'whole-'));
const merged = mkdtempSync(join(tmpdir(), 'merged-'));
const blobs = mkdtempSync(join(tmpdir(), 'blobs-'));
const shardReports = mkdtempSync(join(tmpdir(), 'shard-reports-'));

beforeAll(async () => {
  await conformance({ REPORTS_DIR: whole });
  await Promise.all(
    [1, 2].map((i) =>
      conformance({ BLOB_DIR: blobs, REPORTS_DIR: join(shardReports, `r${i}`) }, [`--shard=${i}/2`]),
    ),
  );
  await exec(process.execPath, ['node_modules/vitest/vitest.mjs', `--merge-reports=${blobs}`, '--run'], {
    env: { ...base, REPORTS_DIR: merged },
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
}, 300_000);

describe('sharded runs merged', () => {
  it('cover every testcase exactly once, the same as an unsharded run', () => {
    const a = testcases(readFileSync(join(whole, 'junit.xml'), 'utf8'));
    const b = testcases(readFileSync(join(merged, 'junit.xml'), 'utf8'));
    expect(a.length).toBeGreaterThan(150);
    expect(new Set(b).size).toBe(b.length);
    expect(b).toEqual(a);
  });

  it('give the same counts in the merged summary and HTML report as the unsharded run', () => {
    const a = JSON.parse(readFileSync(join(whole, 'summary.json'), 'utf8')) as Summary;
    const b = JSON.parse(readFileSync(join(merged, 'summary.json'), 'utf8')) as Summary;
    expect(b.totals).toEqual(a.totals);
    expect(b.targets.map((t) => t.api).sort()).toEqual(['cloudpirates', 'pulumi']);
    expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('CloudPirates API');
  });
});
