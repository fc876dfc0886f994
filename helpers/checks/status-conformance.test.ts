import { describe, expect, it } from 'vitest';
import { contextFor, exchange, exchanges, GOOD_THING, jsonResponse } from '../testing/fixtures.ts';
import { statusConformance } from './status-conformance.ts';

const ctx = contextFor('GetThing');
const titles = (baseline: ReturnType<typeof exchange>) =>
  statusConformance.verify(ctx, exchanges(baseline)).map((f) => f.title);

describe('status check', () => {
  it.each([
    ['a documented 200', GOOD_THING, []],
    ['a documented 404', jsonResponse(404, { code: 404, message: 'Not found' }), []],
    ['an undocumented 418', jsonResponse(418, {}), ['Undocumented status code']],
    ['a 500', jsonResponse(500, {}), ['Server error']],
    ['a 503 documented only by default', jsonResponse(503, {}), ['Server error']],
  ])('%s', (_, response, expected) => {
    expect(titles(exchange(response))).toEqual(expected);
  });

  it('accepts a 5xx the operation documents by its exact code, with a note', () => {
    const documented = {
      ...ctx,
      operation: {
        ...ctx.operation,
        responses: [...ctx.operation.responses, { status: '501', content: [], headers: [], links: [] }],
      },
    };
    const found = statusConformance.verify(documented, exchanges(exchange(jsonResponse(501, {}))));
    expect(found.map((f) => [f.severity, f.title])).toEqual([['note', 'Documented server error']]);
  });

  it('reports a transport failure as no response', () => {
    expect(titles(exchange(undefined))).toEqual(['No response']);
  });

  it('says what was received and what is documented', () => {
    const [f] = statusConformance.verify(ctx, exchanges(exchange(jsonResponse(418, {}))));
    expect(f?.message).toBe('Received: 418 application/json / Documented: 200, 404');
  });
});
