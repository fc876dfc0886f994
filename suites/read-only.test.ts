import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudPiratesMock } from '../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import type { MockApp } from '../helpers/mocks/mock-types.ts';
import { createPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';

const CP = { apiKey: 'cpak-read-only-key', accessToken: 'cpat-read-only-token' };
const P_TOKEN = 'pul-read-only-token-000000000000000000';
const reports = mkdtempSync(join(tmpdir(), 'read-only-'));

/** A "live" target on loopback that records the method and path of every request it receives. */
async function recording(app: MockApp, basePath = '') {
  const requests: string[] = [];
  const mock = await startMockServer(
    {
      handle: (req) => {
        requests.push(`${req.method} ${req.path}`);
        return app.handle(req);
      },
    },
    basePath,
  );
  return { mock, requests };
}

let cloudpirates: Awaited<ReturnType<typeof recording>>;
let pulumi: Awaited<ReturnType<typeof recording>>;
let run: { code: number; out: string };

beforeAll(async () => {
  cloudpirates = await recording(await createCloudPiratesMock({ ...CP, lagMs: 0 }), '/v1');
  pulumi = await recording(createPulumiMock({ accessToken: P_TOKEN }));
  // The release gate as CI runs it against staging, writes not allowed: conformance suites, Pact consumer
  // tests and the provider verification of both APIs against the live targets.
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    CLOUDPIRATES_API_URL: cloudpirates.mock.url,
    CLOUDPIRATES_API_KEY: CP.apiKey,
    CLOUDPIRATES_BEARER_TOKEN: CP.accessToken,
    PULUMI_API_URL: pulumi.mock.url,
    PULUMI_ACCESS_TOKEN: P_TOKEN,
    REPORTS_DIR: reports,
    CONFORMANCE_STATE_DIR: join(reports, 'state'),
  };
  // Asynchronous: the targets answer from this process while the gate runs.
  run = await promisify(execFile)(process.execPath, ['helpers/cli/launch.mjs', '--gate'], {
    env,
    timeout: 240_000,
    maxBuffer: 64 << 20,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}, 260_000);
afterAll(async () => {
  await cloudpirates.mock.close();
  await pulumi.mock.close();
});

describe('the release gate against live targets without writes allowed', () => {
  it('passes', () => {
    expect(run.code, run.out.slice(-3000)).toBe(0);
  });

  it('sends them only GET and HEAD, from every suite, the Pact provider verification included', () => {
    const writes = [...cloudpirates.requests, ...pulumi.requests].filter((r) => !/^(GET|HEAD) /.test(r));
    expect(writes).toEqual([]);
    // The verification did reach both targets: the interaction only the Pact consumer asks for arrived.
    expect(cloudpirates.requests).toContain('GET /v1/workspaces');
    expect(pulumi.requests).toContain('GET /api/user');
  });

  it('reports each interaction it left out as skipped, with the reason', () => {
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    // Both live verifications ran and passed; each says what it left out, and a skipped test carries the reasons.
    const verified = [
      ...junit.matchAll(
        /<testcase [^>]*live target &gt; passes on every interaction[^>]*>([\s\S]*?)<\/testcase>/g,
      ),
    ];
    expect(verified).toHaveLength(2);
    for (const [, body] of verified) expect(body).not.toMatch(/<failure|<skipped/);
    const skipped = [
      ...junit.matchAll(/<testcase [^>]*live target &gt; leaves out[^>]*>([\s\S]*?)<\/testcase>/g),
    ];
    expect(skipped.map(([, body]) => body?.includes('<skipped'))).toEqual([true, true]);
    const reasons = skipped.map(([, body]) => body ?? '').join('');
    expect(reasons).toContain(
      'a request to change the password with an API key: it sends POST /v1/auth/change-password: writes are not allowed against a live target (ALLOW_WRITES)',
    );
    expect(reasons).toMatch(/a request to create the workspace pact-ws: it sends POST \/v1\/workspaces/);
    expect(reasons).toMatch(/a request for the stack pact-new: its provider state &quot;[^&]+&quot; writes/);
  });
});
