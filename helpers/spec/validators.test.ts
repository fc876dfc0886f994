import { describe, expect, it } from 'vitest';
import type { OpenApiDoc, SpecDocument } from './load-spec.ts';
import { createValidators } from './validators.ts';

const SCHEMA = '#/components/schemas/Subject';
const specOf = (openapi: '3.0' | '3.1', schemas: Record<string, unknown>): SpecDocument => {
  const doc: OpenApiDoc = {
    openapi: `${openapi}.0`,
    info: { title: 'T', version: '1' },
    paths: {},
    components: { schemas },
  };
  return { source: 'test.yaml', openapi, doc, resolve: () => undefined };
};

// Each case: a Subject schema (with helpers beside it), and data that must or must not validate.
const CASES: {
  description: string;
  openapi: '3.0' | '3.1';
  schemas: Record<string, unknown>;
  tests: { data: unknown; valid: boolean }[];
}[] = [
  {
    description:
      '3.0 nullable without type (a nullable reference) allows null and still checks the reference',
    openapi: '3.0',
    schemas: {
      Subject: { nullable: true, allOf: [{ $ref: '#/components/schemas/Id' }] },
      Id: { type: 'integer' },
    },
    tests: [
      { data: null, valid: true },
      { data: 3, valid: true },
      { data: 'x', valid: false },
    ],
  },
  {
    description: '3.0 nullable with an enum admits null to the enum',
    openapi: '3.0',
    schemas: { Subject: { type: 'string', enum: ['a', 'b'], nullable: true } },
    tests: [
      { data: null, valid: true },
      { data: 'a', valid: true },
      { data: 'c', valid: false },
    ],
  },
  {
    description: '3.0 $ref siblings are ignored, except nullable',
    openapi: '3.0',
    schemas: {
      Subject: {
        type: 'object',
        properties: {
          a: { $ref: '#/components/schemas/S', maxLength: 1 },
          b: { $ref: '#/components/schemas/S', nullable: true },
        },
      },
      S: { type: 'string' },
    },
    tests: [
      { data: { a: 'long text', b: null }, valid: true },
      { data: { a: 1 }, valid: false },
    ],
  },
  {
    description: '3.0 id keyword and example objects with ids are not schema identifiers',
    openapi: '3.0',
    schemas: {
      Subject: {
        id: '12,',
        type: 'object',
        example: { id: '12,' },
        properties: { id: { type: 'integer', example: 12 } },
      },
      Other: { id: '12,', type: 'string' },
    },
    tests: [
      { data: { id: 1 }, valid: true },
      { data: { id: 'x' }, valid: false },
    ],
  },
  {
    description: 'format int64 and an unknown format: the first checked, the second accepts anything',
    openapi: '3.0',
    schemas: {
      Subject: {
        type: 'object',
        properties: { n: { type: 'integer', format: 'int64' }, t: { type: 'string', format: 'timestamp' } },
      },
    },
    tests: [
      { data: { n: 9007199254740991, t: 'whenever' }, valid: true },
      { data: { n: 1.5 }, valid: false },
    ],
  },
  {
    description: 'a write-only required property is not required in a response',
    openapi: '3.0',
    schemas: {
      Subject: {
        type: 'object',
        required: ['name', 'password'],
        properties: { name: { type: 'string' }, password: { type: 'string', writeOnly: true } },
      },
    },
    tests: [
      { data: { name: 'a' }, valid: true },
      { data: {}, valid: false },
    ],
  },
  {
    description: '3.1 type arrays, const, $defs and $ref siblings',
    openapi: '3.1',
    schemas: {
      Subject: {
        type: 'object',
        $defs: { Kind: { const: 'planet' } },
        properties: {
          kind: { $ref: '#/components/schemas/Subject/$defs/Kind' },
          label: { type: ['string', 'null'] },
          n: { $ref: '#/components/schemas/N', maximum: 5 },
        },
      },
      N: { type: 'integer' },
    },
    tests: [
      { data: { kind: 'planet', label: null, n: 5 }, valid: true },
      { data: { kind: 'moon' }, valid: false },
      { data: { n: 6 }, valid: false },
    ],
  },
  {
    description: '3.1 a document pointer inside a schema with its own $id names the document',
    openapi: '3.1',
    schemas: {
      Subject: {
        $id: 'https://example.test/Things',
        type: 'array',
        items: { $ref: '#/components/schemas/Thing' },
      },
      Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    },
    tests: [
      { data: [{ id: 'a' }], valid: true },
      { data: [{ id: 1 }], valid: false },
    ],
  },
];

describe('validators read each OpenAPI version as it means its schemas', () => {
  for (const c of CASES) {
    it(c.description, () => {
      const notes: string[] = [];
      const validators = createValidators(specOf(c.openapi, c.schemas), { note: (line) => notes.push(line) });
      for (const t of c.tests)
        expect({ data: t.data, valid: validators.validate(SCHEMA, t.data).length === 0 }).toEqual(t);
    });
  }

  it('notes an unknown format once, however many schemas use it', () => {
    const notes: string[] = [];
    const validators = createValidators(
      specOf('3.0', {
        Subject: { type: 'string', format: 'timestamp' },
        B: { type: 'string', format: 'timestamp' },
        C: { type: 'string', format: 'date-time' },
      }),
      { note: (line) => notes.push(line) },
    );
    validators.validate(SCHEMA, 'x');
    validators.validate('#/components/schemas/B', 'x');
    expect(validators.unknownFormats).toEqual(['timestamp']);
    expect(notes).toEqual([
      'Note: test.yaml uses format "timestamp", which has no validator: values of that format are not checked.',
    ]);
  });

  it('names the schema pointer of a schema that cannot be compiled, in one line', () => {
    const validators = createValidators(specOf('3.1', { Subject: { type: 'string', pattern: '(' } }));
    expect(() => validators.validate(SCHEMA, 'x')).toThrow(
      /^Spec test.yaml: the schema at #\/components\/schemas\/Subject cannot be used \(.*\); fix that schema\.$/,
    );
  });
});

describe('validators compile each distinct schema once', () => {
  const Item = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
  const Problem = { type: 'object', properties: { message: { type: 'string' } } };
  const responses = (n: number) =>
    `#/paths/~1items~1{id}/get/responses/${n}/content/application~1json/schema`;
  const spec = (): SpecDocument => {
    const base = specOf('3.0', { Item, Alias: { $ref: '#/components/schemas/Item' } });
    const doc = base.doc as Record<string, unknown>;
    const body = (schema: unknown) => ({ description: 'd', content: { 'application/json': { schema } } });
    doc.paths = {
      '/items/{id}': {
        get: {
          responses: {
            200: body({ $ref: '#/components/schemas/Item' }),
            201: body({ $ref: '#/components/schemas/Alias' }),
            404: body(Problem),
            410: body(structuredClone(Problem)),
            422: body({ ...Problem, required: ['message'] }),
          },
        },
      },
    };
    return base;
  };

  it('shares a referenced component, through aliases, with the component itself', () => {
    const validators = createValidators(spec());
    const at = (n: number) => validators.validate(responses(n), { id: 1 });
    expect(at(200)).toEqual(at(201));
    expect(validators.validate('#/components/schemas/Item', { id: 1 })).toEqual(at(200));
    expect(at(200).map((v) => v.pointer)).toEqual(['/id']);
    expect(validators.compiled()).toBe(1);
  });

  it('shares an inline schema repeated word for word, and names each violation where it was asked', () => {
    const validators = createValidators(spec());
    const [at404] = validators.validate(responses(404), { message: 1 });
    const [at410] = validators.validate(responses(410), { message: 1 });
    expect(validators.compiled()).toBe(1);
    expect(at404?.schemaPath).toBe(`openapi:doc${responses(404)}/properties/message/type`);
    expect(at410?.schemaPath).toBe(`openapi:doc${responses(410)}/properties/message/type`);
    // A schema that says one thing more is a validator of its own, and it judges by what it says.
    expect(validators.validate(responses(422), {}).map((v) => v.keyword)).toEqual(['required']);
    expect(validators.compiled()).toBe(2);
  });
});
