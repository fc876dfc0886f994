import type { Profile } from '../config/profile.ts';
import type { Exchange } from '../core/exchange.ts';
import { atPointer, tryParseJson } from '../core/json.ts';
import type { Operation } from '../spec/operation.ts';
import { responseFor } from '../spec/operation.ts';
import { blankParams, paramKinds, parentKind } from '../spec/path-kinds.ts';
import type { Router } from '../spec/path-router.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { pathParams } from '../url/build-url.ts';
import { pathUnderBase } from '../url/location-path.ts';
import { idOf, itemsOf } from './id-fields.ts';
import type { Plan, PlannedOperation } from './plan.ts';
import type { Origin, Resource, ResourceStore } from './resources.ts';

/** What learning needs besides the exchange: the plan, the spec's operations and router, the profile. */
export interface LearnContext {
  readonly plan: Plan;
  readonly operationsById: ReadonlyMap<string, Operation>;
  readonly router: Router;
  /** The base URL's path, to route `Location` headers. */
  readonly basePath: string;
  readonly profile: Profile;
  readonly store: ResourceStore;
}

/** The step a learned exchange answered: its operation, path values and the resources they address. */
export interface Answered {
  readonly planned: PlannedOperation;
  readonly pathValues: Readonly<Record<string, string>>;
  readonly uses: readonly Resource[];
}

const is2xx = (e: Exchange) => (e.response?.status ?? 0) >= 200 && (e.response?.status ?? 0) < 300;
const ordered = (op: Operation, values: Readonly<Record<string, string>>) =>
  pathParams(op.path).map((p) => values[p] ?? '');

/** Resources an OpenAPI link of the answer names: the deepest parameter it fills from the answer or body. */
function fromLinks(
  ctx: LearnContext,
  step: Answered,
  exchange: Exchange,
): Omit<Resource, 'seq' | 'origin' | 'producedBy'>[] {
  const op = step.planned.operation;
  const links = responseFor(op, exchange.response?.status ?? 0)?.links ?? [];
  return links.flatMap((link) => {
    const target = link.operationId ? ctx.operationsById.get(link.operationId) : undefined;
    if (!target) return [];
    const params = pathParams(target.path);
    const values = params.map(
      (p) =>
        (link.parameters[p] !== undefined
          ? evaluateExpression(link.parameters[p], exchange, step.pathValues)
          : undefined) ?? step.pathValues[p],
    );
    const fresh = params.findLastIndex((p) => {
      const expression = link.parameters[p];
      return expression !== undefined && !expression.startsWith('$request.path.');
    });
    const chain = values.slice(0, fresh + 1);
    const kind = paramKinds(target.path)[fresh];
    return fresh >= 0 && kind && chain.every((v) => v !== undefined)
      ? [{ kind, values: chain as string[] }]
      : [];
  });
}

/** A resource a `Location` header names, when it lies under the collection the write posted to. */
function fromLocation(ctx: LearnContext, step: Answered, exchange: Exchange) {
  const location = exchange.response?.headers.location;
  const local = location ? pathUnderBase(location, exchange.request.url, ctx.basePath) : undefined;
  if (!local) return [];
  for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'POST']) {
    const match = ctx.router.match(method, local);
    const target = match && ctx.operationsById.get(match.operationId);
    if (!match || !target) continue;
    const kind = paramKinds(target.path).at(-1);
    const under = kind !== undefined && step.planned.produces.includes(kind);
    return under ? [{ kind, values: ordered(target, match.params) }] : [];
  }
  return [];
}

/** A capture that names the last parameter of a kind the write produces, with parents from the write's path. */
function fromCapture(ctx: LearnContext, step: Answered, name: string, value: string) {
  const own = step.planned.kinds;
  const values = ordered(step.planned.operation, step.pathValues);
  return step.planned.produces.flatMap((kind) => {
    if (!ctx.plan.idNames.get(kind)?.includes(name)) return [];
    // Its parents must be the write's own path, position by position.
    const parents: string[] = [];
    for (let k = parentKind(kind); k !== undefined; k = parentKind(k)) parents.unshift(k);
    return parents.every((k, j) => own[j] === k)
      ? [{ kind, values: [...values.slice(0, parents.length), value] }]
      : [];
  });
}

/** What an answer taught: the resources it made or listed, and the one it renamed, if any. */
export interface Learned {
  readonly learned: readonly Resource[];
  readonly moved?: { readonly from: Resource; readonly to: Resource };
}

/** Learns what a successful answer tells: named values (discover rules, captures) and resources. */
export function learn(ctx: LearnContext, step: Answered, exchange: Exchange): Learned {
  if (!is2xx(exchange)) return { learned: [] };
  let moved: Learned['moved'];
  const { store, profile } = ctx;
  const op = step.planned.operation;
  const write = step.planned.role !== 'read';
  const raw = tryParseJson(exchange.response?.body);
  // An API that wraps payloads (`{data: …}`): ids and list items sit inside the envelope.
  const envelope = profile.response?.envelope;
  const body = envelope ? (atPointer(raw, envelope) ?? raw) : raw;
  for (const [name, rule] of Object.entries(profile.parameters?.discover ?? {})) {
    const value = rule.operation === op.id ? atPointer(raw, rule.pointer) : undefined;
    if ((typeof value === 'string' || typeof value === 'number') && !store.named.has(name))
      store.named.set(name, { value: String(value), origin: 'discovered' });
  }
  const origin: Origin = write ? 'created' : 'listed';
  const found: Omit<Resource, 'seq' | 'origin' | 'producedBy'>[] = [...fromLinks(ctx, step, exchange)];
  for (const [name, expression] of Object.entries(profile.requests?.[op.id]?.capture ?? {})) {
    const value = evaluateExpression(expression, exchange, step.pathValues);
    if (value === undefined) continue;
    if (write || !store.named.has(name)) store.named.set(name, { value, origin: 'captured' });
    const at = pathParams(op.path).indexOf(name);
    const addressed = step.uses.find((r) => r.values.length === at + 1);
    if (step.planned.role === 'move' && at >= 0 && addressed) {
      moved = { from: addressed, to: store.move(addressed, [...addressed.values.slice(0, at), value]) };
      continue;
    }
    if (write) found.push(...fromCapture(ctx, step, name, value));
  }
  if (write) found.push(...fromLocation(ctx, step, exchange));
  // Where the spec says nothing: a create under a collection answers with the id of the item below it.
  const below = `${blankParams(op.path)}/{}`;
  if (
    step.planned.role === 'create' &&
    step.planned.produces.includes(below) &&
    !found.some((f) => f.kind === below)
  ) {
    const id = idOf(body, below, ctx.plan.idNames.get(below) ?? []);
    if (id !== undefined) found.push({ kind: below, values: [...ordered(op, step.pathValues), id] });
  }
  const learned = [...new Set(found.map((f) => store.add({ ...f, origin, producedBy: op.id })))];
  if (step.planned.lists) learned.push(...learnListing(ctx, step, body));
  return moved ? { learned, moved } : { learned };
}

/** Resources a collection read lists: its items' ids feed the item path below it. */
function learnListing(ctx: LearnContext, step: Answered, body: unknown): Resource[] {
  const kind = step.planned.lists ?? '';
  const parents = ordered(step.planned.operation, step.pathValues);
  const ids = itemsOf(body)
    .slice(0, 100)
    .flatMap((item) => idOf(item, kind, ctx.plan.idNames.get(kind) ?? []) ?? []);
  const before = ctx.store.firstListing(kind, parents);
  const inside = step.uses.some((r) => r.origin === 'created' || r.origin === 'child');
  const learned = ids.map((id) => {
    const origin: Origin = inside ? 'child' : before && !before.has(id) ? 'appeared' : 'listed';
    return ctx.store.add({ kind, values: [...parents, id], origin, producedBy: step.planned.operation.id });
  });
  ctx.store.rememberListing(kind, parents, ids);
  return learned;
}
