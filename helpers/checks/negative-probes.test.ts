import { describe, expect, it } from 'vitest';
import type { Exchange } from '../core/exchange.ts';
import { contextFor, exchange, exchanges, jsonResponse, TEST_TARGET } from '../testing/fixtures.ts';
import type { CheckContext } from './check.ts';
import { negativeData } from './negative-data.ts';
import { positiveBoundaries } from './positive-boundaries.ts';
import { unknownResource } from './unknown-resource.ts';
import { documentedMethods, unsupportedMethod } from './unsupported-method.ts';

const BASE = 'http://127.0.0.1:4010/v1';
const GET_THING = { method: 'GET', url: `${BASE}/things/t1`, headers: { Accept: 'application/vnd.tiny+8' } };
const CREATE = {
  method: 'POST',
  url: `${BASE}/things`,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ id: 'test-1', name: 'Thing test' }),
};

/** The provenance and request of a probe a check asked for. */
const probe = (check: string, name: string, request: Exchange['request']): Partial<Exchange> => ({
  purpose: { kind: 'variant', check, name },
  label: name,
  request,
});

/** Sends every variant of a check through `answer` and returns the findings, as the engine would. */
function judge(
  check: typeof negativeData,
  ctx: CheckContext,
  request: typeof CREATE | typeof GET_THING,
  answer: (sent: Exchange['request']) => Exchange['response'],
) {
  const sent: Record<string, Exchange> = {};
  for (const v of check.variants?.(ctx) ?? []) {
    const req = v.change(request);
    sent[v.name] = exchange(answer(req), probe(check.name, v.name, req));
  }
  return { sent, findings: check.verify(ctx, exchanges(undefined, sent)) };
}
const titles = (r: ReturnType<typeof judge>) => r.findings.map((f) => `${f.severity}: ${f.title}`);

describe('unknown-resource', () => {
  const ctx = contextFor('GetThing');
  it('sends one well-formed id that was never created, in place of the item', () => {
    const { sent } = judge(unknownResource, ctx, GET_THING, () => jsonResponse(404, {}));
    const url = Object.values(sent)[0]?.request.url ?? '';
    expect(url).toMatch(/\/v1\/things\/[a-z0-9]{16,32}$/);
    expect(judge(unknownResource, ctx, GET_THING, () => jsonResponse(404, {})).sent).toEqual(sent);
  });
  it.each([
    [404, []],
    [410, ['error: Undocumented refusal status']],
    [500, ['error: Server error']],
    [200, ['error: Accepted']],
  ])('%s', (status, expected) => {
    expect(titles(judge(unknownResource, ctx, GET_THING, () => jsonResponse(status, {})))).toEqual(expected);
  });
  it('does not apply to collections, PUT or POST', () => {
    expect(unknownResource.notApplicable?.(contextFor('CreateThing'))).toMatch(/no single item/);
  });
});

describe('negative-data', () => {
  const ctx = contextFor('CreateThing');
  it('sends at most EXAMPLES changed bodies, each breaking the schema, names of the run made unique', () => {
    const { sent } = judge(negativeData, ctx, CREATE, () => jsonResponse(400, {}));
    expect(Object.keys(sent)).toHaveLength(3);
    expect(Object.keys(sent)[0]).toMatch(/^negative-data:missing-required:/);
    expect(Object.keys(sent)[1]).toMatch(/^negative-data:wrong-type:/);
    for (const e of Object.values(sent)) expect(e.request.body).toContain('test-n');
  });
  it.each([
    // CreateThing documents no 4xx: 400 and 422 still mean a refusal, noted as undocumented.
    [400, ['note: Refused with an undocumented 400']],
    [422, ['note: Refused with an undocumented 422']],
    [409, ['error: Undocumented refusal status']],
    [201, ['error: Accepted']],
    [500, ['error: Server error']],
  ])('%s', (status, expected) => {
    const found = titles(judge(negativeData, ctx, CREATE, () => jsonResponse(status, {})));
    expect(new Set(found)).toEqual(new Set(expected));
  });
  it('does not hold a probe that stayed valid against the API', () => {
    // A body that is not a JSON object cannot be changed in place: it goes out as it was, valid.
    const name = negativeData.variants?.(ctx)[0]?.name ?? '';
    const e = exchange(jsonResponse(201, {}), probe('negative-data', name, CREATE));
    expect(
      negativeData.verify(ctx, exchanges(undefined, { [name]: e })).map((f) => `${f.severity}: ${f.title}`),
    ).toEqual(['note: Probe not judged']);
  });
});

describe('positive-boundaries', () => {
  const ctx = contextFor('CreateThing');
  it('sends valid unusual bodies and fails only a 5xx or an undocumented status', () => {
    const ok = judge(positiveBoundaries, ctx, CREATE, () => jsonResponse(201, {}));
    // The sampled baseline already holds every field, so only the required-only body is new.
    expect(Object.keys(ok.sent)).toEqual(['positive-boundaries:required-only']);
    expect(Object.values(ok.sent)[0]?.request.body).toBe('{"id":"test-b1-1","name":"Thing test-b1"}');
    expect(titles(ok)).toEqual([]);
    expect(titles(judge(positiveBoundaries, ctx, CREATE, () => jsonResponse(500, {})))).toEqual([
      'error: Server error on a valid body',
    ]);
    expect(titles(judge(positiveBoundaries, ctx, CREATE, () => jsonResponse(418, {})))).toEqual([
      'error: Valid body answered with an undocumented status',
    ]);
  });
});

describe('unsupported-method', () => {
  const ctx = contextFor('GetThing');
  const answer405 = (allow?: string) => (sent: Exchange['request']) =>
    jsonResponse(405, {}, allow === undefined ? {} : { allow: allow.replace('$M', sent.method) });
  it('probes methods the path does not document, without a body', () => {
    const { sent } = judge(unsupportedMethod, ctx, GET_THING, answer405('GET'));
    expect(
      Object.values(sent)
        .map((e) => e.request.method)
        .sort(),
    ).toHaveLength(3);
    for (const e of Object.values(sent))
      expect(['PUT', 'POST', 'DELETE', 'PATCH']).toContain(e.request.method);
  });
  it.each([
    ['405 with Allow', answer405('GET'), []],
    ['405 without Allow', answer405(), ['error: 405 without Allow']],
    ['Allow naming the method', answer405('GET, $M'), ['error: Allow lists the refused method']],
    ['a documented 404', () => jsonResponse(404, {}), ['note: Refused with 404, not 405']],
    ['a 200', () => jsonResponse(200, {}), ['error: Undocumented method accepted']],
    ['a 500', () => jsonResponse(500, {}), ['error: Server error']],
  ])('%s', (_, answer, expected) => {
    expect([...new Set(titles(judge(unsupportedMethod, ctx, GET_THING, answer)))]).toEqual(expected);
  });
  it('judges a path once, and a read-only live run probes with GET alone', () => {
    expect(unsupportedMethod.notApplicable?.(contextFor('CreateThing'))).toBeUndefined();
    const readOnly = contextFor('GetThing', { ...TEST_TARGET, live: true, writesAllowed: false });
    expect(unsupportedMethod.variants?.(readOnly)).toEqual([]);
    expect(unsupportedMethod.notApplicable?.(readOnly)).toMatch(/read-only/);
  });
});

describe('the methods a path documents', () => {
  const doc = {
    paths: {
      '/teams/{name}': { get: {}, delete: {}, parameters: [] },
      '/teams/pulumi': { post: {} },
      '/{org}/members': { put: {} },
      '/a/b/c': { patch: {} },
    },
  };
  const methodsOf = (path: string) =>
    documentedMethods({ spec: { doc }, operation: { path } } as unknown as CheckContext).sort();
  it('are those of every template that can name the same URL, whatever segment holds a parameter', () => {
    expect(methodsOf('/teams/pulumi')).toEqual(['DELETE', 'GET', 'POST']);
    expect(methodsOf('/teams/{name}')).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    expect(methodsOf('/{org}/members')).toEqual(['DELETE', 'GET', 'PUT']);
    expect(methodsOf('/a/b/c')).toEqual(['PATCH']);
  });
});
