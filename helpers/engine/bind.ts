import { pathParams } from '../url/build-url.ts';
import type { PlannedOperation } from './plan.ts';
import { mayWrite, type NamedValue, type Resource, type ResourceStore } from './resources.ts';

/** How to bind an operation's path: for a write or a read, which resource to prefer, what the profile fixes. */
export interface BindOptions {
  readonly live: boolean;
  /** Parameter names writes may take only from resources the run made (the profile's `parameters.owned`). */
  readonly owned: ReadonlySet<string>;
  /** Path values the profile's request template sets (`requests.<op>.params`), already filled in. */
  readonly explicit: Readonly<Record<string, string>>;
  /** The resource this step is about (a read of what a create made, the delete of one resource). */
  readonly prefer?: Resource;
}

/** The path values of one request, and the resources they address. */
export type Binding =
  | {
      readonly ok: true;
      readonly pathValues: Readonly<Record<string, string>>;
      /** The resource the deepest resource-bound parameter names, with its known ancestors. */
      readonly uses: readonly Resource[];
    }
  | { readonly ok: false; readonly missing: readonly string[] };

/** Lower is better: what a step is about, then what the run made, then what the profile names, then what it saw. */
const RANK = {
  prefer: 0,
  created: 1,
  child: 1,
  explicit: 2,
  fixed: 2,
  discovered: 3,
  captured: 3,
  appeared: 4,
  listed: 5,
};

function pick(candidates: readonly Resource[], prefer: Resource | undefined): Resource | undefined {
  if (prefer && candidates.includes(prefer)) return prefer;
  const by = (origin: Resource['origin'][]) => candidates.filter((r) => origin.includes(r.origin));
  // The newest of what the run made or saw appear, the first of what it only listed.
  return by(['created', 'child']).at(-1) ?? by(['appeared']).at(-1) ?? by(['listed'])[0];
}

/**
 * Chooses path values for an operation; pure. Values come by position from a resource of the kind each parameter
 * addresses (so `{id}` means the project in `/projects/{id}/tasks` and the task in `/projects/{projectId}/tasks/{id}`),
 * or by name from the profile. A write takes only resources the run made (or that live inside them), names the
 * profile gives for parameters it does not own, and, for what it changes, a resource or a value the profile fixes.
 */
export function bind(
  planned: PlannedOperation,
  store: ResourceStore,
  { live, owned, explicit, prefer }: BindOptions,
): Binding {
  const params = pathParams(planned.operation.path);
  const write = planned.role !== 'read';
  const target = planned.role === 'create' ? -1 : params.length - 1;
  const usable = (r: Resource) => !store.pending(r) && (!write || mayWrite(r, live));
  const byName = (name: string, at: number): { value: string; rank: number } | undefined => {
    if (explicit[name] !== undefined) return { value: explicit[name], rank: RANK.explicit };
    const named: NamedValue | undefined = store.named.get(name);
    if (!named || (write && (owned.has(name) || (at === target && named.origin !== 'fixed'))))
      return undefined;
    return { value: named.value, rank: RANK[named.origin] };
  };
  const fill = (from: number, values: string[]): number | undefined => {
    let rank: number | undefined;
    for (let j = from; j < params.length; j++) {
      const found = byName(params[j] ?? '', j);
      if (!found) return undefined;
      values[j] = found.value;
      rank = found.rank;
    }
    return rank;
  };
  type Choice = { values: string[]; rank: number; uses: Resource[] };
  let fromResource: Choice | undefined;
  for (let i = params.length - 1; i >= 0 && !fromResource; i--) {
    const fits = (r: Resource) =>
      usable(r) &&
      params.slice(0, i + 1).every((p, j) => explicit[p] === undefined || explicit[p] === r.values[j]);
    const chosen = pick(store.ofKind(planned.kinds[i] ?? '').filter(fits), prefer);
    if (!chosen) continue;
    const values = [...chosen.values];
    const deeper = fill(i + 1, values);
    if (i < params.length - 1 && deeper === undefined) break;
    const rank =
      i === params.length - 1 ? (chosen === prefer ? RANK.prefer : RANK[chosen.origin]) : (deeper ?? 0);
    fromResource = { values, rank, uses: store.chain(chosen) };
  }
  const named: string[] = [];
  const nameRank = fill(0, named);
  const fromNames =
    nameRank === undefined && params.length > 0
      ? undefined
      : { values: named, rank: nameRank ?? 0, uses: [] };
  const best = fromResource && (!fromNames || fromResource.rank <= fromNames.rank) ? fromResource : fromNames;
  if (!best) {
    const none = (p: string, j: number) =>
      !byName(p, j) && !store.ofKind(planned.kinds[j] ?? '').some(usable);
    const missing = params.filter(none);
    return { ok: false, missing: missing.length > 0 ? missing : params };
  }
  return {
    ok: true,
    pathValues: Object.fromEntries(params.map((p, j) => [p, best.values[j] ?? ''])),
    uses: best.uses,
  };
}
