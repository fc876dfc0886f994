import { describesSecret } from '../core/secret-names.ts';
import type { OpenApiDoc } from './load-spec.ts';

type Schema = {
  readonly type?: unknown;
  readonly format?: unknown;
  readonly writeOnly?: unknown;
  readonly description?: unknown;
  readonly properties?: Readonly<Record<string, unknown>>;
};

/** Whether a property's schema marks its value as a secret: `format: password`, `writeOnly`, or its description. */
function marksSecret(schema: Schema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string'];
  if (!types.includes('string')) return false;
  return (
    schema.format === 'password' ||
    schema.writeOnly === true ||
    (typeof schema.description === 'string' && describesSecret(schema.description))
  );
}

/**
 * Names of the string properties a document marks as secret anywhere in its schemas, so a run redacts them
 * however they are named (`pin` with `format: password`). Walked once per run; `$ref`s need no resolving, since
 * every schema is visited where it is defined.
 */
export function secretFields(doc: OpenApiDoc): string[] {
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const properties = (node as Schema).properties;
    if (properties && typeof properties === 'object')
      for (const [name, schema] of Object.entries(properties))
        if (schema && typeof schema === 'object' && marksSecret(schema as Schema)) names.add(name);
    for (const child of Object.values(node)) walk(child);
  };
  walk(doc);
  return [...names].sort();
}
