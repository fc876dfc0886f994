import { describe, expect, it } from 'vitest';
import {
  contextFor,
  exchange,
  exchanges,
  GOOD_THING,
  jsonResponse,
  TEST_TARGET,
} from '../testing/fixtures.ts';
import { otherSchemeRefusal } from './other-scheme-refusal.ts';

const bearer = { header: 'Authorization', scheme: 'Bearer', value: 'jwt-abc', env: 'TINY_BEARER' };
const profile = {
  ...TEST_TARGET.profile,
  auth: { ...TEST_TARGET.profile.auth, otherSchemeStatuses: [401, 403] },
};
const ctx = {
  ...contextFor('GetThing'),
  acceptsDefault: false,
  credential: bearer,
  target: { ...TEST_TARGET, profile },
};
const probe = (response: Parameters<typeof exchange>[0]) => ({
  'default-credential': exchange(response, { label: 'default-credential' }),
});
const titles = (...args: Parameters<typeof exchanges>) =>
  otherSchemeRefusal.verify(ctx, exchanges(...args)).map((f) => `${f.severity}: ${f.title}`);

describe('scheme check', () => {
  it('applies only to operations that refuse the default credential', () => {
    expect(otherSchemeRefusal.notApplicable?.(ctx)).toBeUndefined();
    expect(otherSchemeRefusal.notApplicable?.({ ...ctx, acceptsDefault: true })).toBe(
      'the operation accepts the default credential',
    );
    const [variant] = otherSchemeRefusal.variants?.(ctx) ?? [];
    expect(
      variant?.change({ method: 'GET', url: 'http://h/x', headers: { Authorization: 'Bearer jwt-abc' } })
        .headers,
    ).toEqual({ Authorization: `token ${TEST_TARGET.credential.value}` });
  });

  it('passes when the default credential is refused and the required one accepted', () => {
    expect(
      titles(exchange(GOOD_THING), probe(jsonResponse(403, { code: 403, message: 'no keys here' }))),
    ).toEqual([]);
  });

  it('finds an operation that accepts a credential of the wrong scheme', () => {
    expect(titles(exchange(GOOD_THING), probe(GOOD_THING))).toEqual(['error: token credential not refused']);
    expect(titles(exchange(GOOD_THING), probe(jsonResponse(404, { code: 404, message: 'x' })))).toEqual([
      'error: token credential not refused',
    ]);
  });

  it('finds an operation that refuses the credential it requires', () => {
    expect(
      titles(
        exchange(jsonResponse(401, { code: 401, message: 'x' })),
        probe(jsonResponse(401, { code: 401, message: 'x' })),
      ),
    ).toEqual(['error: Required credential refused']);
  });

  it('says when only the refusal could be checked', () => {
    expect(titles(undefined, probe(jsonResponse(401, { code: 401, message: 'x' })))).toEqual([
      'note: Acceptance not checked',
    ]);
  });
});
