import type { OutgoingRequest } from '../core/exchange.ts';
import { header } from '../core/exchange.ts';
import { type Finding, finding } from '../core/finding.ts';
import { choose } from '../generate/seed.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';
import { perOperation } from './probe-helpers.ts';
import { unknownId, withLastSegment } from './unknown-resource.ts';

const NAME = 'unsupported-method';
const PREFIX = `${NAME}:`;
/** The methods an API is asked for; HEAD comes with GET and OPTIONS belongs to CORS, so neither is probed. */
const PROBED = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const;
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type PathItem = Record<string, { responses?: object }>;
const isParamSegment = (s: string) => /^\{[^}]+\}$/.test(s);

/** True when two split path templates can name the same URL: each segment equal or a parameter on either side. */
function overlap(x: readonly string[], y: readonly string[]): boolean {
  return x.every((s, i) => s === y[i] || isParamSegment(s) || isParamSegment(y[i] ?? ''));
}

/** A document's path items split into segments once, grouped by their number of segments and first segment. */
const splitPaths = new WeakMap<object, Map<string, [string, readonly string[], PathItem][]>>();
const groupKey = (segments: readonly string[], first = segments[1] ?? '') =>
  `${segments.length} ${isParamSegment(first) ? '{' : first}`;
/** What each path's check needs, worked out once per path: every operation of a path asks for the same. */
const perPath = new WeakMap<object, Map<string, { methods: string[]; statuses: Set<string> }>>();

function splitOnce(doc: object, paths: Record<string, PathItem>) {
  let groups = splitPaths.get(doc);
  if (!groups) {
    groups = new Map();
    for (const [path, item] of Object.entries(paths)) {
      const segments = path.split('/');
      const group = groups.get(groupKey(segments)) ?? [];
      group.push([path, segments, item]);
      groups.set(groupKey(segments), group);
    }
    splitPaths.set(doc, groups);
  }
  return groups;
}

/**
 * The methods and response statuses of the path items whose URLs the operation's URLs can be: its own, and
 * templates that match it (`/teams/{name}` for `/teams/pulumi`). Paths are split and grouped once per document:
 * a spec of thousands of paths is not compared pair by pair for each operation.
 */
function pathFacts(ctx: CheckContext): { methods: string[]; statuses: Set<string> } {
  const doc = ctx.spec.doc;
  const cache = perPath.get(doc) ?? new Map<string, { methods: string[]; statuses: Set<string> }>();
  perPath.set(doc, cache);
  const known = cache.get(ctx.operation.path);
  if (known) return known;
  const own = ctx.operation.path.split('/');
  const groups = splitOnce(doc, (doc.paths ?? {}) as Record<string, PathItem>);
  // Only paths of as many segments can overlap; of those, the ones with the same first segment or a parameter there.
  const candidates = isParamSegment(own[1] ?? '')
    ? [...groups].filter(([key]) => key.startsWith(`${own.length} `)).flatMap(([, group]) => group)
    : [...(groups.get(groupKey(own)) ?? []), ...(groups.get(groupKey(own, '{')) ?? [])];
  const items = candidates.filter(([, segments]) => overlap(segments, own));
  const operations = items.flatMap(([, , item]) => Object.entries(item).filter(([m]) => HTTP_METHODS.has(m)));
  const facts = {
    methods: [...new Set(operations.map(([m]) => m.toUpperCase()))],
    statuses: new Set(operations.flatMap(([, op]) => Object.keys(op.responses ?? {}))),
  };
  cache.set(ctx.operation.path, facts);
  return facts;
}

/** The methods documented for the operation's URLs, upper-case. */
export function documentedMethods(ctx: CheckContext): string[] {
  return pathFacts(ctx).methods;
}

/** The path's own GET, else its first operation, hosts the check, so each path is probed once. */
function hostMethod(ctx: CheckContext): string | undefined {
  const own = Object.keys((ctx.spec.doc.paths?.[ctx.operation.path] ?? {}) as object)
    .filter((m) => HTTP_METHODS.has(m))
    .map((m) => m.toUpperCase());
  return own.includes('GET') ? 'GET' : own[0];
}

const isItemPath = (path: string) => /\{[^}]+\}$/.test(path);

/**
 * The probes: undocumented methods on the path, without a body. Against a live target an unsafe method goes out
 * only when writes are allowed, and only to an item path with an id that was never created, so even an API that
 * wrongly supports it has nothing to change; read-only runs probe with GET alone.
 */
const variants = perOperation((ctx: CheckContext): Variant[] => {
  const documented = documentedMethods(ctx);
  const { target } = ctx;
  const id = target.live ? unknownId(ctx) : undefined;
  const allowed = PROBED.filter((m) => !documented.includes(m)).filter(
    (m) =>
      m === 'GET' ||
      !target.live ||
      (target.writesAllowed && isItemPath(ctx.operation.path) && id !== undefined),
  );
  const picked = choose(
    allowed.map((m) => ({ kind: 'method', name: m })),
    ctx.generation.examples,
    ctx.generation.seed,
    `${ctx.operation.path}:${NAME}`,
  );
  return picked.map(({ name: method }) => ({
    name: `${PREFIX}${method}`,
    change: (req: OutgoingRequest) => {
      const moved = method !== 'GET' && id !== undefined ? withLastSegment(id)(req) : req;
      const headers = Object.fromEntries(
        Object.entries(moved.headers).filter(([k]) => k.toLowerCase() !== 'content-type'),
      );
      return { method, url: moved.url, headers };
    },
  }));
});

/**
 * `unsupported-method`: a method the path does not document answers 405 with an `Allow` header listing what the
 * resource supports (RFC 9110 §15.5.6, §10.2.1), or another 4xx the path documents (noted); never a success and
 * never a 5xx.
 */
export const unsupportedMethod: Check = {
  name: NAME,
  seeded: true,
  description:
    'A method the path does not document answers 405 with Allow (or another documented 4xx), never 2xx or 5xx.',
  notApplicable: (ctx) => {
    const documented = documentedMethods(ctx);
    const host = hostMethod(ctx);
    if (host !== ctx.operation.method) return `judged once per path, on its ${host} operation`;
    if (PROBED.every((m) => documented.includes(m))) return 'the path documents every method';
    return variants(ctx).length === 0
      ? 'a read-only run against a live target sends only GET and HEAD, and the path documents GET'
      : undefined;
  },
  variants,
  verify(ctx, exchanges): Finding[] {
    const id = ctx.operation.id;
    const documented = documentedMethods(ctx);
    const pathStatuses = pathFacts(ctx).statuses;
    const out: Finding[] = [];
    for (const [name, exchange] of exchanges.variants) {
      if (!name.startsWith(PREFIX)) continue;
      const method = name.slice(PREFIX.length);
      const status = exchange.response?.status;
      const what = `${method} ${ctx.operation.path}, which documents ${documented.join(', ')}`;
      const fail = (title: string, expected: string) =>
        out.push(
          finding(
            NAME,
            id,
            'error',
            title,
            `Received: ${received(exchange)} for ${what} / Documented: ${expected}`,
            name,
          ),
        );
      if (status === 405) {
        const allow = exchange.response ? header(exchange.response.headers, 'allow') : undefined;
        const listed = (allow ?? '').split(',').map((m) => m.trim().toUpperCase());
        if (allow === undefined)
          fail('405 without Allow', 'an Allow header listing the supported methods (RFC 9110 §15.5.6)');
        else if (listed.includes(method))
          fail('Allow lists the refused method', `Allow without ${method} (received Allow: ${allow})`);
        continue;
      }
      if (status === undefined) fail('No response', '405');
      else if (status >= 500) fail('Server error', '405 Method Not Allowed');
      else if (status < 400) fail('Undocumented method accepted', '405 Method Not Allowed');
      else if (pathStatuses.has(String(status)) || pathStatuses.has('4XX'))
        out.push(
          finding(
            NAME,
            id,
            'note',
            `Refused with ${status}, not 405`,
            `Received: ${status} for ${what}; RFC 9110 §15.5.6 expects 405 with Allow`,
            name,
          ),
        );
      else fail('Undocumented refusal status', `405 Method Not Allowed, or a 4xx the path documents`);
    }
    return out;
  },
};
