import type { Profile } from '../config/profile.ts';
import { isWrite, type Operation } from '../spec/operation.ts';
import { pathParams } from '../url/build-url.ts';

/** The order a run exercises operations in, and the operations it will not exercise, with why. */
export interface Plan {
  /** Reads that discover parameter values, in profile order; run one after another. */
  readonly discover: readonly Operation[];
  /** Other safe operations; run concurrently. */
  readonly reads: readonly Operation[];
  /** Creates, then updates, then renames; run one after another. */
  readonly writes: readonly Operation[];
  /** Deletes, newest resource first; run one after another. */
  readonly deletes: readonly Operation[];
  readonly skipped: ReadonlyMap<string, string>;
}

function ownedUse(profile: Profile, operation: Operation): { consumes: string[]; captures: string[] } {
  const owned = new Set(profile.parameters?.owned ?? []);
  const template = profile.requests?.[operation.id];
  const consumes = pathParams(operation.path).filter((p) => owned.has(p));
  // Links carry new resources' ids on; a link parameter taken from the request path is not a new resource.
  const linked = operation.responses
    .filter((r) => r.status.startsWith('2'))
    .flatMap((r) => r.links.flatMap((l) => Object.entries(l.parameters)))
    .filter(([, expression]) => !expression.startsWith('$request.path.'))
    .map(([name]) => name);
  const captures = [...new Set([...Object.keys(template?.capture ?? {}), ...linked])].filter((v) =>
    owned.has(v),
  );
  return { consumes, captures };
}

/** Orders the operations: pure, so the order can be tested without a server. */
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
  const discoverIds = [...new Set(Object.values(profile.parameters?.discover ?? {}).map((d) => d.operation))];
  const discover = discoverIds.flatMap((id) => runnable.filter((op) => op.id === id && !isWrite(op)));
  const reads = runnable.filter((op) => !isWrite(op) && !discover.includes(op));
  const unsafe = runnable.filter(isWrite);
  const rank = (op: Operation) => {
    const { consumes, captures } = ownedUse(profile, op);
    if (captures.length > 0 && consumes.some((c) => captures.includes(c))) return 2; // renames move the resource
    return consumes.length === 0 ? 0 : 1;
  };
  const writes = unsafe.filter((op) => op.method !== 'DELETE').sort((a, b) => rank(a) - rank(b));
  const creationOrder = writes.flatMap((op) => ownedUse(profile, op).captures);
  const newest = (op: Operation) =>
    Math.max(-1, ...ownedUse(profile, op).consumes.map((v) => creationOrder.indexOf(v)));
  const deletes = unsafe.filter((op) => op.method === 'DELETE').sort((a, b) => newest(b) - newest(a));
  return { discover, reads, writes, deletes, skipped };
}
