/** The path segment the unknown-route probe adds: no API documents it. */
export const UNKNOWN_SEGMENT = 'conformance-no-such-route';

const ANY = Symbol('any value');
type Segment = string | typeof ANY;

const segmentsOf = (path: string) => path.split('/').filter(Boolean);
const isParam = (segment: string) => segment.includes('{');
const paramPattern = (segment: string) =>
  new RegExp(`^${segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '.+')}$`);

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
  const templates = documented.map(segmentsOf);
  for (let keep = own.length; keep >= 0; keep--) {
    const candidate = [...own.slice(0, keep), UNKNOWN_SEGMENT];
    if (!templates.some((t) => couldServe(t, candidate))) return keep;
  }
  return undefined;
}
