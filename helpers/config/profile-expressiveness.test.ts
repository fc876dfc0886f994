import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../engine/target.ts';
import { placeCredential, withCredentialSent } from './credential-placement.ts';
import { parseConfig } from './env.ts';
import { resolveEnvRefs } from './env-refs.ts';
import { parseProfile } from './load-profile.ts';
import { PROFILE_SCHEMA } from './profile-schema.ts';
import { profileValidatorCode } from './profile-validator-code.ts';

const profileOf = (data: Record<string, unknown>) =>
  parseProfile({ name: 'demo', spec: { path: 'openapi.yaml' }, ...data }, 'demo.yaml', '.');
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};
const GET = {
  method: 'GET',
  url: 'http://127.0.0.1:1/v1/things?x=1',
  headers: { Accept: 'application/json' },
};

describe('profile format', () => {
  it('profiles/profile.schema.json is written from the one schema the types come from', () => {
    const file = JSON.parse(readFileSync('profiles/profile.schema.json', 'utf8'));
    // Out of date? Run: npx tsx helpers/config/write-profile-schema.ts
    expect(file).toEqual(PROFILE_SCHEMA);
  });

  it('validates with the compiled form of that same schema, generated from it by the current ajv', () => {
    // Out of date? Run: npx tsx helpers/config/write-profile-schema.ts
    expect(readFileSync('helpers/config/profile-validator.cjs', 'utf8')).toBe(profileValidatorCode());
  });

  it('needs no credential for an API without authentication', () => {
    const target = resolveTarget(
      profileOf({ baseUrl: { env: 'DEMO_URL' } }),
      parseConfig({ DEMO_URL: 'http://127.0.0.1:1/v1' }),
    );
    expect(target.credential.in).toBe('none');
    expect(target.secrets).toEqual([]);
    expect(withCredentialSent(GET, target.credential)).toEqual(GET);
  });

  it('places a credential in a header, a query parameter or a cookie', () => {
    const cfg = parseConfig({ DEMO_URL: 'http://127.0.0.1:1/v1', DEMO_KEY: 'key-123456' });
    const credentialOf = (credential: Record<string, unknown>) =>
      resolveTarget(profileOf({ baseUrl: { env: 'DEMO_URL' }, credential }), cfg).credential;
    const header = credentialOf({ header: 'X-Api-Key', env: 'DEMO_KEY' });
    expect(withCredentialSent(GET, header).headers).toEqual({
      Accept: 'application/json',
      'X-Api-Key': 'key-123456',
    });
    const query = credentialOf({ in: 'query', name: 'api_key', env: 'DEMO_KEY' });
    expect(withCredentialSent(GET, query).url).toBe('http://127.0.0.1:1/v1/things?x=1&api_key=key-123456');
    expect(placeCredential(withCredentialSent(GET, query), query, undefined).url).toBe(
      'http://127.0.0.1:1/v1/things?x=1',
    );
    const cookie = credentialOf({ in: 'cookie', name: 'session', env: 'DEMO_KEY' });
    const withCookie = withCredentialSent({ ...GET, headers: { Cookie: 'theme=dark' } }, cookie);
    expect(withCookie.headers).toEqual({ Cookie: 'theme=dark; session=key-123456' });
    expect(placeCredential(withCookie, cookie, 'other').headers).toEqual({
      Cookie: 'theme=dark; session=other',
    });
    expect(placeCredential(withCookie, cookie, undefined).headers).toEqual({ Cookie: 'theme=dark' });
    expect(errorOf(() => profileOf({ credential: { in: 'query', env: 'DEMO_KEY' } }))).toContain(
      'Profile demo.yaml is malformed',
    );
  });

  it('fills {env:VAR} where a profile holds a secret, and treats the values as secrets', () => {
    const profile = profileOf({
      parameters: { fixed: { loginPassword: '{env:DEMO_PASSWORD}', org: 'acme' } },
      requests: { Login: { body: { email: 'a@example.com', password: '{env:DEMO_PASSWORD}' } } },
      requiredHeaders: [{ name: 'X-Client', value: 'suite {env:DEMO_CLIENT}' }],
    });
    const vars: Record<string, string> = { DEMO_PASSWORD: 'hunter2-secret', DEMO_CLIENT: 'client-42' };
    const { profile: resolved, secrets } = resolveEnvRefs(profile, (name) => vars[name]);
    expect(resolved.parameters?.fixed).toEqual({ loginPassword: 'hunter2-secret', org: 'acme' });
    expect(resolved.requests?.Login?.body).toEqual({ email: 'a@example.com', password: 'hunter2-secret' });
    expect(resolved.requiredHeaders?.[0]?.value).toBe('suite client-42');
    expect(secrets).toEqual([
      { name: 'DEMO_PASSWORD', value: 'hunter2-secret' },
      { name: 'DEMO_CLIENT', value: 'client-42' },
    ]);
    const target = resolveTarget(
      { ...profile, baseUrl: { env: 'DEMO_URL' } },
      parseConfig({
        DEMO_URL: 'http://127.0.0.1:1',
        DEMO_PASSWORD: 'hunter2-secret',
        DEMO_CLIENT: 'client-42',
      }),
    );
    expect(target.secrets.map((s) => s.name)).toEqual(['DEMO_PASSWORD', 'DEMO_CLIENT']);
    expect(errorOf(() => resolveEnvRefs(profile, () => undefined))).toBe(
      '/parameters/fixed/loginPassword in profile demo names {env:DEMO_PASSWORD}, which is not set; add DEMO_PASSWORD to .env or the environment.',
    );
  });

  it('accepts body pagination, a response envelope and per-operation refusal statuses', () => {
    const profile = profileOf({
      response: { envelope: '/data' },
      pagination: {
        limitParam: 'limit',
        cursorParam: 'cursor',
        totalPointer: '/meta/total_count',
        cursorPointer: '/meta/next_cursor',
      },
      auth: { operations: { listThings: { rejectStatuses: [403] } } },
    });
    expect(profile.response?.envelope).toBe('/data');
    expect(errorOf(() => profileOf({ pagination: { totalPointer: 'meta.total' } }))).toContain(
      '/pagination/totalPointer',
    );
  });
});
