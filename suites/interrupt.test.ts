import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type ExpectStatic, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createCloudPiratesMock } from '../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import type { MockResponse } from '../helpers/mocks/mock-types.ts';
import type { Summary } from '../helpers/report/summary.ts';

const CP = { apiKey: 'cpak-interrupt-key', accessToken: 'cpat-interrupt-token' };

/** How the signal comes: Ctrl-C in a terminal reaches the whole process group; a CI runner signals the process it started. */
type Sender = { signal: NodeJS.Signals; to: 'group' | 'main process' };

/**
 * Runs `npm run conformance` as a user does, against a "live" CloudPirates mock with writes allowed, and sends the
 * signal the moment the run's first create succeeds at the mock: the run is then surely among its writes.
 */
async function interruptedRun({ signal, to }: Sender, runId: string, expect: ExpectStatic) {
  const app = await createCloudPiratesMock({ ...CP, lagMs: 1500 });
  const answered: { method: string; path: string; status: number; id?: unknown }[] = [];
  let signalled = false;
  let child: ReturnType<typeof spawn> | undefined;
  const server = await startMockServer(
    {
      handle: (req): MockResponse | Promise<MockResponse> =>
        Promise.resolve(app.handle(req)).then((res) => {
          const id = (res.json as { workspaceId?: unknown } | undefined)?.workspaceId;
          answered.push({ method: req.method, path: req.path, status: res.status, id });
          // The first create that succeeds (the probes before it are refused): the run surely has something to delete.
          const create = req.method === 'POST' && req.path === '/v1/workspaces' && res.status === 201;
          if (!signalled && create && child?.pid) {
            signalled = true;
            // A negative pid signals the process group, as a terminal does.
            process.kill(to === 'group' ? -child.pid : child.pid, signal);
          }
          return res;
        }),
    },
    '/v1',
  );
  const state = mkdtempSync(join(tmpdir(), 'state-'));
  const reports = mkdtempSync(join(tmpdir(), 'reports-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CONFORMANCE_TARGETS: 'cloudpirates',
    CLOUDPIRATES_API_URL: server.url,
    CLOUDPIRATES_API_KEY: CP.apiKey,
    CLOUDPIRATES_BEARER_TOKEN: CP.accessToken,
    ALLOW_WRITES: 'true',
    RUN_ID: runId,
    CONFORMANCE_STATE_DIR: state,
    REPORTS_DIR: reports,
  };
  try {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      // Its own process group, like a job a shell starts in a terminal.
      child = spawn('npm', ['run', '--silent', 'conformance'], { env, detached: true });
      let out = '';
      child.stdout?.on('data', (d) => {
        out += d;
      });
      child.stderr?.on('data', (d) => {
        out += d;
      });
      child.on('exit', (code) => resolve({ code, out }));
    });
    // What the run created is gone once the mock's projections catch up: polled, not slept on.
    const listed = async () =>
      (
        await fetch(`${server.url}/workspaces?limit=100`, {
          headers: { authorization: `ApiKey ${CP.apiKey}` },
        })
      ).text();
    await expect.poll(listed, { timeout: 10_000, interval: 100 }).not.toContain(`${runId}-ws`);
    return { code, out, answered, reports, seeded: await listed() };
  } finally {
    await server.close();
  }
}

describe.concurrent('an interrupted run with writes allowed', () => {
  it.for<[string, Sender, string]>([
    ['Ctrl-C in a terminal (SIGINT to the process group)', { signal: 'SIGINT', to: 'group' }, 'int-group'],
    ['a CI runner stopping the job (SIGTERM to npm)', { signal: 'SIGTERM', to: 'main process' }, 'term-main'],
  ])(
    'on $0: exits 130, writes valid reports marked interrupted and deletes what it created',
    { timeout: 60_000 },
    async ([, sender, runId], { expect }) => {
      const { code, out, answered, reports, seeded } = await interruptedRun(sender, runId, expect);
      expect(out).toMatch(/^interrupted: reports written, nothing left behind$/m);
      expect(code).toBe(130);
      // The one workspace it created was deleted (a delete the run itself had under way may come first), and
      // no other workspace was touched.
      const created = answered.filter(
        (r) => r.method === 'POST' && r.path === '/v1/workspaces' && r.status === 201,
      );
      expect(created).toHaveLength(1);
      const deletes = answered.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/workspaces/'));
      expect(deletes.map((r) => r.path)).toContain(`/v1/workspaces/${created[0]?.id}`);
      expect(deletes.filter((r) => r.path.split('/').length === 4).map((r) => r.path)).toEqual(
        deletes.filter((r) => r.path.split('/').length === 4).map(() => `/v1/workspaces/${created[0]?.id}`),
      );
      expect(seeded).toContain('black-pearl');
      const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
      expect(summary).toMatchObject({ complete: false, endReason: 'interrupted' });
      // What was sent before the signal is judged; what was not is skipped, saying why.
      expect(summary.tests.some((t) => t.operation === 'ListWorkspaces' && t.outcome === 'passed')).toBe(
        true,
      );
      expect(summary.tests.map((t) => t.reason)).toContain(
        `not sent: the run was interrupted (${sender.signal})`,
      );
      const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
      expect(junit).toContain('<testcase');
      const validated = await validateXML({
        xml: [{ fileName: 'junit.xml', contents: junit }],
        schema: [{ fileName: 'junit.xsd', contents: readFileSync('helpers/report/junit.xsd', 'utf8') }],
      });
      expect(validated.errors, junit).toEqual([]);
    },
  );
});
