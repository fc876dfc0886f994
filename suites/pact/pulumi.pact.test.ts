import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGET_RUN } from '../../helpers/cli/vitest-settings.ts';
import { ApiError } from '../../helpers/clients/http-json.ts';
import { pulumiClient } from '../../helpers/clients/pulumi-client.ts';
import { config } from '../../helpers/config/env.ts';
import { faultsFor } from '../../helpers/mocks/index.ts';
import type { RunningMock } from '../../helpers/mocks/mock-server.ts';
import { startPulumiMock } from '../../helpers/mocks/pulumi/pulumi-mock.ts';
import { PULUMI_PLACEHOLDER, pulumiStates } from './pulumi-states.ts';
import type { LeftOut } from './read-only.ts';
import { recorded } from './recorded.ts';
import { verifyProvider } from './verify-provider.ts';

const { like, eachLike, integer, regex } = MatchersV3;
const PLACEHOLDER = PULUMI_PLACEHOLDER;
const PACTS = join(config().reportsDir, 'pacts');
const pact = new PactV4({
  consumer: 'conformance-client',
  provider: 'pulumi-cloud',
  dir: PACTS,
  logLevel: 'warn',
});
const headers = {
  Authorization: regex(/^token \S+$/, `token ${PLACEHOLDER}`),
  Accept: 'application/vnd.pulumi+8',
  'Content-Type': 'application/json',
};
const stack = {
  orgName: like('acme'),
  projectName: like('website'),
  stackName: like('production'),
  version: integer(3),
};

describe('Pulumi consumer contract (Pact V4, the real client against the Pact mock server)', () => {
  it('reads the current user', async () => {
    await pact
      .addInteraction()
      .given('a user in the organization acme')
      .uponReceiving('a request for the current user')
      .withRequest('GET', '/api/user', (b) => b.headers(headers))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          githubLogin: like('conformance-user'),
          name: like('Conformance User'),
          organizations: eachLike({ githubLogin: like('acme') }),
        }),
      )
      .executeTest(
        recorded(async (mock) => {
          expect(
            (await pulumiClient(mock.url, PLACEHOLDER).currentUser()).organizations[0]?.githubLogin,
          ).toBe('acme');
        }),
      );
  });

  it('reads an organization', async () => {
    await pact
      .addInteraction()
      .given('a user in the organization acme')
      .uponReceiving('a request for the organization acme')
      .withRequest('GET', '/api/orgs/acme', (b) => b.headers(headers))
      .willRespondWith(200, (b) => b.jsonBody({ githubLogin: 'acme', name: like('ACME Corp') }))
      .executeTest(
        recorded(async (mock) => {
          expect((await pulumiClient(mock.url, PLACEHOLDER).organization('acme')).githubLogin).toBe('acme');
        }),
      );
  });

  it('lists stacks, one page at a time', async () => {
    await pact
      .addInteraction()
      .given('the stack acme/website/production exists')
      .uponReceiving('a request for the next page of stacks')
      .withRequest('GET', '/api/user/stacks', (b) =>
        b.headers(headers).query({ organization: 'acme', continuationToken: 'page-2' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          stacks: eachLike({
            orgName: like('acme'),
            projectName: like('website'),
            stackName: like('production'),
          }),
        }),
      )
      .executeTest(
        recorded(async (mock) => {
          const page = await pulumiClient(mock.url, PLACEHOLDER).listStacks('acme', 'page-2');
          expect(page.stacks.length).toBeGreaterThan(0);
          expect(page.continuationToken).toBeUndefined();
        }),
      );
  });

  it('reads a stack', async () => {
    await pact
      .addInteraction()
      .given('the stack acme/website/production exists')
      .uponReceiving('a request for the stack production')
      .withRequest('GET', '/api/stacks/acme/website/production', (b) => b.headers(headers))
      .willRespondWith(200, (b) => b.jsonBody(stack))
      .executeTest(
        recorded(async (mock) => {
          expect(
            (await pulumiClient(mock.url, PLACEHOLDER).stack('acme', 'website', 'production')).version,
          ).toBe(3);
        }),
      );
  });

  it('creates a stack, then reads it', async () => {
    await pact
      .addInteraction()
      .given('no stack acme/website/pact-new exists')
      .uponReceiving('a request to create the stack pact-new')
      .withRequest('POST', '/api/stacks/acme/website', (b) =>
        b.headers(headers).jsonBody({ stackName: 'pact-new' }),
      )
      .willRespondWith(200)
      .executeTest(
        recorded(async (mock) => {
          await pulumiClient(mock.url, PLACEHOLDER).createStack('acme', 'website', 'pact-new');
        }),
      );
    await pact
      .addInteraction()
      .given('the stack acme/website/pact-new exists')
      .uponReceiving('a request for the stack pact-new')
      .withRequest('GET', '/api/stacks/acme/website/pact-new', (b) => b.headers(headers))
      .willRespondWith(200, (b) => b.jsonBody({ ...stack, stackName: 'pact-new', version: integer(0) }))
      .executeTest(
        recorded(async (mock) => {
          expect(
            (await pulumiClient(mock.url, PLACEHOLDER).stack('acme', 'website', 'pact-new')).stackName,
          ).toBe('pact-new');
        }),
      );
  });

  it('deletes a stack', async () => {
    await pact
      .addInteraction()
      .given('the stack acme/website/pact-old exists')
      .uponReceiving('a request to delete the stack pact-old')
      .withRequest('DELETE', '/api/stacks/acme/website/pact-old', (b) => b.headers(headers))
      .willRespondWith(204)
      .executeTest(
        recorded(async (mock) => {
          await pulumiClient(mock.url, PLACEHOLDER).deleteStack('acme', 'website', 'pact-old');
        }),
      );
  });

  it('lists teams', async () => {
    await pact
      .addInteraction()
      .given('a user in the organization acme')
      .uponReceiving('a request for the teams of acme')
      .withRequest('GET', '/api/orgs/acme/teams', (b) => b.headers(headers))
      .willRespondWith(200, (b) =>
        b.jsonBody({ teams: eachLike({ name: like('platform'), displayName: like('Platform') }) }),
      )
      .executeTest(
        recorded(async (mock) => {
          expect((await pulumiClient(mock.url, PLACEHOLDER).teams('acme')).teams[0]?.name).toBe('platform');
        }),
      );
  });

  it("is refused with 401 and Pulumi's message for an invalid token", async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for the current user with an invalid token')
      .withRequest('GET', '/api/user', (b) => b.headers({ ...headers, Authorization: 'token invalid-token' }))
      .willRespondWith(401, (b) =>
        b.jsonBody({ code: 401, message: 'Unauthorized: No credentials provided or are invalid.' }),
      )
      .executeTest(
        recorded(async (mock) => {
          const error = await pulumiClient(mock.url, 'invalid-token')
            .currentUser()
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(401);
        }),
      );
  });
});

describe('Pulumi provider verification of the pact file', () => {
  const TOKEN = 'pul-pact-provider-token';
  let mock: RunningMock;
  beforeAll(async () => {
    // MOCK_FAULTS reaches this provider too, so the release gate can be shown to fail on a broken provider.
    mock = await startPulumiMock({ accessToken: TOKEN, faults: faultsFor('pulumi', config()) });
  });
  afterAll(() => mock.close());

  it('passes against the embedded mock', async () => {
    const left = await verifyProvider({
      provider: 'pulumi-cloud',
      baseUrl: mock.url,
      pactFile: join(PACTS, 'conformance-client-pulumi-cloud.json'),
      header: 'Authorization',
      placeholder: PLACEHOLDER,
      credential: TOKEN,
      states: pulumiStates(mock.url, TOKEN),
      writesAllowed: true,
    });
    expect(left).toEqual([]);
  });
});

// A test of the verification itself, not of the target: a run about a target (the gate) leaves it out.
const TARGET_ONLY = process.env[TARGET_RUN] === '1';
describe.skipIf(TARGET_ONLY)(
  `Pulumi provider verification against a broken provider${TARGET_ONLY ? ' (skipped: a test of the verifier itself, which npm test runs)' : ''}`,
  () => {
    it('fails on the interaction whose field the provider renamed', async () => {
      const run = (faults: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'suites/pact/verify-cli.ts', ...faults], {
          env: process.env,
          maxBuffer: 16 << 20,
        }).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({
            code: e.code,
            out: e.stdout + e.stderr,
          }),
        );
      const broken = await run(['renamed-field']);
      expect(broken.code).toBe(1);
      // Exactly one interaction fails, the one that reads the renamed field; every other one still passes.
      expect(broken.out).toContain('Actual map is missing the following keys: githubLogin');
      expect(broken.out.match(/result\\?":\\?"Error/g)).toHaveLength(1);
      // Any duration: on a busy machine one verification can take a second or more ("1.2s", not "205ms").
      expect(broken.out).toMatch(
        /a request for the current user\\?",\\?"duration\\?":\\?"[^"\\]+\\?",\\?"result\\?":\\?"Error/,
      );
      expect((await run([])).code).toBe(0);
    }, 60_000);
  },
);

const LIVE_URL = config().variable('PULUMI_API_URL');
const LIVE_TOKEN = config().variable('PULUMI_ACCESS_TOKEN');
const NO_LIVE = !LIVE_URL || !LIVE_TOKEN;
describe.skipIf(NO_LIVE)(
  `Pulumi provider verification against the live target${NO_LIVE ? ' (skipped: set PULUMI_API_URL and PULUMI_ACCESS_TOKEN to verify one)' : ''}`,
  () => {
    let left: LeftOut[] = [];
    it('passes on every interaction it may send: without writes allowed, only GET and HEAD, and only states set up by reading', async () => {
      left = await verifyProvider({
        provider: 'pulumi-cloud',
        baseUrl: LIVE_URL ?? '',
        pactFile: join(PACTS, 'conformance-client-pulumi-cloud.json'),
        header: 'Authorization',
        placeholder: PLACEHOLDER,
        credential: LIVE_TOKEN ?? '',
        states: pulumiStates(LIVE_URL ?? '', LIVE_TOKEN ?? ''),
        writesAllowed: config().allowWrites,
      });
    });

    it('leaves out, with the reason, each interaction a read-only target must not receive', async (ctx) => {
      if (left.length === 0) return expect(config().allowWrites).toBe(true);
      // One annotation per interaction: reports show each with its reason.
      for (const l of left) await ctx.annotate(`${l.description}: ${l.reason}`, 'skipped');
      ctx.skip(`${left.length} interactions left out: writes are not allowed against a live target`);
    });
  },
);
