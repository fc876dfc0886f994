/** A compiled route of a spec path template. */
interface Route {
  readonly method: string;
  readonly operationId: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal segments rank before templated ones, so `/teams/pulumi` wins over `/teams/{teamName}`. */
  readonly literals: number;
  /** The path template: a parameter never spans a `/`, so only paths of as many segments can match. */
  readonly template: string;
  /** Its place in the ranking: among routes of as many literal segments, as the document lists them. */
  readonly rank: number;
}

/** A matched route: the operation and its decoded path parameters. */
export interface RouteMatch {
  readonly operationId: string;
  readonly params: Record<string, string>;
}

/** Finds the operation for a method and path; built from the mock's own spec, so routes and spec cannot drift. */
export interface Router {
  readonly match: (method: string, path: string) => RouteMatch | undefined;
  /** True when the path exists for some other method. */
  readonly pathExists: (path: string) => boolean;
  /** The methods documented for a path, upper-case, in the order routes rank (empty for an unknown path). */
  readonly methodsOf: (path: string) => string[];
}

/** Builds a router from `paths` of an OpenAPI document; each `{param}` matches exactly one segment. */
export function createRouter(paths: Record<string, Record<string, unknown>>): Router {
  const unranked: Omit<Route, 'rank'>[] = [];
  for (const [template, item] of Object.entries(paths)) {
    const names: string[] = [];
    const source = template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    const literals = template.split('/').filter((s) => s && !s.includes('{')).length;
    for (const [method, op] of Object.entries(item)) {
      const id = (op as { operationId?: string }).operationId;
      if (id)
        unranked.push({
          method: method.toUpperCase(),
          operationId: id,
          pattern: new RegExp(`^${source}$`),
          names,
          literals,
          template,
        });
    }
  }
  const routes: Route[] = unranked
    .sort((a, b) => b.literals - a.literals)
    .map((route, rank) => ({ ...route, rank }));
  // Grouped by segment count and first segment, in rank order: a spec of thousands of paths is not scanned whole
  // for each request. A template whose first segment holds a parameter is a candidate for any first segment.
  const groups = new Map<string, Route[]>();
  const keyOf = (segments: readonly string[], first: string) => `${segments.length} ${first}`;
  for (const route of routes) {
    const segments = route.template.split('/');
    const first = segments[1] ?? '';
    const key = keyOf(segments, first.includes('{') ? '{' : first);
    const group = groups.get(key) ?? [];
    group.push(route);
    groups.set(key, group);
  }
  const candidates = (path: string): readonly Route[] => {
    const segments = path.split('/');
    const exact = groups.get(keyOf(segments, segments[1] ?? '')) ?? [];
    const any = groups.get(keyOf(segments, '{')) ?? [];
    if (any.length === 0 || exact.length === 0) return exact.length > 0 ? exact : any;
    return [...exact, ...any].sort((a, b) => b.literals - a.literals || a.rank - b.rank);
  };
  const find = (path: string, method?: string) => {
    for (const route of candidates(path)) {
      if (method && route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (m) return { route, m };
    }
    return undefined;
  };
  return {
    match(method, path) {
      const found = find(path, method.toUpperCase());
      if (!found) return undefined;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(
          found.route.names.map((n, i) => [n, decodeURIComponent(found.m[i + 1] ?? '')]),
        );
      } catch {
        return undefined;
      }
      return { operationId: found.route.operationId, params };
    },
    pathExists: (path) => find(path) !== undefined,
    methodsOf: (path) => [
      ...new Set(
        candidates(path)
          .filter((r) => r.pattern.test(path))
          .map((r) => r.method),
      ),
    ],
  };
}
