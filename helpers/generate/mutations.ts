import { type ObjectView, type Schema, typesOf } from './schema-view.ts';

/** One change of a valid request that the spec forbids (negative) or allows but is unusual (boundary). */
export interface BodyChange {
  /** The family (`missing-required`, `wrong-type`, …): probes are chosen one family after another. */
  readonly kind: string;
  /** Unique within the operation, e.g. `missing-required:/name`. */
  readonly name: string;
  readonly describe: string;
  readonly apply: (body: Readonly<Record<string, unknown>>) => unknown;
}

/** A value of another JSON type than the schema allows, per allowed type. */
const WRONG_TYPE: Readonly<Record<string, unknown>> = {
  string: 12345,
  integer: 'conformance',
  number: 'conformance',
  boolean: 'conformance',
  object: 'conformance',
  array: 'conformance',
};

const set = (field: string, value: unknown) => (body: Readonly<Record<string, unknown>>) => ({
  ...body,
  [field]: value,
});

/** Strings that break most patterns: empty, punctuation, surrounding spaces; the first the pattern refuses. */
function offPattern(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  return ['', '!', ' conformance ', '\u00e9\u00e9'].find((s) => !regex.test(s));
}

function rangeBreaks(field: string, prop: Schema): BodyChange[] {
  const out: BodyChange[] = [];
  const change = (what: string, value: unknown) =>
    out.push({
      kind: 'out-of-range',
      name: `out-of-range:/${field}:${what}`,
      describe: `${field} ${what}`,
      apply: set(field, value),
    });
  if (typeof prop.maximum === 'number') change(`above maximum ${prop.maximum}`, prop.maximum + 1);
  if (typeof prop.minimum === 'number') change(`below minimum ${prop.minimum}`, prop.minimum - 1);
  if (typeof prop.maxLength === 'number')
    change(`longer than maxLength ${prop.maxLength}`, 'x'.repeat(prop.maxLength + 1));
  if (typeof prop.minLength === 'number' && prop.minLength > 0)
    change(`shorter than minLength ${prop.minLength}`, 'x'.repeat(prop.minLength - 1));
  return out;
}

/**
 * The negative changes of a JSON object body, one table row per rule of the schema: a required field left out, a
 * field of the wrong type, a value out of range, off its enum or off its pattern. Written by hand because the
 * generators (json-schema-faker, openapi-sampler) only produce valid data; the suite checks each changed body
 * against the schema before it judges the answer, so a change that happens to stay valid is never held against the API.
 */
export function negativeChanges(view: ObjectView): BodyChange[] {
  const out: BodyChange[] = [];
  for (const field of view.required)
    out.push({
      kind: 'missing-required',
      name: `missing-required:/${field}`,
      describe: `without the required ${field}`,
      apply: ({ [field]: _gone, ...rest }) => rest,
    });
  for (const [field, prop] of Object.entries(view.properties)) {
    if (prop.readOnly === true) continue;
    const types = typesOf(prop);
    const wrong = types.length > 0 ? WRONG_TYPE[types[0] ?? ''] : undefined;
    if (wrong !== undefined)
      out.push({
        kind: 'wrong-type',
        name: `wrong-type:/${field}`,
        describe: `${field} as ${JSON.stringify(wrong)} (documented: ${types.join(' or ')})`,
        apply: set(field, wrong),
      });
    out.push(...rangeBreaks(field, prop));
    if (Array.isArray(prop.enum) && prop.enum.every((v) => typeof v === 'string'))
      out.push({
        kind: 'off-enum',
        name: `off-enum:/${field}`,
        describe: `${field} outside its enum`,
        apply: set(field, 'conformance-not-in-enum'),
      });
    const broken = typeof prop.pattern === 'string' ? offPattern(prop.pattern) : undefined;
    if (broken !== undefined)
      out.push({
        kind: 'off-pattern',
        name: `off-pattern:/${field}`,
        describe: `${field} as ${JSON.stringify(broken)}, off its pattern ${String(prop.pattern)}`,
        apply: set(field, broken),
      });
  }
  return out;
}

/** A query parameter changed or left out: `undefined` removes it. */
export interface QueryChange {
  readonly kind: string;
  readonly name: string;
  readonly describe: string;
  readonly parameter: string;
  readonly value: string | undefined;
}

/** The negative changes of query parameters: a required one left out, a malformed number or boolean, off enum, out of range. */
export function negativeQueries(
  parameters: readonly { readonly name: string; readonly required: boolean; readonly schema?: Schema }[],
): QueryChange[] {
  const out: QueryChange[] = [];
  for (const p of parameters) {
    const schema = p.schema ?? {};
    const add = (kind: string, what: string, value: string | undefined, suffix = '') =>
      out.push({
        kind,
        name: `${kind}:${p.name}${suffix}`,
        describe: `${p.name} ${what}`,
        parameter: p.name,
        value,
      });
    if (p.required) add('missing-query', 'left out, though required', undefined);
    const types = typesOf(schema);
    if (types.some((t) => t === 'integer' || t === 'number' || t === 'boolean') && !types.includes('string'))
      add('malformed-query', `as "conformance" (documented: ${types.join(' or ')})`, 'conformance');
    if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'))
      add('off-enum-query', 'outside its enum', 'conformance-not-in-enum');
    if (typeof schema.maximum === 'number')
      add('out-of-range-query', `above maximum ${schema.maximum}`, String(schema.maximum + 1), ':max');
    if (typeof schema.minimum === 'number')
      add('out-of-range-query', `below minimum ${schema.minimum}`, String(schema.minimum - 1), ':min');
  }
  return out;
}

/** A query value as the schema sees it: numbers and booleans parsed, so "5" is judged as 5. */
export function queryValueOf(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
