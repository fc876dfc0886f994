import { describe, expect, it } from 'vitest';
import { buildUrl, isUnderBase } from './build-url.ts';

describe('buildUrl', () => {
  it.each([
    ['managed, no prefix', 'https://api.pulumi.com', 'https://api.pulumi.com/api/user'],
    ['trailing slash', 'https://api.pulumi.com/', 'https://api.pulumi.com/api/user'],
    [
      'self-hosted with a prefix',
      'https://pulumi.example.com/service',
      'https://pulumi.example.com/service/api/user',
    ],
    [
      'prefix with trailing slash',
      'https://pulumi.example.com/service/',
      'https://pulumi.example.com/service/api/user',
    ],
    ['CloudPirates /v1', 'https://api.cloudpirates.io/v1', 'https://api.cloudpirates.io/v1/api/user'],
    ['port and double trailing slash', 'http://127.0.0.1:8080/v1//', 'http://127.0.0.1:8080/v1/api/user'],
  ])('%s', (_, base, expected) => {
    expect(buildUrl(base, '/api/user', {})).toBe(expected);
  });

  it.each([
    ['a slash', 'a/b', 'a%2Fb'],
    ['a space', 'my stack', 'my%20stack'],
    ['a percent sign', '100%', '100%25'],
    ['non-ASCII text', 'zürich-ß', 'z%C3%BCrich-%C3%9F'],
    ['a question mark and hash', 'a?b#c', 'a%3Fb%23c'],
    ['a dot segment', '..', '%2E%2E'],
    ['a single dot', '.', '%2E'],
  ])('encodes %s as one segment', (_, value, encoded) => {
    expect(
      buildUrl('https://api.example.com/v1/', '/stacks/{org}/{stack}', { org: 'acme', stack: value }),
    ).toBe(`https://api.example.com/v1/stacks/acme/${encoded}`);
  });

  it('adds query parameters and never a double slash', () => {
    const url = buildUrl('https://h/v1/', '//a//{x}/', { x: 'y' }, { q: 'a b', n: '1' });
    expect(url).toBe('https://h/v1/a/y?q=a+b&n=1');
  });

  it('refuses a template parameter with no value', () => {
    expect(() => buildUrl('https://h', '/a/{x}', {})).toThrow('No value for path parameter {x} of /a/{x}');
  });
});

describe('isUnderBase', () => {
  it.each([
    ['https://h/v1/a', true],
    ['https://h/v1', true],
    ['https://h/a', false],
    ['https://h/v1x/a', false],
    ['https://h/v1//a', false],
    ['https://other/v1/a', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isUnderBase(url, 'https://h/v1/')).toBe(expected);
  });
});
