import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import { createRedactor } from '../helpers/core/redact.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { createHttpClient } from '../helpers/http/client.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import type { MockApp } from '../helpers/mocks/mock-types.ts';
import { createPulumiMock, startPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import { fakeClock } from '../helpers/testing/fake-clock.ts';

const pulumi = builtInProfile('pulumi');
const P_TOKEN = 'pul-safety-token-000000000000000000000000000';
const SPEC = '/api/openapi/pulumi-spec.json';

/** A mock that records every request it receives: method, path and when (by the given clock). */
async function recorded(app: MockApp, basePath = '', now: () => number = () => performance.now()) {
  const requests: { method: string; path: string; at: number }[] = [];
  const server = await startMockServer(
    {
      handle: (req) => {
        requests.push({ method: req.method, path: req.path, at: now() });
        return app.handle(req);
      },
    },
    basePath,
  );
  return { server, requests };
}

/** Everything the Pulumi mock still lists that a run named with this id created. */
async function pulumiLeftovers(url: string, runId: string): Promise<string[]> {
  const get = async (path: string) =>
    (await fetch(`${url}${path}`, { headers: { authorization: `token ${P_TOKEN}` } })).text();
  const lists = await Promise.all(
    [
      '/api/user/stacks',
      '/api/orgs/acme/teams',
      '/api/orgs/acme/hooks',
      '/api/esc/environments/acme',
      '/api/user/tokens',
    ].map(get),
  );
  return lists.flatMap((text) => text.match(new RegExp(`${runId}[\\w-]*`, 'g')) ?? []);
}

async function runPulumi(url: string, env: Record<string, string>, profile: Profile = pulumi) {
  const cfg = parseConfig({ PULUMI_API_URL: url, PULUMI_ACCESS_TOKEN: P_TOKEN, ...env });
  return runConformance(await prepare(resolveTarget(profile, cfg), cfg));
}

describe('against a live target', () => {
  it('sends only GET and HEAD unless writes are allowed', async () => {
    const { server, requests } = await recorded(createPulumiMock({ accessToken: P_TOKEN }));
    try {
      await runPulumi(server.url, { RUN_ID: 'safe-ro' });
      expect(new Set(requests.map((r) => r.method))).toEqual(new Set(['GET', 'HEAD']));
    } finally {
      await server.close();
    }
  });

  it('with writes allowed, sends the probes of writes too: a write that accepts an unknown token is caught, and what the accepted probes created is deleted', async () => {
    const app = createPulumiMock({ accessToken: P_TOKEN, faults: ['write-accepts-unknown-token'] });
    const { server, requests } = await recorded(app);
    try {
      const run = await runPulumi(server.url, {
        RUN_ID: 'probe-rw',
        SEED: '5',
        ALLOW_WRITES: 'true',
        CONFORMANCE_STATE_DIR: mkdtempSync(join(tmpdir(), 'state-')),
      });
      const create = run.operations.find((o) => o.operation.id === 'CreatePulumiTeam');
      expect(create?.checks.auth?.findings.map((f) => f.title)).toEqual(['Not refused: unknown-credential']);
      // Negative and boundary probes of writes went out as well; boundary bodies that create are torn down.
      expect(create?.checks['negative-data']?.status).toBe('passed');
      expect(
        requests.filter((r) => r.method === 'POST' && r.path === '/api/orgs/acme/teams/pulumi').length,
      ).toBeGreaterThan(5);
      expect(run.leftovers).toEqual([]);
      expect(await pulumiLeftovers(server.url, 'probe-rw')).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('with writes allowed, names what it creates after the run and leaves none of it behind, even where its own deletes are excluded', async () => {
    const { server, requests } = await recorded(createPulumiMock({ accessToken: P_TOKEN }));
    try {
      // Deleting stacks and teams is excluded from the run itself: teardown must still remove them.
      const profile: Profile = { ...pulumi, writes: { exclude: ['DeleteStack', 'DeleteTeam'] } };
      const run = await runPulumi(
        server.url,
        {
          RUN_ID: 'safe-rw',
          ALLOW_WRITES: 'true',
          CONFORMANCE_STATE_DIR: mkdtempSync(join(tmpdir(), 'state-')),
        },
        profile,
      );
      expect(requests.some((r) => r.method === 'POST' && r.path === '/api/stacks/acme/website')).toBe(true);
      expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(
        expect.arrayContaining([
          '/api/stacks/acme/website/safe-rw-stack-renamed',
          '/api/orgs/acme/teams/safe-rw-team',
        ]),
      );
      expect(run.leftovers).toEqual([]);
      expect(await pulumiLeftovers(server.url, 'safe-rw')).toEqual([]);
      // It never deleted what it did not create: the seeded stack, team and webhook are all still there.
      expect(
        requests.filter((r) => r.method === 'DELETE' && /production|platform|deploy-notify/.test(r.path)),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('stops cleanly when the request budget is spent, and never sends more', async () => {
    const { server, requests } = await recorded(createPulumiMock({ accessToken: P_TOKEN }));
    try {
      const run = await runPulumi(server.url, { RUN_ID: 'budget', MAX_REQUESTS: '25' });
      // The budget covers the run's requests; the spec download before it is one more.
      expect(requests.filter((r) => r.path !== SPEC).length).toBe(25);
      expect(run.http.stopped).toBe('the request budget is spent (MAX_REQUESTS=25)');
      // What did not go out is skipped with the reason: whole operations, or the checks whose probes were left.
      const notSent = (reason: string | undefined) =>
        reason?.startsWith('not sent: the request budget is spent') === true;
      const skips = run.operations.flatMap((o) => [
        ...(notSent(o.skipped) ? [o.operation.id] : []),
        ...Object.entries(o.checks).flatMap(([check, c]) =>
          c.status === 'skipped' && notSent(c.reason) ? [`${o.operation.id}/${check}`] : [],
        ),
      ]);
      expect(skips.length).toBeGreaterThan(0);
      expect(run.stoppedEarly?.reason).toBe('the request budget is spent (MAX_REQUESTS=25)');
    } finally {
      await server.close();
    }
  });

  it('keeps to the rate limit: the i-th request arrives no earlier than its slot, i × 1000/rate ms', async () => {
    // The limiter's own clock, injected: the test judges the schedule it made, not how busy the machine is.
    const clock = fakeClock();
    const { server, requests } = await recorded(
      createPulumiMock({ accessToken: P_TOKEN }),
      '',
      clock.elapsed,
    );
    const cfg = parseConfig({ PULUMI_API_URL: server.url, PULUMI_ACCESS_TOKEN: P_TOKEN, RUN_ID: 'rate' });
    const prepared = await prepare(resolveTarget(pulumi, cfg), cfg);
    const client = createHttpClient({
      timeoutMs: 10_000,
      concurrency: 4,
      redact: createRedactor(prepared.target.secrets),
      limits: { maxRequests: 60, ratePerSecond: 40 },
      clock,
    });
    try {
      await runConformance(prepared, client);
      const arrivals = requests
        .filter((r) => r.path !== SPEC)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      expect(arrivals).toHaveLength(60);
      // Every request was admitted through the limiter, four at a time over the wire, at 40 requests per second.
      arrivals.forEach((at, i) => {
        expect(at, `request ${i + 1}`).toBeGreaterThanOrEqual(i * 25);
      });
      // And no slower than it must: the last of the 60 slots is at 59 × 25 ms.
      expect(clock.elapsed()).toBe(59 * 25);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('chaos on the wire', () => {
  it('completes the run with a clear finding on every affected operation and writes the reports', async () => {
    const mock = await startPulumiMock({ accessToken: P_TOKEN, chaos: true });
    try {
      const run = await runPulumi(mock.url, {
        RUN_ID: 'chaos',
        REQUEST_TIMEOUT_MS: '400',
        RETRY_BACKOFF_MS: '20',
      });
      const titles = (id: string) =>
        run.operations
          .find((o) => o.operation.id === id)
          ?.checks.status?.findings.map((f) => `${f.severity}: ${f.title}`) ?? [];
      const schema = (id: string) =>
        run.operations.find((o) => o.operation.id === id)?.checks.schema?.findings.map((f) => f.title) ?? [];
      expect(titles('ListTeams')).toEqual(['error: No response']);
      expect(titles('ListOrganizationWebhooks')).toEqual(['error: No response']);
      expect(
        run.operations.find((o) => o.operation.id === 'ListOrganizationWebhooks')?.exchanges[0]?.error,
      ).toMatch(/^timed out after 400 ms/);
      expect(schema('ListPersonalTokens')).toEqual(['Body is not valid JSON']);
      expect(schema('Capabilities')).toEqual(['Body is not valid JSON']);
      expect(titles('GetCurrentUser')).toEqual(['warning: Answered after 2 retries']);
      expect(titles('GetOrganization')).toEqual(['warning: Answered after 1 retries']);
      expect(run.http.rateLimited).toBe(1);
      expect(run.leftovers).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
