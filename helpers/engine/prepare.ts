import { join } from 'node:path';
import type { Check } from '../checks/check.ts';
import { selectChecks } from '../checks/index.ts';
import type { Config } from '../config/env.ts';
import { specSetting } from '../config/spec-setting.ts';
import { SetupError } from '../core/errors.ts';
import type { Generation } from '../generate/seed.ts';
import type { RetrySettings } from '../http/retry-policy.ts';
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
  readonly retry: RetrySettings;
  /** The seed of every generated value and the bound on generated probes (`SEED`, `EXAMPLES`). */
  readonly generation: Generation;
  /** Where a live run keeps what it created, so an interrupted run can still delete it; none for mocks. */
  readonly registryFile?: string;
  /** Budget, rate and run deadline in ms from the start of the run (0: none). */
  readonly limits: {
    readonly maxRequests: number;
    readonly ratePerSecond: number;
    readonly deadlineMs: number;
  };
}

/** Loads the target's spec (cached as configured), enumerates operations, selects checks and plans the run. */
export async function prepare(target: Target, config: Config): Promise<Prepared> {
  const checks = selectChecks(config.checks);
  const spec = await loadSpec(target.specSource, {
    cache: { dir: config.specCacheDir, ttlMs: config.specCacheTtlMs },
    timeoutMs: config.requestTimeoutMs,
    headers: { [target.credential.header]: authorizationValue(target.credential) },
    setting: specSetting(target.profile),
  });
  const operations = enumerateOperations(spec);
  const bound = target.baseUrl === '' ? { ...target, baseUrl: serverUrl(spec) } : target;
  return {
    target: bound,
    spec,
    operations,
    operationsById: new Map(operations.map((o) => [o.id, o])),
    router: createRouter(spec.doc.paths ?? {}),
    checks,
    validators: createValidators(spec),
    plan: planRun(operations, bound.profile, bound.writesAllowed),
    requestTimeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    generation: { seed: config.seed, examples: config.examples },
    ...(bound.live
      ? { registryFile: join(config.stateDir, 'created', `${bound.profile.name}-${bound.runId}.json`) }
      : {}),
    retry: {
      retries: config.retries,
      backoffMs: config.retryBackoffMs,
      retryAfterCapMs: config.retryAfterCapMs,
    },
    limits: {
      maxRequests: config.maxRequests,
      ratePerSecond: config.ratePerSecond,
      deadlineMs: config.runDeadlineMs,
    },
  };
}

/** The spec's first `servers` URL, resolved against where the spec came from; the default base URL of a profile. */
function serverUrl(spec: SpecDocument): string {
  const servers = spec.doc.servers as { url?: string }[] | undefined;
  const url = servers?.[0]?.url;
  const base = /^https?:\/\//.test(spec.source) ? spec.source : undefined;
  if (!url || /\{/.test(url)) {
    throw new SetupError(
      'PROFILE_INVALID',
      `The profile names no base URL and ${spec.source} has no usable servers entry; set baseUrl.env or baseUrl.default.`,
    );
  }
  try {
    return new URL(url, base).toString();
  } catch {
    throw new SetupError(
      'PROFILE_INVALID',
      `The spec's servers URL ${url} is relative to a spec file; set baseUrl.env or baseUrl.default in the profile.`,
    );
  }
}
