import { createHash } from 'node:crypto';
import { atPointer } from '../core/json.ts';

/** Where the validator of the schema at a document pointer comes from, and how its violations name their place. */
export type SchemaSource =
  /** Compiled as a reference to `pointer` (another place of the document when the schema only refers to it). */
  | { readonly kind: 'pointer'; readonly key: string; readonly pointer: string }
  /**
   * Compiled from the schema alone, shared by every place that documents the same schema without references;
   * a violation's schema path (`#/properties/…`) is put back under the place the schema is written (`prefix`).
   */
  | { readonly kind: 'content'; readonly key: string; readonly schema: object; readonly prefix: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A reference into the document itself, written `#/…` or with the document's id in front. */
function localTarget(ref: unknown, docId: string): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const local = ref.startsWith(`${docId}#`) ? ref.slice(docId.length) : ref;
  return local.startsWith('#/') ? local : undefined;
}

/**
 * Which validator serves the schema at `pointer` of a document prepared for ajv. Large documents name the same
 * schema from many operations (Pulumi's 453 response schemas are 392 bare `$ref`s to 224 components; a generated
 * API repeats one inline error body on every operation), and each compile costs milliseconds: compiling each
 * distinct schema once makes load time follow the document's distinct schemas, not its operations. Violations
 * read the same either way: ajv names a violation inside a referenced schema by its path in that schema.
 * Written here because ajv caches compiled schemas by identity and id only, never by what they say.
 */
export function schemaSource(doc: unknown, pointer: string, docId: string): SchemaSource {
  let at = pointer;
  const seen = new Set<string>();
  for (;;) {
    const schema = atPointer(doc, at.slice(1));
    const keys = isObject(schema) ? Object.keys(schema) : [];
    const next =
      keys.length === 1 && keys[0] === '$ref'
        ? localTarget((schema as { $ref: unknown }).$ref, docId)
        : undefined;
    if (next === undefined || seen.has(next)) break;
    seen.add(at);
    at = next;
  }
  const schema = atPointer(doc, at.slice(1));
  if (isObject(schema)) {
    const text = JSON.stringify(schema);
    // A schema that refers elsewhere or names itself is left at its place: its paths and ids depend on where it is.
    if (!/"\$(ref|id|anchor|dynamicRef|dynamicAnchor|recursiveRef|recursiveAnchor)"/.test(text))
      return {
        kind: 'content',
        key: `content:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`,
        schema,
        prefix: `${docId}${at}`,
      };
  }
  return { kind: 'pointer', key: at, pointer: at };
}

/** A schema path of a validator compiled from content alone (`#/…`), placed under the place asked about. */
export const placed = (schemaPath: string, prefix: string): string =>
  schemaPath.startsWith('#') ? `${prefix}${schemaPath.slice(1)}` : schemaPath;
