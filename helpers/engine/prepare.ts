import type { Check } from '../checks/check.ts';
import { selectChecks } from '../checks/index.ts';
import type { Config } from '../config/env.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec, type SpecDocument } from '../spec/load-spec.ts';
import type { Operation } from '../spec/operation.ts';
import { createRouter, type Router } from '../spec/path-router.ts';
import { createValidators, type Validators } from '../spec/validators.ts';
import { type Plan, planRun } from './plan.ts';
import { authorizationValue, type Target } from './target.ts';

/** Everything a run needs before its first request: the spec, its operations, the checks and the plan. */
export interface Prepared {
  readonly target: Target;
  readonly spec: SpecDocument;
  readonly operations: readonly Operation[];
  readonly operationsById: ReadonlyMap<string, Operation>;
  /** Finds the operation of a path, for `Location` headers. */
  readonly router: Router;
  readonly checks: readonly Check[];
  readonly validators: Validators;
  readonly plan: Plan;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
}

/** Loads the target's spec (cached as configured), enumerates operations, selects checks and plans the run. */
export async function prepare(target: Target, config: Config): Promise<Prepared> {
  const checks = selectChecks(config.checks);
  const spec = await loadSpec(target.specSource, {
    cache: { dir: config.specCacheDir, ttlMs: config.specCacheTtlMs },
    timeoutMs: config.requestTimeoutMs,
    headers: { [target.credential.header]: authorizationValue(target.credential) },
  });
  const operations = enumerateOperations(spec);
  return {
    target,
    spec,
    operations,
    operationsById: new Map(operations.map((o) => [o.id, o])),
    router: createRouter(spec.doc.paths ?? {}),
    checks,
    validators: createValidators(spec),
    plan: planRun(operations, target.profile, target.writesAllowed),
    requestTimeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
  };
}
