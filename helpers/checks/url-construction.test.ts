import { describe, expect, it } from 'vitest';
import { contextFor, exchange, exchanges, GOOD_THING, jsonResponse } from '../testing/fixtures.ts';
import { AWKWARD_VALUE, urlConstruction } from './url-construction.ts';

const ctx = contextFor('GetThing');
const base = { method: 'GET', url: 'http://127.0.0.1:4010/v1/things/t1?x=1', headers: {} };
const titles = (...args: Parameters<typeof exchanges>) =>
  urlConstruction.verify(ctx, exchanges(...args)).map((f) => f.title);

describe('url check', () => {
  it('asks for an awkward path value and an unknown route', () => {
    const urls = urlConstruction.variants?.(ctx).map((v) => [v.name, v.change(base).url]);
    expect(urls).toEqual([
      ['awkward-path-parameter', 'http://127.0.0.1:4010/v1/things/conformance%20%2Fx%252F%20%C3%BC?x=1'],
      // `/things/t1/…` could be served by `/things/{thingId}` if it takes slashes: the probe goes where nothing is.
      ['unknown-route', 'http://127.0.0.1:4010/v1/conformance-no-such-route'],
    ]);
    expect(decodeURIComponent('conformance%20%2Fx%252F%20%C3%BC')).toBe(AWKWARD_VALUE);
  });

  it('passes a conforming exchange', () => {
    const awkward = exchange(jsonResponse(404, {}), {
      request: { ...base, url: 'http://127.0.0.1:4010/v1/things/conformance%20%2Fx%252F%20%C3%BC' },
    });
    expect(
      titles(exchange(GOOD_THING), {
        'awkward-path-parameter': awkward,
        'unknown-route': exchange(jsonResponse(404, {})),
      }),
    ).toEqual([]);
  });

  it.each([
    ['a dropped prefix', 'http://127.0.0.1:4010/things/t1'],
    ['a double slash', 'http://127.0.0.1:4010/v1//things/t1'],
    ['an unencoded slash in a value', 'http://127.0.0.1:4010/v1/things/a/b'],
    ['another origin', 'http://127.0.0.2:4010/v1/things/t1'],
  ])('finds %s', (_, url) => {
    expect(titles(exchange(GOOD_THING, { request: { ...base, url } }))).toEqual([
      'URL not built from the base URL and template',
    ]);
  });

  it('finds a Location header that leaves the base URL, and accepts a relative one under it', () => {
    const off = {
      ...GOOD_THING,
      headers: { ...GOOD_THING.headers, location: 'https://elsewhere.example/things/t2' },
    };
    expect(titles(exchange(off))).toEqual(['Location not under the base URL']);
    const under = { ...GOOD_THING, headers: { ...GOOD_THING.headers, location: '/v1/things/t2' } };
    expect(titles(exchange(under))).toEqual([]);
    const dropped = { ...GOOD_THING, headers: { ...GOOD_THING.headers, location: '/things/t2' } };
    expect(titles(exchange(dropped))).toEqual(['Location not under the base URL']);
  });

  it('finds a 5xx on an encoded path parameter', () => {
    expect(
      titles(exchange(GOOD_THING), { 'awkward-path-parameter': exchange(jsonResponse(500, {})) }),
    ).toEqual(['Server error on an encoded path parameter']);
  });

  it('finds an unknown route that does not answer 404', () => {
    expect(titles(exchange(GOOD_THING), { 'unknown-route': exchange(jsonResponse(200, {})) })).toEqual([
      'Unknown route not answered 404',
    ]);
    expect(titles(exchange(GOOD_THING), { 'unknown-route': exchange(jsonResponse(502, {})) })).toEqual([
      'Unknown route not answered 404',
    ]);
  });
});
