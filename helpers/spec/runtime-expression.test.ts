import { describe, expect, it } from 'vitest';
import { exchange, jsonResponse } from '../testing/fixtures.ts';
import { evaluateExpression } from './runtime-expression.ts';

describe('runtime expressions', () => {
  it('evaluates the runtime expressions of links and captures', () => {
    const ex = exchange(jsonResponse(201, { id: 'tok-9', nested: { n: 4 } }, { location: '/things/9' }), {
      request: { method: 'POST', url: 'http://h/things', headers: {}, body: '{"name":"n1"}' },
    });
    expect(evaluateExpression('$response.body#/id', ex, {})).toBe('tok-9');
    expect(evaluateExpression('$response.body#/nested/n', ex, {})).toBe('4');
    expect(evaluateExpression('$request.body#/name', ex, {})).toBe('n1');
    expect(evaluateExpression('$response.header.Location', ex, {})).toBe('/things/9');
    expect(evaluateExpression('$request.path.thingId', ex, { thingId: 't1' })).toBe('t1');
    expect(evaluateExpression('$response.body#/missing', ex, {})).toBeUndefined();
    expect(evaluateExpression('$url', ex, {})).toBeUndefined();
  });
});
