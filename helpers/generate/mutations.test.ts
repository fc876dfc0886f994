import { describe, expect, it } from 'vitest';
import { createValidators } from '../spec/validators.ts';
import { specOf } from '../testing/fixtures.ts';
import { boundaryChanges } from './boundaries.ts';
import { negativeChanges, negativeQueries, queryValueOf } from './mutations.ts';
import { objectView } from './schema-view.ts';
import { unknownIdValue } from './values.ts';

const DOC = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Name: { type: 'string', minLength: 2, maxLength: 12, pattern: '^[a-z0-9-]+$' },
      Pet: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind'],
        properties: {
          name: { $ref: '#/components/schemas/Name' },
          kind: { type: 'string', enum: ['cat', 'dog'] },
          age: { type: 'integer', minimum: 0, maximum: 30 },
          note: { type: 'string', nullable: true, maxLength: 40 },
          id: { type: 'string', readOnly: true },
        },
      },
    },
  },
};
const spec = specOf(DOC);
const validators = createValidators(spec);
const schema = { $ref: '#/components/schemas/Pet' };
const view = objectView(schema, spec);
const VALID = { name: 'ct1-rex', kind: 'dog', age: 3 };
const violations = (body: unknown) => validators.validateSchema('pet', schema, body);

describe('negative changes', () => {
  it('has one row per rule the schema states, and every changed body breaks the schema', () => {
    if (!view) throw new Error('no view');
    const changes = negativeChanges(view);
    expect(changes.map((c) => c.name)).toEqual([
      'missing-required:/name',
      'missing-required:/kind',
      'wrong-type:/name',
      'out-of-range:/name:longer than maxLength 12',
      'out-of-range:/name:shorter than minLength 2',
      'off-pattern:/name',
      'wrong-type:/kind',
      'off-enum:/kind',
      'wrong-type:/age',
      'out-of-range:/age:above maximum 30',
      'out-of-range:/age:below minimum 0',
      'wrong-type:/note',
      'out-of-range:/note:longer than maxLength 40',
    ]);
    expect(violations(VALID)).toEqual([]);
    for (const c of changes) expect(violations(c.apply(VALID)), c.name).not.toEqual([]);
  });

  it('breaks query parameters: left out, malformed, off enum, out of range', () => {
    const changes = negativeQueries([
      { name: 'limit', required: true, schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'q', required: false, schema: { type: 'string' } },
    ]);
    expect(changes.map((c) => [c.name, c.value])).toEqual([
      ['missing-query:limit', undefined],
      ['malformed-query:limit', 'conformance'],
      ['out-of-range-query:limit:max', '101'],
      ['out-of-range-query:limit:min', '0'],
    ]);
    expect([queryValueOf('5'), queryValueOf('true'), queryValueOf('x')]).toEqual([5, true, 'x']);
  });
});

describe('boundary changes', () => {
  const input = {
    spec,
    seed: 3,
    pinned: new Set(['name', 'kind']),
    mayVary: (v: unknown) => typeof v === 'string' && v.includes('ct1'),
  };

  it('keeps every body valid, repeats for a seed, and varies pinned fields only when they carry the run id', () => {
    if (!view) throw new Error('no view');
    const changes = boundaryChanges({ ...input, view });
    expect(changes.map((c) => c.name)).toEqual([
      'required-only',
      'all-optional',
      'minimum:/age',
      'maximum:/age',
      'max-length:/note',
    ]);
    for (const c of changes) expect(violations(c.apply(VALID)), c.name).toEqual([]);
    const bodies = changes.map((c) => c.apply(VALID));
    expect(boundaryChanges({ ...input, view }).map((c) => c.apply(VALID))).toEqual(bodies);
    expect(bodies[0]).toEqual({ name: 'ct1-rex', kind: 'dog' });
    expect(Object.keys(bodies[1] as object).sort()).toEqual(['age', 'kind', 'name', 'note']);
    const long = (bodies[4] as { note: string }).note;
    expect(long).toHaveLength(40);
    const pinned = boundaryChanges({ ...input, view, pinned: new Set(['note']) })[4];
    if (!pinned) throw new Error('no max-length change');
    expect(pinned.apply({ ...VALID, note: 'keep me' })).toEqual({ ...VALID, note: 'keep me' });
    expect((pinned.apply({ ...VALID, note: 'ct1 note' }) as { note: string }).note).toMatch(
      /^ct1 note.{32}$/,
    );
  });
});

describe('unknown ids', () => {
  it('follow the parameter type and format and repeat for a seed', () => {
    expect(unknownIdValue({ type: 'string', format: 'uuid' }, spec, 1)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(Number(unknownIdValue({ type: 'integer', format: 'int32' }, spec, 1))).toBeGreaterThan(
      2_000_000_000,
    );
    expect(unknownIdValue({ type: 'string' }, spec, 1)).toMatch(/^[a-z0-9]{16,32}$/);
    expect(unknownIdValue({ type: 'string' }, spec, 1)).toBe(unknownIdValue({ type: 'string' }, spec, 1));
    expect(unknownIdValue({ type: 'string' }, spec, 1)).not.toBe(unknownIdValue({ type: 'string' }, spec, 2));
  });
});
