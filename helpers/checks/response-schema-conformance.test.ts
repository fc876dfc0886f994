import { describe, expect, it } from 'vitest';
import { contextFor, exchange, exchanges, GOOD_THING, jsonResponse } from '../testing/fixtures.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';

const ctx = contextFor('GetThing');
const errors = (response: Parameters<typeof exchange>[0]) =>
  responseSchemaConformance.verify(ctx, exchanges(exchange(response))).filter((f) => f.severity === 'error');

describe('schema check', () => {
  it('passes a body that matches, with a nullable field null (OpenAPI 3.0 nullable)', () => {
    expect(errors(GOOD_THING)).toEqual([]);
  });

  it.each([
    ['a missing required field', { id: 't1' }, "must have required property 'name'"],
    ['a wrong type', { id: 't1', name: 42 }, 'must be string'],
    ['a broken date-time', { id: 't1', name: 'x', created: 'yesterday' }, 'must match format "date-time"'],
    ['an undocumented property', { id: 't1', name: 'x', extra: true }, 'must NOT have additional properties'],
  ])('finds %s', (_, body, documented) => {
    const found = errors(jsonResponse(200, body));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.message).toContain(documented);
    expect(found[0]?.message).toMatch(/^At \/\S*: Received: .+ \/ Documented: /);
  });

  it('names the JSON pointer of the bad value', () => {
    expect(errors(jsonResponse(200, { id: 't1', name: 7 }))[0]?.message).toContain('At /name: Received: 7');
  });

  it('finds a body that is not JSON', () => {
    const found = errors({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '<html>oops',
    });
    expect(found.map((f) => f.title)).toEqual(['Body is not valid JSON']);
  });

  it('notes, without failing, a status with no schema', () => {
    const found = responseSchemaConformance.verify(ctx, exchanges(exchange(jsonResponse(404, {}))));
    expect(found.map((f) => [f.severity, f.title])).toEqual([['note', 'No schema for the media type']]);
  });
});
