import type { RouteMatch, Router } from '../spec/path-router.ts';
import type { MockRequest, MockResponse } from './mock-types.ts';

/** A deliberate non-conformance a mock can be switched into, to prove that a check catches it. */
export interface Fault {
  readonly description: string;
  /** The operationId it affects. */
  readonly operation: string;
  /** The check that must catch it. */
  readonly check: string;
  /** The operation whose check catches it when that is not the bent one (a flapping read fails its write's check). */
  readonly caughtOn?: string;
  /** How the credential check is bent: let anything through, or only a credential of the wrong scheme. */
  readonly auth?: 'ignore' | 'any-scheme' | 'any-token';
  /** How the answer is bent; `memory` is this fault's own scratch space in one mock instance. */
  readonly alter?: (
    response: MockResponse,
    request: MockRequest,
    memory: Map<string, number>,
  ) => MockResponse;
  /** Which answers `alter` bends: successful ones (default), refusals (4xx), or any. */
  readonly on?: 'success' | 'refusal' | 'any';
  /** Other checks that fail with this fault for a good reason (a workspace never seen leaves its clusters unseen too). */
  readonly cascades?: readonly string[];
  /** Keywords of the request-body schema the mock lets through (an API that forgot to check `required`). */
  readonly ignoresInvalid?: readonly string[];
  /** The operation answers any method on its path, documented or not. */
  readonly anyMethod?: boolean;
  /** Shown only against a target in live mode with writes allowed (probes of writes go nowhere else). */
  readonly liveWithWrites?: boolean;
}

/** The route of a method the path does not document, when a fault makes one of the path's operations answer it. */
export function faultyRoute(router: Router, faults: readonly Fault[], path: string): RouteMatch | undefined {
  for (const method of router.methodsOf(path)) {
    const route = router.match(method, path);
    if (route && faults.some((f) => f.anyMethod && f.operation === route.operationId)) return route;
  }
  return undefined;
}

const memories = new WeakMap<readonly Fault[], Map<Fault, Map<string, number>>>();

/** Applies the active faults' alterations to an answer of their class (success, refusal or any). */
export function bend(
  active: readonly Fault[],
  faults: readonly Fault[],
  response: MockResponse,
  request: MockRequest,
): MockResponse {
  const refusal = response.status >= 400 && response.status < 500;
  // Each mock instance (its list of active faults) keeps its own memory per fault.
  const memory = memories.get(active) ?? new Map<Fault, Map<string, number>>();
  memories.set(active, memory);
  return faults.reduce((res, f) => {
    if (!f.alter || (f.on !== 'any' && (f.on === 'refusal') !== refusal)) return res;
    const own = memory.get(f) ?? new Map<string, number>();
    memory.set(f, own);
    return f.alter(res, request, own);
  }, response);
}

/** Rewrites a JSON body. */
export const withJson = (
  res: MockResponse,
  change: (body: Record<string, unknown>) => unknown,
): MockResponse =>
  res.json && typeof res.json === 'object' && !Array.isArray(res.json)
    ? { ...res, json: change({ ...(res.json as Record<string, unknown>) }) }
    : res;

/** The faults of a table that are switched on, for one operation; unknown names are an error naming the known ones. */
export function activeFaults(
  table: Readonly<Record<string, Fault>>,
  names: readonly string[],
  mock: string,
): Fault[] {
  const unknown = names.filter((n) => !(n in table));
  if (unknown.length > 0)
    throw new Error(
      `Unknown ${mock} mock fault(s): ${unknown.join(', ')}; known: ${Object.keys(table).join(', ')}`,
    );
  return names.map((n) => table[n] as Fault);
}
