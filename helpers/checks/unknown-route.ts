/** The path segment the unknown-route probe adds: no API documents it. */
export const UNKNOWN_SEGMENT = 'conformance-no-such-route';

const ANY = Symbol('any value');
type Segment = string | typeof ANY;

const segmentsOf = (path: string) => path.split('/').filter(Boolean);
const isParam = (segment: string) => segment.includes('{');
const patterns = new Map<string, RegExp>();
const paramPattern = (segment: string) => {
  const known = patterns.get(segment);
  if (known) return known;
  const made = new RegExp(
    `^${segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '.+')}$`,
  );
  patterns.set(segment, made);
  return made;
};
/** Documented templates split into segments, grouped by their first segment (`{` for one that is a parameter). */
interface Templates {
  readonly all: readonly string[][];
  readonly byFirst: ReadonlyMap<string, readonly string[][]>;
}
// Every operation asks about the same documented paths: split and group them once per document, not per operation.
const split = new WeakMap<readonly string[], Templates>();
const templatesOf = (documented: readonly string[]): Templates => {
  const known = split.get(documented);
  if (known) return known;
  const all = documented.map(segmentsOf);
  const byFirst = new Map<string, string[][]>();
  for (const t of all) {
    const first = t[0] === undefined ? '' : isParam(t[0]) ? '{' : t[0];
    const group = byFirst.get(first) ?? [];
    group.push(t);
    byFirst.set(first, group);
  }
  const made = { all, byFirst };
  split.set(documented, made);
  return made;
};
/** The templates that could serve a path: those whose first segment is its first segment or a parameter. */
const candidatesFor = (templates: Templates, path: readonly Segment[]): readonly string[][] => {
  const first = path[0];
  if (first === ANY || first === undefined) return templates.all;
  return [...(templates.byFirst.get(first) ?? []), ...(templates.byFirst.get('{') ?? [])];
};

/**
 * True when a documented template could serve the path. A `{param}` segment takes any value, and a trailing
 * `{param}` may take the rest of the path: routers often let the last parameter hold slashes (file paths,
 * keys), and the spec cannot say which do, so the probe never counts on one of them refusing more segments.
 */
function couldServe(template: readonly string[], path: readonly Segment[]): boolean {
  for (let i = 0; i < template.length; i++) {
    const t = template[i] ?? '';
    const p = path[i];
    if (p === undefined) return false;
    if (isParam(t) && i === template.length - 1 && /^\{[^}]+\}$/.test(t)) return true;
    if (p === ANY) continue;
    if (isParam(t) ? !paramPattern(t).test(p) : t !== p) return false;
  }
  return path.length === template.length;
}

/**
 * The path, relative to the base URL, of a route no documented template can serve: the operation's own
 * path plus an unknown segment, else the same one level up, and so on up to the base. Undefined when every
 * such path may be documented (a catch-all at the root). Kept by the number of the operation's segments it
 * keeps, so the probe can reuse the values of the request it varies.
 */
export function unknownRouteDepth(operationPath: string, documented: readonly string[]): number | undefined {
  const own: Segment[] = segmentsOf(operationPath).map((s) => (isParam(s) ? ANY : s));
  const templates = templatesOf(documented);
  for (let keep = own.length; keep >= 0; keep--) {
    const candidate = [...own.slice(0, keep), UNKNOWN_SEGMENT];
    if (!candidatesFor(templates, candidate).some((t) => couldServe(t, candidate))) return keep;
  }
  return undefined;
}
