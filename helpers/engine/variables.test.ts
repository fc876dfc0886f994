import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { exchange, jsonResponse } from '../testing/fixtures.ts';
import { createVariables, interpolate, lookup } from './variables.ts';

describe('variables', () => {
  it('gives writes only the resource names this run created', () => {
    const vars = createVariables({ orgName: 'acme' }, 'r1');
    vars.discovered.set('stackName', 'production');
    expect(lookup(vars, 'stackName', true, false)).toBe('production');
    expect(lookup(vars, 'stackName', true, true)).toBeUndefined();
    vars.created.set('stackName', 'r1-stack');
    expect(lookup(vars, 'stackName', true, true)).toBe('r1-stack');
    expect(lookup(vars, 'orgName', false, true)).toBe('acme');
    expect(lookup(vars, 'runId', false, false)).toBe('r1');
  });

  it('interpolates templates deeply and lists what is missing', () => {
    const missing = new Set<string>();
    const value = interpolate(
      { a: '{x}-stack', b: ['{y}'], c: 3 },
      (n) => (n === 'x' ? 'r1' : undefined),
      missing,
    );
    expect(value).toEqual({ a: 'r1-stack', b: ['{y}'], c: 3 });
    expect([...missing]).toEqual(['y']);
  });

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
