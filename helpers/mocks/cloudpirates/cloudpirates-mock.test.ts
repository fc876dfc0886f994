import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../mock-server.ts';
import { startCloudPiratesMock } from './cloudpirates-mock.ts';

const KEY = 'cpak-test';
const BEARER = 'cpat-test';

/** A client that calls the running mock over loopback, as the suite does. */
function clientOf(mock: RunningMock) {
  return async (method: string, path: string, body?: unknown, auth = `ApiKey ${KEY}`) => {
    const res = await fetch(`${mock.url}${path}`, {
      method,
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

describe('the CloudPirates mock with its default lag', () => {
  let mock: RunningMock;
  let call: ReturnType<typeof clientOf>;
  // The projections' clock, moved by the test, and no jitter (300 ms × 1): the lag is judged on the mock's own
  // schedule, whatever the load.
  let now = 0;
  const wait = (ms: number) => {
    now += ms;
  };
  beforeAll(async () => {
    mock = await startCloudPiratesMock({
      apiKey: KEY,
      accessToken: BEARER,
      lagMs: 300,
      now: () => now,
      random: () => 0.5,
    });
    call = clientOf(mock);
  });
  afterAll(() => mock.close());

  it('answers a naive read right after a create with 404 or 403, and with 200 once projected', async () => {
    const created = await call('POST', '/workspaces', { workspaceName: 'Race', workspaceKey: 'race-1' });
    expect(created.status).toBe(201);
    const id = created.body.workspaceId as string;
    const immediate = await call('GET', `/workspaces/${id}`);
    expect([404, 403]).toContain(immediate.status);
    expect(immediate.body).toEqual(
      immediate.status === 404
        ? { status: 404, message: 'Not found' }
        : { status: 403, message: 'Forbidden' },
    );
    wait(299);
    expect([404, 403]).toContain((await call('GET', `/workspaces/${id}`)).status);
    wait(1);
    expect((await call('GET', `/workspaces/${id}`)).status).toBe(200);
  });

  it('keeps a deleted resource readable until the deletion is projected', async () => {
    const id = (await call('POST', '/workspaces', { workspaceName: 'Gone', workspaceKey: 'gone-1' })).body
      .workspaceId;
    wait(300);
    expect((await call('DELETE', `/workspaces/${id}`)).status).toBe(204);
    expect((await call('GET', `/workspaces/${id}`)).status).toBe(200);
    wait(299);
    expect((await call('GET', `/workspaces/${id}`)).status).toBe(200);
    wait(1);
    expect([404, 403]).toContain((await call('GET', `/workspaces/${id}`)).status);
  });
});

describe('the CloudPirates mock without lag', () => {
  let mock: RunningMock;
  let call: ReturnType<typeof clientOf>;
  beforeAll(async () => {
    mock = await startCloudPiratesMock({ apiKey: KEY, accessToken: BEARER, lagMs: 0 });
    call = clientOf(mock);
  });
  afterAll(() => mock.close());

  it('reads its own writes at once', async () => {
    const id = (await call('POST', '/workspaces', { workspaceName: 'Now', workspaceKey: 'now-1' })).body
      .workspaceId;
    expect((await call('GET', `/workspaces/${id}`)).body).toMatchObject({
      workspaceId: id,
      workspaceKey: 'now-1',
      workspaceDomain: 'now-1.cloudpirates.io',
    });
  });

  it('refuses API keys where the API does, and accepts a bearer token there', async () => {
    const body = { existingPassword: 'pieces-of-eight', password: 'pieces-of-eight' };
    expect(await call('POST', '/auth/change-password', body)).toMatchObject({
      status: 403,
      body: { code: 'API_KEY_NOT_ALLOWED' },
    });
    expect((await call('POST', '/auth/change-password', body, `Bearer ${BEARER}`)).status).toBe(204);
    expect((await call('GET', '/auth/api-keys')).status).toBe(403);
  });

  it('answers 401 in both documented shapes', async () => {
    expect(await call('GET', '/workspaces', undefined, '')).toMatchObject({
      status: 401,
      body: { status: 401, message: 'Unauthorized' },
    });
    expect(await call('GET', '/auth/me', undefined, 'ApiKey wrong')).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED', message: 'Unauthorized' },
    });
  });

  it('validates bodies with the AJV 400 shape and business rules with the other', async () => {
    const extra = await call('POST', '/workspaces', {
      workspaceName: 'X',
      workspaceKey: 'x-1',
      colour: 'red',
    });
    expect(extra).toMatchObject({
      status: 400,
      body: { status: 400, keyword: 'additionalProperties', params: { additionalProperty: 'colour' } },
    });
    const key = await call('POST', '/workspaces', { workspaceName: 'X', workspaceKey: 'Not Valid' });
    expect(key).toMatchObject({ status: 400, body: { keyword: 'pattern', instancePath: '/workspaceKey' } });
    const [ws] = (await call('GET', '/workspaces')).body;
    const role = await call('POST', `/workspaces/${ws.workspaceId}/invitations`, {
      email: 'a@example.com',
      role: 'member',
    });
    expect(role).toMatchObject({ status: 400, body: { keyword: 'enum', instancePath: '/role' } });
    const past = await call('POST', `/workspaces/${ws.workspaceId}/invitations`, {
      email: 'a@example.com',
      role: 'MEMBER',
      invitationExpireDate: '2020-01-01T00:00:00Z',
    });
    expect(past).toMatchObject({ status: 400, body: { status: 400, path: '/invitationExpireDate' } });
  });

  it('answers 409 on duplicate workspace keys and invitations, 501 where the API does', async () => {
    expect((await call('POST', '/workspaces', { workspaceName: 'Dup', workspaceKey: 'dup-1' })).status).toBe(
      201,
    );
    expect(await call('POST', '/workspaces', { workspaceName: 'Dup', workspaceKey: 'dup-1' })).toMatchObject({
      status: 409,
      body: { status: 409 },
    });
    const [ws] = (await call('GET', '/workspaces')).body;
    const invite = { email: 'crew@example.com', role: 'VIEWER' };
    expect((await call('POST', `/workspaces/${ws.workspaceId}/invitations`, invite)).status).toBe(201);
    expect((await call('POST', `/workspaces/${ws.workspaceId}/invitations`, invite)).status).toBe(409);
    expect(
      (
        await call('POST', `/workspaces/${ws.workspaceId}/clusters`, {
          clusterName: 'm',
          clusterType: 'MANAGED',
        })
      ).status,
    ).toBe(501);
    expect((await call('POST', `/workspaces/${ws.workspaceId}/applications`, {})).status).toBe(501);
  });

  it('paginates with x-Total, x-Limit, x-Offset, a Link header and a bare array', async () => {
    const page = await call('GET', '/workspaces?limit=2&offset=2');
    expect(Array.isArray(page.body)).toBe(true);
    expect(page.body).toHaveLength(2);
    expect(page.headers.get('x-limit')).toBe('2');
    expect(page.headers.get('x-offset')).toBe('2');
    const total = Number(page.headers.get('x-total'));
    expect(total).toBeGreaterThanOrEqual(5);
    const link = page.headers.get('link') ?? '';
    for (const rel of ['first', 'prev', 'next', 'last']) expect(link).toContain(`rel="${rel}"`);
    expect(link).toContain(`${mock.url}/workspaces?limit=2&offset=4>; rel="next"`);
    expect((await call('GET', '/workspaces?limit=500')).status).toBe(400);
  });
});

describe('the CloudPirates mock with the flapping-read fault', () => {
  it('misses a new workspace on every second read once visible, however late the first read comes; seeded ones never', async () => {
    let now = 0;
    const mock = await startCloudPiratesMock({
      apiKey: KEY,
      accessToken: BEARER,
      lagMs: 100,
      now: () => now,
      faults: ['flapping-read'],
    });
    const call = clientOf(mock);
    try {
      const id = (await call('POST', '/workspaces', { workspaceName: 'Flap', workspaceKey: 'flap-1' })).body
        .workspaceId as string;
      // The reader comes back long after the projection: no 404 before the first visible read.
      now += 10_000;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call('GET', `/workspaces/${id}`)).status);
      expect(statuses).toEqual([200, 404, 200, 404]);
      const [seeded] = (await call('GET', '/workspaces')).body;
      const seededStatuses = [];
      for (let i = 0; i < 3; i++)
        seededStatuses.push((await call('GET', `/workspaces/${seeded.workspaceId}`)).status);
      expect(seededStatuses).toEqual([200, 200, 200]);
    } finally {
      await mock.close();
    }
  });
});
