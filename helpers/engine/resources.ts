import { parentKind } from '../spec/path-kinds.ts';

/**
 * Where a resource came from. `created`: a write of this run made it. `child`: listed under a resource the run
 * created (the owner membership of a new workspace). `appeared`: listed after the run's writes where an earlier
 * listing of the run did not have it. `listed`: anything else a read showed.
 */
export type Origin = 'created' | 'child' | 'appeared' | 'listed';

/** A resource the run knows: kept per kind and position, so ten collections that all say `{id}` get ten values. */
export interface Resource {
  /** Order in which the run learned it: the newest has the highest. */
  readonly seq: number;
  /** Its item path with parameter names blanked (`/projects/{}/tasks/{}`). */
  readonly kind: string;
  /** Path values along the kind, parents first: `[projectId, taskId]`. */
  readonly values: readonly string[];
  readonly origin: Origin;
  /** operationId of the operation it came from. */
  readonly producedBy: string;
}

/** A value known by name: the profile's `fixed`, a `discover` rule, or a capture (a refresh token). */
export interface NamedValue {
  readonly value: string;
  readonly origin: 'fixed' | 'discovered' | 'captured';
}

/** True when a write may address the resource: the run made it, or it lives inside something the run made. */
export function mayWrite(resource: Resource, live: boolean): boolean {
  if (resource.origin === 'created' || resource.origin === 'child') return true;
  // Only on an embedded mock is the run the only writer, so only there is what appeared surely the run's.
  return resource.origin === 'appeared' && !live;
}

/** The values the run knows and what it has done with them; one store per run. */
export interface ResourceStore {
  /** Adds a resource, or returns the one already known with the same kind and values. */
  readonly add: (resource: Omit<Resource, 'seq'>) => Resource;
  /** The live (not deleted) resources of a kind, oldest first. */
  readonly ofKind: (kind: string) => Resource[];
  /** Every live resource, oldest first. */
  readonly all: () => Resource[];
  /** The resource and its known ancestors, parents first. */
  readonly chain: (resource: Resource) => Resource[];
  /** Gives a resource new values (a rename); the same resource, its seq kept. */
  readonly move: (resource: Resource, values: readonly string[]) => Resource;
  readonly remove: (resource: Resource) => void;
  /** True while a write that made it is still waiting to see it (its read-after-write polls). */
  readonly pending: (resource: Resource) => boolean;
  readonly setPending: (resource: Resource, pending: boolean) => void;
  /** Values by name. */
  readonly named: Map<string, NamedValue>;
  /** The item values the run's first listing of a kind under these parents showed, if it listed them. */
  readonly firstListing: (kind: string, parents: readonly string[]) => ReadonlySet<string> | undefined;
  /** Remembers a listing's item values, unless one was remembered before: later listings tell what appeared. */
  readonly rememberListing: (kind: string, parents: readonly string[], items: readonly string[]) => void;
}

const key = (kind: string, values: readonly string[]) => `${kind}\u0000${values.join('\u0000')}`;

/** A fresh store seeded with the profile's fixed values and the run id. */
export function createStore(fixed: Readonly<Record<string, string>>, runId: string): ResourceStore {
  const resources = new Map<string, Resource>();
  const pendingKeys = new Set<number>();
  const listings = new Map<string, ReadonlySet<string>>();
  let seq = 0;
  const named = new Map<string, NamedValue>(
    [...Object.entries(fixed), ['runId', runId] as const].map(([k, v]) => [k, { value: v, origin: 'fixed' }]),
  );
  // Sorted once per change, not at every question: binding asks for resources at every step of a run.
  let sorted: Resource[] | undefined;
  const live = () => {
    sorted ??= [...resources.values()].sort((a, b) => a.seq - b.seq);
    return [...sorted];
  };
  const byKind = new Map<string, Resource[]>();
  const changed = () => {
    sorted = undefined;
    byKind.clear();
  };
  const store: ResourceStore = {
    add(resource) {
      const known = resources.get(key(resource.kind, resource.values));
      if (known && (known.origin === 'created' || resource.origin !== 'created')) return known;
      const added = { ...resource, seq: known?.seq ?? ++seq };
      resources.set(key(resource.kind, resource.values), added);
      changed();
      return added;
    },
    ofKind(kind) {
      let found = byKind.get(kind);
      if (!found) {
        found = live().filter((r) => r.kind === kind);
        byKind.set(kind, found);
      }
      return [...found];
    },
    all: live,
    chain(resource) {
      const out: Resource[] = [];
      let kind: string | undefined = resource.kind;
      for (let n = resource.values.length; n > 0 && kind !== undefined; n--) {
        const found = resources.get(key(kind, resource.values.slice(0, n)));
        if (found) out.unshift(found);
        kind = parentKind(kind);
      }
      return out;
    },
    move(resource, values) {
      resources.delete(key(resource.kind, resource.values));
      const moved = { ...resource, values: [...values] };
      resources.set(key(moved.kind, moved.values), moved);
      changed();
      return moved;
    },
    remove(resource) {
      resources.delete(key(resource.kind, resource.values));
      changed();
    },
    pending: (resource) => pendingKeys.has(resource.seq),
    setPending(resource, pending) {
      if (pending) pendingKeys.add(resource.seq);
      else pendingKeys.delete(resource.seq);
    },
    named,
    firstListing: (kind, parents) => listings.get(key(kind, parents)),
    rememberListing(kind, parents, items) {
      if (!listings.has(key(kind, parents))) listings.set(key(kind, parents), new Set(items));
    },
  };
  return store;
}
