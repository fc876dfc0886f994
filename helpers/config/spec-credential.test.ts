import { describe, expect, it } from 'vitest';
import { TEST_PROFILE, TEST_TARGET } from '../testing/fixtures.ts';
import { specRequestHeaders } from './spec-credential.ts';

const target = (baseUrl: string, specSource: string, withCredential?: boolean) => ({
  ...TEST_TARGET,
  baseUrl,
  specSource,
  profile: { ...TEST_PROFILE, spec: { ...TEST_PROFILE.spec, ...(withCredential ? { withCredential } : {}) } },
});
const sent = (t: ReturnType<typeof target>) => Object.keys(specRequestHeaders(t)).length > 0;

describe("the spec download's credential", () => {
  it.each([
    [
      'the same origin, another path',
      'https://api.example.com/v1',
      'https://api.example.com/openapi.json',
      true,
    ],
    [
      'the same origin, default port spelled out',
      'https://api.example.com/v1',
      'https://api.example.com:443/x',
      true,
    ],
    ['another host', 'https://api.example.com/v1', 'https://specs.example.com/openapi.json', false],
    ['a subdomain of the target', 'https://example.com/v1', 'https://api.example.com/openapi.json', false],
    ['another port', 'http://127.0.0.1:8080', 'http://127.0.0.1:9090/spec.yaml', false],
    ['another scheme', 'https://api.example.com', 'http://api.example.com/openapi.json', false],
    ['no base URL yet (taken from the spec)', '', 'https://api.example.com/openapi.json', false],
    ['a file', 'https://api.example.com', 'specs/api.yaml', false],
  ])('%s → %s', (_case, baseUrl, specSource, expected) => {
    expect(sent(target(baseUrl, specSource))).toBe(expected);
  });

  it('goes to another origin when the profile says the spec host needs it, never to a file', () => {
    expect(sent(target('https://api.example.com', 'https://specs.example.com/x.json', true))).toBe(true);
    expect(sent(target('https://api.example.com', 'specs/api.yaml', true))).toBe(false);
  });
});
