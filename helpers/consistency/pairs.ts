import type { Exchange, WriteKind } from '../core/exchange.ts';
import { isWrite, type Operation, responseFor } from '../spec/operation.ts';
import { blankParams } from '../spec/path-kinds.ts';
import type { Router } from '../spec/path-router.ts';
import { pathUnderBase } from '../url/location-path.ts';

/** A read that must reflect a write, with the parameter values that address it. */
export interface ReadAfterWrite {
  readonly kind: WriteKind;
  readonly read: Operation;
  /** Path parameters of the read: from the link or Location, else the write's own path values. */
  readonly params: Readonly<Record<string, string>>;
  /** Where the pair came from, for reports. */
  readonly via: 'link' | 'location' | 'created' | 'same-path' | 'parent-path' | 'profile';
}

/** How the engine resolves expressions and finds operations, handed in so this stays pure. */
export interface PairContext {
  readonly operations: ReadonlyMap<string, Operation>;
  readonly router: Router;
  readonly basePath: string;
  readonly evaluate: (expression: string) => string | undefined;
  readonly pathValues: Readonly<Record<string, string>>;
  readonly profilePairs: readonly { readonly write: string; readonly read: string }[];
}

const kindOf = (op: Operation): WriteKind =>
  op.method === 'DELETE' ? 'delete' : op.method === 'POST' ? 'create' : 'update';
const parent = (path: string) => path.replace(/\/[^/]+$/, '');
const params = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

/** The write's path values under the read's parameter names, by position: `{id}` may name another thing. */
function positional(write: Operation, read: Operation, values: Readonly<Record<string, string>>) {
  const ordered = params(write.path).map((name) => values[name]);
  return Object.fromEntries(
    params(read.path).flatMap((name, i) => (ordered[i] === undefined ? [] : [[name, ordered[i]]])),
  );
}

function fromLinks(write: Operation, exchange: Exchange, ctx: PairContext): ReadAfterWrite[] {
  const links = responseFor(write, exchange.response?.status ?? 0)?.links ?? [];
  return links.flatMap((link) => {
    const read = link.operationId ? ctx.operations.get(link.operationId) : undefined;
    if (!read || isWrite(read)) return [];
    const params = Object.fromEntries(
      Object.entries(link.parameters).flatMap(([name, expression]) => {
        const value = ctx.evaluate(expression);
        return value === undefined ? [] : [[name, value]];
      }),
    );
    return [{ kind: kindOf(write), read, params: { ...ctx.pathValues, ...params }, via: 'link' as const }];
  });
}

function fromLocation(write: Operation, exchange: Exchange, ctx: PairContext): ReadAfterWrite[] {
  const location = exchange.response?.headers.location;
  const local = location ? pathUnderBase(location, exchange.request.url, ctx.basePath) : undefined;
  if (!local) return [];
  const match = ctx.router.match('GET', local);
  const read = match && ctx.operations.get(match.operationId);
  return read ? [{ kind: kindOf(write), read, params: match.params, via: 'location' }] : [];
}

/**
 * Updates and deletes are read back on the GET of the same path (DELETE /x/{id} → GET /x/{id}) or, for a
 * sub-resource write (PUT /x/{id}/name), on the GET of the nearest parent path.
 */
function fromPaths(write: Operation, ctx: PairContext): ReadAfterWrite[] {
  if (write.method === 'POST') return [];
  const gets = [...ctx.operations.values()].filter((o) => o.method === 'GET');
  const path = blankParams(write.path);
  const same = gets.find((o) => blankParams(o.path) === path);
  if (same) {
    const values = positional(write, same, ctx.pathValues);
    return [{ kind: kindOf(write), read: same, params: values, via: 'same-path' }];
  }
  const up = gets.find((o) => blankParams(o.path) === parent(path) && o.path.includes('{'));
  return up && write.method !== 'DELETE'
    ? [{ kind: 'update', read: up, params: positional(write, up, ctx.pathValues), via: 'parent-path' }]
    : [];
}

/** Every read that must reflect a successful write, each read operation once. */
export function readsAfterWrite(write: Operation, exchange: Exchange, ctx: PairContext): ReadAfterWrite[] {
  const status = exchange.response?.status ?? 0;
  if (!isWrite(write) || status < 200 || status >= 300) return [];
  const fromProfile = ctx.profilePairs
    .filter((p) => p.write === write.id)
    .flatMap((p) => {
      const read = ctx.operations.get(p.read);
      return read ? [{ kind: kindOf(write), read, params: ctx.pathValues, via: 'profile' as const }] : [];
    });
  const all = [
    ...fromProfile,
    ...fromLinks(write, exchange, ctx),
    ...fromLocation(write, exchange, ctx),
    ...fromPaths(write, ctx),
  ];
  const seen = new Set<string>();
  return all.filter((pair) => !seen.has(pair.read.id) && seen.add(pair.read.id) !== undefined);
}
