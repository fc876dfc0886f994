import { refTarget } from './check-refs.ts';
import { mapDocumentSchemas } from './schema-walk.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `$ref` into the document's own top-level sections. */
const DOCUMENT_POINTER = /^#\/(components|paths|webhooks)\//;

/**
 * The version of what `ajvDocument` makes of a document. Compiled validators are kept on disk by the document's
 * hash and this number: a change to the output (the test beside it notices one) must come with a new number.
 */
export const AJV_DOCUMENT_VERSION = 1;

/** A document rewritten into the JSON Schema ajv compiles, and the formats its schemas name. */
export interface AjvDocument {
  readonly doc: Obj;
  readonly formats: ReadonlySet<string>;
}

/**
 * OpenAPI's `nullable: true` as JSON Schema: `null` joins the type (and the enum). Without a type, OpenAPI 3.0.3
 * says it has no effect, but authors write `{nullable: true, allOf: [{$ref}]}` to mean a nullable reference
 * and ajv refuses `nullable` without `type`: reading it as "also null" is what the author meant and cannot
 * raise a false alarm.
 */
function nullable(schema: Obj): Obj {
  const { nullable: flag, ...rest } = schema;
  if (flag !== true) return rest;
  if (typeof rest.type === 'string') {
    const withNull: Obj = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum) && !rest.enum.includes(null)) withNull.enum = [...rest.enum, null];
    return withNull;
  }
  if (Array.isArray(rest.type))
    return rest.type.includes('null') ? rest : { ...rest, type: [...rest.type, 'null'] };
  return Object.keys(rest).length === 0 ? rest : { anyOf: [{ type: 'null' }, rest] };
}

/** Required properties of a response body exclude write-only ones (OpenAPI: `required` then applies to requests only). */
function withoutWriteOnlyRequired(schema: Obj): Obj {
  const props = schema.properties;
  if (!Array.isArray(schema.required) || !isObj(props)) return schema;
  const required = schema.required.filter((name) => {
    const prop = props[String(name)];
    return !(isObj(prop) && prop.writeOnly === true);
  });
  return required.length === schema.required.length ? schema : { ...schema, required };
}

/**
 * Example values and extensions say nothing a validator checks, and ajv scans every key of what it is given
 * for ids: an example object with an `id` field (GitHub's description has `"id": "12,"`) would register as one.
 */
function withoutIllustrations(schema: Obj): Obj {
  return Object.fromEntries(
    Object.entries(schema).filter(([k]) => k !== 'example' && k !== 'examples' && !k.startsWith('x-')),
  );
}

/**
 * Rewrites a document's schemas into what ajv compiles as the OpenAPI version means them. 3.0: `$ref`
 * siblings are ignored (the 3.0 rule; ajv would apply them), `id`/`$id`/`$schema` are not identifiers, and
 * `nullable` as above. 3.1: JSON Schema 2020-12 as is, but a nested `$schema` naming another draft (which
 * ajv cannot load) is dropped, and pointers into the document are made absolute (`id#/components/…`). The original document is left alone: samplers and reports read it as written.
 */
export function ajvDocument(doc: Obj, openapi: '3.0' | '3.1', id: string): AjvDocument {
  const formats = new Set<string>();
  const rewritten = mapDocumentSchemas(
    doc,
    (schema) => {
      if (typeof schema.format === 'string') formats.add(schema.format);
      let out: Obj = withoutIllustrations(schema);
      if (openapi === '3.0') {
        if (typeof out.$ref === 'string')
          out = out.nullable === true ? { $ref: out.$ref, nullable: true } : { $ref: out.$ref };
        const { id: _id, $id: _$id, $schema: _schema, ...rest } = out;
        out = rest;
      } else {
        const { $schema: _schema, ...rest } = out;
        out = rest;
        // Inside a schema with an `$id`, JSON Schema resolves `#/components/…` against that id, where it names
        // nothing; authors mean the document (Scalar's Galaxy does this), so such a pointer is made absolute.
        const ref = out.$ref;
        if (typeof ref === 'string' && DOCUMENT_POINTER.test(ref) && refTarget(doc, ref) !== undefined)
          out = { ...out, $ref: `${id}${ref}` };
      }
      return withoutWriteOnlyRequired(nullable(out));
    },
    { dropIllustrations: true },
  );
  return { doc: rewritten, formats };
}
