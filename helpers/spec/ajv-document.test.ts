import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AJV_DOCUMENT_VERSION, ajvDocument } from './ajv-document.ts';
import { loadSpec } from './load-spec.ts';

/** What `ajvDocument` made of the documents below, by version: compiled validators on disk are keyed by it. */
const RECORDED: Record<number, string> = { 1: 'b1954f286bc0f131' };

/** A 3.1 document with what the preparation rewrites: an `$id` schema with a document pointer, `$schema`, examples. */
const DOC_31 = {
  openapi: '3.1.0',
  info: { title: 'prep', version: '1' },
  paths: {},
  components: {
    schemas: {
      Tag: { type: 'string', format: 'tag', examples: ['a'] },
      Pet: {
        $id: 'https://example.com/pet',
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['tag', 'secret'],
        properties: {
          tag: { $ref: '#/components/schemas/Tag' },
          secret: { type: 'string', writeOnly: true },
        },
      },
    },
  },
};

describe('the document as ajv compiles it', () => {
  it('changes only with a new AJV_DOCUMENT_VERSION, so validators kept on disk never outlive it', async () => {
    const specs = await Promise.all(
      ['specs/pulumi.openapi.yaml', 'specs/cloudpirates.openapi.yaml', 'specs/taskboard.openapi.yaml'].map(
        (f) => loadSpec(f),
      ),
    );
    const made = [
      ...specs.map((s) => ajvDocument(s.doc, s.openapi, 'doc')),
      ajvDocument(DOC_31, '3.1', 'doc'),
    ].map((p) => [p.doc, [...p.formats].sort()]);
    const hash = createHash('sha256').update(JSON.stringify(made)).digest('hex').slice(0, 16);
    expect(
      hash,
      'ajvDocument makes something else of these documents now: raise AJV_DOCUMENT_VERSION and record the new hash',
    ).toBe(RECORDED[AJV_DOCUMENT_VERSION]);
  });
});
