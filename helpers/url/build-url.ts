/**
 * Joins a base URL (managed or self-hosted, with or without a path prefix or trailing slash) and a path
 * template, encoding each path parameter as exactly one segment. Never yields `//`, never drops the prefix.
 * Hand-written: URL and URL templating libraries resolve relative paths (dropping the prefix on a leading
 * `/`) or leave `/` inside values unencoded, which are the two faults this exists to prevent.
 */
export function buildUrl(
  baseUrl: string,
  pathTemplate: string,
  params: Readonly<Record<string, string>>,
  query: Readonly<Record<string, string>> = {},
): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const path = pathTemplate
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) =>
      segment.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`No value for path parameter {${name}} of ${pathTemplate}`);
        return encodeSegment(value);
      }),
    )
    .join('/');
  const search = new URLSearchParams(Object.entries(query)).toString();
  return `${base.origin}${prefix}/${path}${search ? `?${search}` : ''}`;
}

/**
 * Percent-encodes a value as one path segment: `/`, space, `%`, `?`, `#` and non-ASCII included; `.` and `..`
 * too, which URL parsers would otherwise resolve as dot segments and so move the request to another route.
 */
export function encodeSegment(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The path template's parameter names, in order. */
export function pathParams(pathTemplate: string): readonly string[] {
  const known = paramsOf.get(pathTemplate);
  if (known) return known;
  const params = Object.freeze([...pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''));
  paramsOf.set(pathTemplate, params);
  return params;
}

// One entry per path template of the documents a process loads: asked about at every request built.
const paramsOf = new Map<string, readonly string[]>();

/** True when the URL lies under the base URL (same origin, prefix kept) and has no empty segment. */
export function isUnderBase(url: string, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  return (
    target.origin === base.origin &&
    (target.pathname === prefix || target.pathname.startsWith(`${prefix}/`)) &&
    !target.pathname.includes('//')
  );
}
