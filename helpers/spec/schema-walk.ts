type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** Keywords whose value is one subschema. */
const ONE = [
  'additionalProperties',
  'items',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
];
/** Keywords whose value is a list of subschemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/** A visitor of Schema Objects: gets each schema and its JSON pointer, returns its replacement. */
export type SchemaVisitor = (schema: Obj, pointer: string) => Obj;

/**
 * Rebuilds a schema bottom-up, calling `visit` on every Schema Object, nested ones first. Only schema
 * positions are walked, so a property called `nullable` or `id` is never mistaken for a keyword.
 */
function mapSchema(schema: unknown, pointer: string, visit: SchemaVisitor, depth: number): unknown {
  if (!isObj(schema) || depth > 200) return schema;
  const out: Obj = { ...schema };
  for (const key of ONE)
    if (isObj(out[key])) out[key] = mapSchema(out[key], `${pointer}/${key}`, visit, depth + 1);
  for (const key of LIST) {
    const list = out[key];
    if (Array.isArray(list))
      out[key] = list.map((s, i) => mapSchema(s, `${pointer}/${key}/${i}`, visit, depth + 1));
  }
  for (const key of MAP) {
    const map = out[key];
    if (isObj(map))
      out[key] = Object.fromEntries(
        Object.entries(map).map(([name, s]) => [
          name,
          mapSchema(s, `${pointer}/${key}/${escapePointer(name)}`, visit, depth + 1),
        ]),
      );
  }
  return visit(out, pointer);
}

/** Parts of a document that hold values, not descriptions: never walked for schemas. */
const OPAQUE = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Values outside schemas that only illustrate: a validator's copy leaves them out. */
const ILLUSTRATIONS = new Set(['example', 'examples']);

/**
 * A copy of an OpenAPI document with every Schema Object replaced by `visit(schema)`: component schemas
 * and every `schema` of parameters, headers and media types, wherever they sit (paths, components, webhooks).
 * With `dropIllustrations`, examples and `x-` extensions outside schemas are left out of the copy.
 */
export function mapDocumentSchemas(
  doc: Obj,
  visit: SchemaVisitor,
  options: { readonly dropIllustrations?: boolean } = {},
): Obj {
  const walk = (value: unknown, pointer: string, depth: number): unknown => {
    if (depth > 64) return value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${pointer}/${i}`, depth + 1));
    if (!isObj(value)) return value;
    const out: Obj = {};
    for (const [key, inner] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (options.dropIllustrations && (key.startsWith('x-') || ILLUSTRATIONS.has(key))) continue;
      if (key.startsWith('x-') || OPAQUE.has(key)) out[key] = inner;
      else if (key === 'schema') out[key] = mapSchema(inner, at, visit, 0);
      else if (key === 'schemas' && pointer === '#/components' && isObj(inner))
        out[key] = Object.fromEntries(
          Object.entries(inner).map(([name, s]) => [
            name,
            mapSchema(s, `${at}/${escapePointer(name)}`, visit, 0),
          ]),
        );
      else out[key] = walk(inner, at, depth + 1);
    }
    return out;
  };
  return walk(doc, '#', 0) as Obj;
}
