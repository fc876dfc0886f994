import type { SpecDocument } from '../spec/load-spec.ts';

/** A JSON Schema node as the generators read it. */
export type Schema = Readonly<Record<string, unknown>>;

/** An object schema flattened for mutation: its properties (references resolved) and required names. */
export interface ObjectView {
  readonly properties: Readonly<Record<string, Schema>>;
  readonly required: readonly string[];
}

/** The schema a `$ref` points to (internal references only), followed until it is not a reference. */
export function resolved(schema: Schema | undefined, spec: SpecDocument, depth = 0): Schema | undefined {
  if (!schema || depth > 20) return schema;
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  return resolved(spec.resolve(ref) as Schema | undefined, spec, depth + 1);
}

/** The properties and required names of an object schema, through `$ref` and `allOf`; undefined otherwise. */
export function objectView(schema: Schema | undefined, spec: SpecDocument): ObjectView | undefined {
  const node = resolved(schema, spec);
  if (!node) return undefined;
  const parts = [node, ...((node.allOf as Schema[] | undefined) ?? []).map((s) => resolved(s, spec))];
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const [name, prop] of Object.entries((part.properties as Record<string, Schema>) ?? {}))
      properties[name] = resolved(prop, spec) ?? prop;
    required.push(...((part.required as string[] | undefined) ?? []));
  }
  const isObject = node.type === 'object' || Object.keys(properties).length > 0;
  return isObject ? { properties, required: [...new Set(required)] } : undefined;
}

/** The JSON types a schema allows (`type` as a string or a list); empty when it does not say. */
export function typesOf(schema: Schema): string[] {
  const type = schema.type;
  const types = Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
  return schema.nullable === true ? [...types, 'null'] : types;
}
