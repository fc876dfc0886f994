import { createHash } from 'node:crypto';

/** What schema-driven probes need from the run: the seed that fixes every value and the bound per operation. */
export interface Generation {
  readonly seed: number;
  /** Probes per operation and check at most. */
  readonly examples: number;
}

/**
 * A seed for one purpose of one operation, derived from the run's seed. Operations run concurrently, so one
 * shared random stream would hand out values in a different order each run; a hash per purpose does not.
 */
export function derivedSeed(seed: number, ...parts: readonly string[]): number {
  return createHash('sha256')
    .update(`${seed}\0${parts.join('\0')}`)
    .digest()
    .readUInt32BE(0);
}

/**
 * Up to `count` candidates, one kind after another in the order given (so every kind is tried before any kind
 * twice), each kind's candidates in an order the seed fixes.
 */
export function choose<T extends { readonly kind: string; readonly name: string }>(
  candidates: readonly T[],
  count: number,
  seed: number,
  scope: string,
): T[] {
  const kinds = [...new Set(candidates.map((c) => c.kind))];
  const queues = kinds.map((kind) =>
    candidates
      .filter((c) => c.kind === kind)
      .map((c) => ({ c, order: derivedSeed(seed, scope, c.name) }))
      .sort((a, b) => a.order - b.order)
      .map(({ c }) => c),
  );
  const out: T[] = [];
  for (let round = 0; out.length < count && queues.some((q) => q.length > round); round++)
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined && out.length < count) out.push(next);
    }
  return out;
}
