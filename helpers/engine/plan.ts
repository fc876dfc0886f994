import type { Profile } from '../config/profile.ts';
import { isWrite, type Operation } from '../spec/operation.ts';
import { blankParams, paramKinds } from '../spec/path-kinds.ts';
import { pathParams } from '../url/build-url.ts';

/**
 * What an operation does to the data: reads it; creates a resource (a POST under a collection, or one whose
 * links or captures name a new resource); updates one in place; moves it (a write that captures a new value of
 * its own path parameter: a rename); or deletes it.
 */
export type Role = 'read' | 'create' | 'update' | 'move' | 'delete';

/** An operation with its place in the data flow. */
export interface PlannedOperation {
  readonly operation: Operation;
  readonly role: Role;
  /** The kind each path parameter addresses, in order (`/projects/{}`, `/projects/{}/tasks/{}`). */
  readonly kinds: readonly string[];
  /** For a create: the kinds of the resources it makes. */
  readonly produces: readonly string[];
  /** For a read of a collection: the kind of the items it lists. */
  readonly lists?: string;
}

/** The operations a run exercises with their roles, and those it will not exercise, with why. */
export interface Plan {
  /** Reads in document order. */
  readonly reads: readonly PlannedOperation[];
  /** Creates (shallow kinds first), then updates, then moves: the order a run prefers among ready writes. */
  readonly writes: readonly PlannedOperation[];
  readonly deletes: readonly PlannedOperation[];
  /** Names each kind's last parameter goes by in the spec (`id`, `workspaceId`), for finding ids in bodies. */
  readonly idNames: ReadonlyMap<string, readonly string[]>;
  readonly skipped: ReadonlyMap<string, string>;
}

/** Every kind the spec's paths address, with the names its last parameter goes by. */
function kindNames(operations: readonly Operation[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const op of operations) {
    const params = pathParams(op.path);
    paramKinds(op.path).forEach((kind, i) => {
      const known = names.get(kind) ?? [];
      const name = params[i] ?? '';
      if (!known.includes(name)) names.set(kind, [...known, name]);
    });
  }
  return names;
}

/** Kinds a write's 2xx links or profile captures name beyond its own path: resources it makes. */
function namedProducts(op: Operation, profile: Profile, ops: readonly Operation[]): string[] {
  const own = new Set(paramKinds(op.path));
  const byId = new Map(ops.map((o) => [o.id, o]));
  const fromLinks = op.responses
    .filter((r) => r.status.startsWith('2'))
    .flatMap((r) => r.links)
    .flatMap((link) => {
      const target = link.operationId ? byId.get(link.operationId) : undefined;
      if (!target) return [];
      const params = pathParams(target.path);
      // The deepest parameter the link fills from the answer or the request body is the new resource.
      const fresh = params.findLastIndex((p) => {
        const expression = link.parameters[p];
        return expression !== undefined && !expression.startsWith('$request.path.');
      });
      const kind = fresh >= 0 ? paramKinds(target.path)[fresh] : undefined;
      return kind ? [kind] : [];
    });
  const captured = Object.keys(profile.requests?.[op.id]?.capture ?? {});
  const fromCaptures = ops.flatMap((o) => {
    const params = pathParams(o.path);
    const kinds = paramKinds(o.path);
    return params.flatMap((p, i) => (captured.includes(p) && kinds[i] ? [kinds[i]] : []));
  });
  return [...new Set([...fromLinks, ...fromCaptures])].filter((k) => !own.has(k));
}

function roleOf(
  op: Operation,
  profile: Profile,
  ops: readonly Operation[],
  kinds: ReadonlyMap<string, string[]>,
): { role: Role; produces: string[] } {
  if (!isWrite(op)) return { role: 'read', produces: [] };
  if (op.method === 'DELETE') return { role: 'delete', produces: [] };
  const captured = Object.keys(profile.requests?.[op.id]?.capture ?? {});
  if (pathParams(op.path).some((p) => captured.includes(p))) return { role: 'move', produces: [] };
  const below = `${blankParams(op.path)}/{}`;
  const produces = [
    ...(op.method === 'POST' && kinds.has(below) ? [below] : []),
    ...namedProducts(op, profile, ops),
  ];
  return produces.length > 0
    ? { role: 'create', produces: [...new Set(produces)] }
    : { role: 'update', produces };
}

const depth = (kind: string | undefined) => (kind ?? '').split('{}').length;

/** Plans a run from the data flow of the spec and profile; pure, so it is testable without a server. */
export function planRun(operations: readonly Operation[], profile: Profile, writesAllowed: boolean): Plan {
  const skipped = new Map<string, string>();
  const excluded = new Set(profile.operations?.exclude ?? []);
  const writeExcluded = new Set(profile.writes?.exclude ?? []);
  const runnable = operations.filter((op) => {
    if (excluded.has(op.id)) skipped.set(op.id, 'excluded by the profile (operations.exclude)');
    else if (isWrite(op) && !writesAllowed)
      skipped.set(
        op.id,
        'writes are off against a live target (set ALLOW_WRITES=true or writes.allowed in the profile)',
      );
    else if (isWrite(op) && writeExcluded.has(op.id))
      skipped.set(op.id, 'write excluded by the profile (writes.exclude)');
    else return true;
    return false;
  });
  const names = kindNames(operations);
  const planned: PlannedOperation[] = runnable.map((operation) => {
    const { role, produces } = roleOf(operation, profile, operations, names);
    const listed = `${blankParams(operation.path)}/{}`;
    return {
      operation,
      role,
      kinds: paramKinds(operation.path),
      produces,
      ...(role === 'read' && names.has(listed) ? { lists: listed } : {}),
    };
  });
  const rank: Record<Role, number> = { read: 0, create: 1, update: 2, move: 3, delete: 4 };
  const writes = planned
    .filter((p) => p.role === 'create' || p.role === 'update' || p.role === 'move')
    .sort(
      (a, b) =>
        rank[a.role] - rank[b.role] ||
        (a.role === 'create' ? depth(a.produces[0]) - depth(b.produces[0]) : 0),
    );
  return {
    reads: planned.filter((p) => p.role === 'read'),
    writes,
    deletes: planned.filter((p) => p.role === 'delete'),
    idNames: names,
    skipped,
  };
}
