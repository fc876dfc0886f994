// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${workspaceId} is a Pact provider-state expression, literal text.
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudpiratesClient } from '../../helpers/clients/cloudpirates-client.ts';
import { ApiError } from '../../helpers/clients/http-json.ts';
import { config } from '../../helpers/config/env.ts';
import { startCloudPiratesMock } from '../../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import type { RunningMock } from '../../helpers/mocks/mock-server.ts';
import { CLOUDPIRATES_PLACEHOLDER, cloudpiratesStates } from './cloudpirates-states.ts';
import type { LeftOut } from './read-only.ts';
import { recorded } from './recorded.ts';
import { verifyProvider } from './verify-provider.ts';

const { like, eachLike, regex, fromProviderState } = MatchersV3;
const PACTS = join(config().reportsDir, 'pacts');
const pact = new PactV4({
  consumer: 'conformance-client',
  provider: 'cloudpirates-api',
  dir: PACTS,
  logLevel: 'warn',
});
const headers = {
  Authorization: regex(/^ApiKey \S+$/, `ApiKey ${CLOUDPIRATES_PLACEHOLDER}`),
  Accept: 'application/json',
};
const client = (url: string) => cloudpiratesClient(`${url}/v1`, { apiKey: CLOUDPIRATES_PLACEHOLDER });
const ID = '64f0c0de0000000000001001';
const workspace = {
  workspaceId: like(ID),
  workspaceKey: like('black-pearl'),
  workspaceName: like('Black Pearl'),
};
const workspacePath = fromProviderState('/v1/workspaces/${workspaceId}', `/v1/workspaces/${ID}`);

describe('CloudPirates consumer contract (Pact V4, the real client against the Pact mock server)', () => {
  it('reads the caller', async () => {
    await pact
      .addInteraction()
      .given('an API key')
      .uponReceiving('a request for the caller')
      .withRequest('GET', '/v1/auth/me', (b) => b.headers(headers))
      .willRespondWith(200, (b) =>
        b.jsonBody({ identityId: like(ID), email: like('captain@cloudpirates.example') }),
      )
      .executeTest(
        recorded(async (mock) => {
          expect((await client(mock.url).me()).email).toContain('@');
        }),
      );
  });

  it('lists workspaces, one page at a time', async () => {
    await pact
      .addInteraction()
      .given('several workspaces exist')
      .uponReceiving('a request for the second page of workspaces')
      .withRequest('GET', '/v1/workspaces', (b) => b.headers(headers).query({ limit: '2', offset: '2' }))
      .willRespondWith(200, (b) =>
        b
          .headers({
            'x-Total': regex(/^\d+$/, '5'),
            Link: regex(/.*rel="next".*/, '<http://127.0.0.1/v1/workspaces?limit=2&offset=4>; rel="next"'),
          })
          .jsonBody(eachLike(workspace, 2)),
      )
      .executeTest(
        recorded(async (mock) => {
          const page = await client(mock.url).listWorkspaces(2, 2);
          expect(page).toMatchObject({ total: 5, nextOffset: 4 });
          expect(page.items).toHaveLength(2);
        }),
      );
  });

  it('creates a workspace, then reads it', async () => {
    await pact
      .addInteraction()
      .given('no workspace with the key pact-ws exists')
      .uponReceiving('a request to create the workspace pact-ws')
      .withRequest('POST', '/v1/workspaces', (b) =>
        b
          .headers({ ...headers, 'Content-Type': 'application/json' })
          .jsonBody({ workspaceName: 'Pact', workspaceKey: 'pact-ws' }),
      )
      .willRespondWith(201, (b) => b.jsonBody({ workspaceId: like(ID) }))
      .executeTest(
        recorded(async (mock) => {
          expect((await client(mock.url).createWorkspace('Pact', 'pact-ws')).workspaceId).toBe(ID);
        }),
      );
    await pact
      .addInteraction()
      .given('the workspace pact-ws exists')
      .uponReceiving('a request for the workspace pact-ws')
      .withRequest('GET', workspacePath, (b) => b.headers(headers))
      .willRespondWith(200, (b) => b.jsonBody({ ...workspace, workspaceKey: 'pact-ws' }))
      .executeTest(
        recorded(async (mock) => {
          expect((await client(mock.url).workspace(ID)).workspaceKey).toBe('pact-ws');
        }),
      );
  });

  it('deletes a workspace', async () => {
    await pact
      .addInteraction()
      .given('the workspace pact-ws exists')
      .uponReceiving('a request to delete the workspace pact-ws')
      .withRequest('DELETE', workspacePath, (b) => b.headers(headers))
      .willRespondWith(204)
      .executeTest(
        recorded(async (mock) => {
          await client(mock.url).deleteWorkspace(ID);
        }),
      );
  });

  it('lists the clusters of a workspace', async () => {
    await pact
      .addInteraction()
      .given('a workspace with a cluster exists')
      .uponReceiving('a request for the clusters of a workspace')
      .withRequest(
        'GET',
        fromProviderState('/v1/workspaces/${workspaceId}/clusters', `/v1/workspaces/${ID}/clusters`),
        (b) => b.headers(headers),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          eachLike({ clusterId: like('64f0c0de000000000000100b'), clusterName: like('production') }),
        ),
      )
      .executeTest(
        recorded(async (mock) => {
          expect((await client(mock.url).clusters(ID))[0]?.clusterName).toBe('production');
        }),
      );
  });

  it('is refused with 401 for an unknown key', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for the caller with an unknown key')
      .withRequest('GET', '/v1/auth/me', (b) =>
        b.headers({ ...headers, Authorization: 'ApiKey unknown-key' }),
      )
      .willRespondWith(401, (b) => b.jsonBody({ code: like('UNAUTHORIZED'), message: like('Unauthorized') }))
      .executeTest(
        recorded(async (mock) => {
          const error = await cloudpiratesClient(`${mock.url}/v1`, { apiKey: 'unknown-key' })
            .me()
            .catch((e: unknown) => e);
          expect((error as ApiError).status).toBe(401);
        }),
      );
  });

  it('is refused when changing the password with an API key', async () => {
    await pact
      .addInteraction()
      .given('an API key')
      .uponReceiving('a request to change the password with an API key')
      .withRequest('POST', '/v1/auth/change-password', (b) =>
        b
          .headers({ ...headers, 'Content-Type': 'application/json' })
          .jsonBody({ existingPassword: 'old-secret-1', password: 'new-secret-2' }),
      )
      .willRespondWith(403, (b) =>
        b.jsonBody({
          code: like('API_KEY_NOT_ALLOWED'),
          message: like('This endpoint cannot be called with an API key'),
        }),
      )
      .executeTest(
        recorded(async (mock) => {
          const error = await client(mock.url)
            .changePassword('old-secret-1', 'new-secret-2')
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(403);
        }),
      );
  });
});

describe('CloudPirates provider verification of the pact file', () => {
  const KEY = 'cpak-pact-provider-key';
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startCloudPiratesMock({ apiKey: KEY, accessToken: 'cpat-pact', lagMs: 300 });
  });
  afterAll(() => mock.close());

  it('passes against the embedded event-sourced mock, its lag included', async () => {
    const left = await verifyProvider({
      provider: 'cloudpirates-api',
      baseUrl: mock.url.replace(/\/v1$/, ''),
      pactFile: join(PACTS, 'conformance-client-cloudpirates-api.json'),
      header: 'Authorization',
      placeholder: CLOUDPIRATES_PLACEHOLDER,
      credential: KEY,
      states: cloudpiratesStates(mock.url, KEY),
      writesAllowed: true,
    });
    expect(left).toEqual([]);
  }, 60_000);
});

const LIVE_URL = config().variable('CLOUDPIRATES_API_URL');
const LIVE_KEY = config().variable('CLOUDPIRATES_API_KEY');
const NO_LIVE = !LIVE_URL || !LIVE_KEY;
describe.skipIf(NO_LIVE)(
  `CloudPirates provider verification against the live target${NO_LIVE ? ' (skipped: set CLOUDPIRATES_API_URL and CLOUDPIRATES_API_KEY to verify one)' : ''}`,
  () => {
    let left: LeftOut[] = [];
    it('passes on every interaction it may send: without writes allowed, only GET and HEAD, and only states set up by reading', async () => {
      left = await verifyProvider({
        provider: 'cloudpirates-api',
        baseUrl: new URL(LIVE_URL ?? '').origin,
        pactFile: join(PACTS, 'conformance-client-cloudpirates-api.json'),
        header: 'Authorization',
        placeholder: CLOUDPIRATES_PLACEHOLDER,
        credential: LIVE_KEY ?? '',
        states: cloudpiratesStates(LIVE_URL ?? '', LIVE_KEY ?? ''),
        writesAllowed: config().allowWrites,
      });
    }, 120_000);

    it('leaves out, with the reason, each interaction a read-only target must not receive', async (ctx) => {
      if (left.length === 0) return expect(config().allowWrites).toBe(true);
      // One annotation per interaction: reports show each with its reason.
      for (const l of left) await ctx.annotate(`${l.description}: ${l.reason}`, 'skipped');
      ctx.skip(`${left.length} interactions left out: writes are not allowed against a live target`);
    });
  },
);
