/**
 * Finding a resource's id in a body when the spec does not say where it is: the names its path parameter goes
 * by, then `id`, then `<singular>Id` of its collection (`tasks` → `taskId`), then the one id-looking field.
 * Hand-written: this is the inference RESTler and Schemathesis make, and no library offers it on its own.
 */

const LIST_KEYS = ['items', 'data', 'results', 'content', 'records', 'values', 'elements'];
const ID_LIKE = /(^id$|Id$|_id$|ID$)/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** `billing-profiles` → `billingProfile`: the camel-cased singular of a collection segment. */
function singular(segment: string): string {
  const camel = segment.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.replace(/ies$/, 'y').replace(/s$/, '');
}

/** The field names that may carry the id of an item of a kind, most likely first. */
export function idCandidates(kind: string, names: readonly string[]): string[] {
  const segment =
    kind
      .split('/')
      .filter((s) => s !== '' && !s.includes('{'))
      .at(-1) ?? '';
  const one = singular(segment);
  return [...new Set([...names, 'id', `${one}Id`, `${one}_id`, `${one}ID`, 'uuid', 'key', 'name'])];
}

/** The id of an item of a kind in a JSON value (one wrapping object is looked through), if there is one. */
export function idOf(value: unknown, kind: string, names: readonly string[]): string | undefined {
  if (!isObject(value)) return undefined;
  for (const name of idCandidates(kind, names).slice(0, -3)) {
    const found = scalar(value[name]);
    if (found !== undefined) return found;
  }
  const idLike = Object.keys(value).filter((k) => ID_LIKE.test(k) && scalar(value[k]) !== undefined);
  if (idLike.length === 1) return scalar(value[idLike[0] ?? '']);
  const wrapped = Object.values(value).filter(isObject);
  if (wrapped.length === 1) return idOf(wrapped[0], kind, names);
  for (const name of idCandidates(kind, names).slice(-3)) {
    const found = scalar(value[name]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The items of a list body: a bare array, or the array an envelope holds (`items`, `data`, or its only array). */
export function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return [];
  for (const key of LIST_KEYS) if (Array.isArray(body[key])) return body[key] as unknown[];
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length === 1 ? (arrays[0] as unknown[]) : [];
}
