import { describe, expect, it } from 'vitest';
import { contextFor, exchange, exchanges, GOOD_THING, jsonResponse } from '../testing/fixtures.ts';
import { headerConformance } from './header-conformance.ts';

const ctx = contextFor('GetThing');
const titles = (...args: Parameters<typeof exchanges>) =>
  headerConformance.verify(ctx, exchanges(...args)).map((f) => f.title);

describe('headers check', () => {
  it('passes a conforming exchange', () => {
    expect(titles(exchange(GOOD_THING))).toEqual([]);
  });

  it('finds a required request header the suite did not send', () => {
    const sent = exchange(GOOD_THING, {
      request: { method: 'GET', url: 'http://127.0.0.1:4010/v1/things/t1', headers: {} },
    });
    expect(titles(sent)).toEqual(['Required request header Accept not sent']);
  });

  it('finds an undocumented Content-Type', () => {
    const html = { ...GOOD_THING, headers: { 'content-type': 'text/html', 'x-request-id': 'r' } };
    expect(titles(exchange(html))).toEqual(['Undocumented Content-Type']);
  });

  it('finds a missing required response header', () => {
    expect(titles(exchange(jsonResponse(200, { id: 't', name: 'n' })))).toEqual([
      'Required response header X-Request-Id missing',
    ]);
  });

  it('asks for an absent-Accept and an unsupported-Accept probe on reads', () => {
    expect(headerConformance.variants?.(ctx).map((v) => v.name)).toEqual([
      'absent-accept',
      'unsupported-accept',
    ]);
    expect(headerConformance.variants?.(contextFor('CreateThing'))).toEqual([]);
  });

  it('keeps the tolerate and reject policies', () => {
    const ok = {
      'absent-accept': exchange(GOOD_THING),
      'unsupported-accept': exchange(jsonResponse(400, {})),
    };
    expect(titles(exchange(GOOD_THING), ok)).toEqual([]);
    const bad = {
      'absent-accept': exchange(jsonResponse(406, {})),
      'unsupported-accept': exchange(GOOD_THING),
    };
    expect(titles(exchange(GOOD_THING), bad)).toEqual([
      'Request with no Accept not tolerated',
      'Request with Accept: application/vnd.tiny+0 not rejected',
    ]);
  });

  it('judges a tolerated absence against the answer with the header', () => {
    const notFound = exchange(jsonResponse(404, { code: 404, message: 'no such thing' }));
    // Same answer with and without Accept: the missing Accept was tolerated.
    expect(titles(notFound, { 'absent-accept': notFound })).toEqual([]);
    // With Accept 404, without it 406: the absence changed the answer.
    expect(titles(notFound, { 'absent-accept': exchange(jsonResponse(406, {})) })).toEqual([
      'Request with no Accept not tolerated',
    ]);
    const [finding] = headerConformance.verify(
      ctx,
      exchanges(notFound, { 'absent-accept': exchange(jsonResponse(406, {})) }),
    );
    expect(finding?.message).toBe(
      'Received: 406 application/json / Documented: the profile tolerates no Accept (2xx or 404, as with Accept)',
    );
  });
});
