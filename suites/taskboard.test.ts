import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../helpers/config/env.ts';
import { loadProfileFile } from '../helpers/config/load-profile.ts';
import { cleanupAfterInterrupt } from '../helpers/engine/cleanup-after-interrupt.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createTaskboardMock } from '../helpers/mocks/taskboard/taskboard-mock.ts';
import type { Summary } from '../helpers/report/summary.ts';
import { runCli } from './fixtures/run-cli.ts';

const PROFILE = 'suites/fixtures/taskboard/profile.yaml';
const profile = loadProfileFile(PROFILE);
const TOKEN = 'tb-live-token-0000000000';

/** The fixture behind a recorder of every request: method and path. */
async function recordedTaskboard(lagMs = 60) {
  const app = await createTaskboardMock({ token: TOKEN, lagMs });
  const requests: { method: string; path: string }[] = [];
  const server = await startMockServer({
    handle: (req) => {
      requests.push({ method: req.method, path: req.path });
      return app.handle(req);
    },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  return { server, requests, call };
}

describe('the Taskboard fixture, run by a profile with only its spec, base URL and credential', () => {
  const reports = mkdtempSync(join(tmpdir(), 'taskboard-'));
  let run: { code: number; out: string };
  beforeAll(async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CONFORMANCE_TARGETS: 'none',
      CONFORMANCE_PROFILE: PROFILE,
      REPORTS_DIR: reports,
    };
    run = await runCli(env);
  }, 150_000);

  it('exercises every operation of an empty, lagging API whose every item path says {id}, and passes', () => {
    expect(run.out).toContain('Conformance run: taskboard: embedded mock');
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
    expect(summary.apis.taskboard).toMatchObject({ failed: 0 });
    const tests = summary.tests.filter((t) => t.api === 'taskboard');
    const operations = new Set(tests.map((t) => t.operation));
    expect(operations.size).toBe(14);
    // Every skip is a check that does not apply (no pagination, not a write, …): none lacks a value.
    const skips = tests.filter((t) => t.outcome === 'skipped').map((t) => t.reason ?? '');
    expect(skips.filter((r) => /no value|no resource|not sent|not run/.test(r))).toEqual([]);
    for (const operation of operations) {
      const ran = tests.filter((t) => t.operation === operation && t.outcome !== 'skipped');
      expect(
        ran.map((t) => t.check),
        operation,
      ).toEqual(expect.arrayContaining(['status', 'schema', 'headers']));
    }
    // Nested reads get their auth probes, list reads are validated with items in them, and writes are read back.
    const outcome = (operation: string, check: string) =>
      tests.find((t) => t.operation === operation && t.check === check);
    expect(outcome('getTask', 'auth')?.outcome).toBe('passed');
    expect(outcome('createTask', 'consistency')?.validated).toBe(true);
    expect(outcome('updateTask', 'consistency')?.validated).toBe(true);
    expect(outcome('deleteProject', 'consistency')?.validated).toBe(true);
    expect(summary.targets[0]?.leftovers).toEqual([]);
    const pairs = summary.consistency
      .find((c) => c.api === 'taskboard')
      ?.pairs.map((p) => `${p.write}→${p.read}`);
    expect(pairs).toEqual(
      expect.arrayContaining(['createProject→getProject', 'createTask→getTask', 'deleteTask→getTask']),
    );
  });
});

describe('the Taskboard fixture as a live target with writes allowed', () => {
  it('writes only to what the run created, and leaves nothing behind', async () => {
    const { server, requests, call } = await recordedTaskboard();
    try {
      // Someone else's project and task, there before the run.
      const theirs = await call('POST', '/projects', { name: 'Not yours' });
      const task = await call('POST', `/projects/${theirs?.id}/tasks`, { title: 'Keep me' });
      requests.length = 0;
      const cfg = parseConfig({
        TASKBOARD_URL: server.url,
        TASKBOARD_TOKEN: TOKEN,
        ALLOW_WRITES: 'true',
        RUN_ID: 'tb-live',
        CONFORMANCE_STATE_DIR: mkdtempSync(join(tmpdir(), 'state-')),
      });
      const result = await runConformance(await prepare(resolveTarget(profile, cfg), cfg));
      // The run's own writes address only what it made; probes of write methods under their project name ids that
      // were never created, so there is nothing of theirs to change.
      const writes = result.operations
        .flatMap((o) => o.exchanges)
        .filter(
          (e) => e.purpose.kind !== 'variant' && e.purpose.kind !== 'page' && e.request.method !== 'GET',
        )
        .map((e) => new URL(e.request.url).pathname);
      expect(writes.filter((p) => p.startsWith(`/projects/${theirs?.id}`))).toEqual([]);
      expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
      expect(await call('GET', `/projects/${theirs?.id}/tasks/${task?.id}`)).toMatchObject({
        title: 'Keep me',
      });
      expect(result.leftovers).toEqual([]);
      expect(await call('GET', '/projects')).toEqual([expect.objectContaining({ id: theirs?.id })]);
      const failures = result.operations.flatMap((o) =>
        Object.values(o.checks).flatMap((c) => c.findings.filter((f) => f.severity === 'error')),
      );
      expect(failures).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('deletes what an interrupted run created, from the registry it kept on disk, by each resource’s path', async () => {
    // No read lag: this test is about the registry, and its own reads must not see a write before or after it.
    const { server, call } = await recordedTaskboard(0);
    try {
      const project = await call('POST', '/projects', { name: 'Left by an interrupted run' });
      const task = await call('POST', `/projects/${project?.id}/tasks`, { title: 'also left' });
      const stateDir = mkdtempSync(join(tmpdir(), 'state-'));
      const cfg = parseConfig({
        TASKBOARD_URL: server.url,
        TASKBOARD_TOKEN: TOKEN,
        ALLOW_WRITES: 'true',
        RUN_ID: 'tb-cut',
        CONFORMANCE_STATE_DIR: stateDir,
      });
      const file = join(stateDir, 'created', 'taskboard-tb-cut.json');
      mkdirSync(join(stateDir, 'created'), { recursive: true });
      writeFileSync(
        file,
        JSON.stringify([
          { kind: '/projects/{}', values: [project?.id], createdBy: 'createProject' },
          { kind: '/projects/{}/tasks/{}', values: [project?.id, task?.id], createdBy: 'createTask' },
        ]),
      );
      const leftovers = await cleanupAfterInterrupt([resolveTarget(profile, cfg)], cfg);
      expect(leftovers).toEqual([]);
      expect(existsSync(file)).toBe(false);
      expect(await call('GET', `/projects/${project?.id}`)).toMatchObject({ code: 'not_found' });
    } finally {
      await server.close();
    }
  });
});

describe('a create that wrongly accepts a probe', () => {
  it('has what the probe made registered and torn down with the rest', async () => {
    const token = profile.credential?.mockValue ?? '';
    const app = await createTaskboardMock({ token, lagMs: 20 });
    // Creating a project works with any credential at all: each auth probe of createProject makes one.
    const server = await startMockServer({
      handle: (req) =>
        app.handle(
          req.method === 'POST' && req.path === '/projects'
            ? { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } }
            : req,
        ),
    });
    try {
      const cfg = parseConfig({ RUN_ID: 'tb-stray' });
      const result = await runConformance(await prepare(resolveTarget(profile, cfg, server.url), cfg));
      const creates = result.operations.find((o) => o.operation.id === 'createProject');
      expect(creates?.checks.auth?.status).toBe('failed');
      expect(result.leftovers).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const left = await fetch(`${server.url}/projects`, { headers: { authorization: `Bearer ${token}` } });
      expect(await left.json()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
