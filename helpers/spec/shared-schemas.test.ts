import { describe, expect, it } from 'vitest';
import { placed, schemaSource } from './shared-schemas.ts';

const ID = 'openapi:doc';
const doc = {
  components: {
    schemas: {
      Leaf: { type: 'string' },
      Alias: { $ref: '#/components/schemas/Leaf' },
      Absolute: { $ref: `${ID}#/components/schemas/Alias` },
      Loop: { $ref: '#/components/schemas/Loop2' },
      Loop2: { $ref: '#/components/schemas/Loop' },
      Nullable: { $ref: '#/components/schemas/Leaf', nullable: true },
      Tree: {
        type: 'object',
        properties: { kids: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
      },
      Named: { $id: 'https://example.com/named', type: 'string' },
      External: { $ref: 'other.yaml#/Leaf' },
    },
  },
};
const at = (name: string) => `#/components/schemas/${name}`;

describe('schemaSource', () => {
  it('follows bare references, relative or absolute, to the schema they name', () => {
    const leaf = schemaSource(doc, at('Leaf'), ID);
    expect(leaf).toMatchObject({ kind: 'content', prefix: `${ID}${at('Leaf')}` });
    expect(schemaSource(doc, at('Alias'), ID)).toEqual(leaf);
    expect(schemaSource(doc, at('Absolute'), ID)).toEqual(leaf);
  });

  it('keeps a schema with references, an id or siblings of its $ref at its own place', () => {
    expect(schemaSource(doc, at('Tree'), ID)).toEqual({
      kind: 'pointer',
      key: at('Tree'),
      pointer: at('Tree'),
    });
    expect(schemaSource(doc, at('Named'), ID)).toMatchObject({ kind: 'pointer', pointer: at('Named') });
    expect(schemaSource(doc, at('Nullable'), ID)).toMatchObject({ kind: 'pointer', pointer: at('Nullable') });
    expect(schemaSource(doc, at('External'), ID)).toMatchObject({ kind: 'pointer', pointer: at('External') });
  });

  it('stops on a loop of references instead of following it forever', () => {
    expect(schemaSource(doc, at('Loop'), ID).kind).toBe('pointer');
  });

  it('gives equal schemas written in two places one key, and different ones two', () => {
    const twice = {
      a: { type: 'integer', minimum: 1 },
      b: { type: 'integer', minimum: 1 },
      c: { type: 'integer' },
    };
    const key = (p: string) => schemaSource(twice, p, ID).key;
    expect(key('#/a')).toBe(key('#/b'));
    expect(key('#/a')).not.toBe(key('#/c'));
  });
});

describe('placed', () => {
  it('puts a schema path of a schema compiled alone under the place it is written', () => {
    expect(placed('#/properties/a/type', `${ID}#/x`)).toBe(`${ID}#/x/properties/a/type`);
    expect(placed('#', `${ID}#/x`)).toBe(`${ID}#/x`);
    expect(placed('other#/a', `${ID}#/x`)).toBe('other#/a');
  });
});
