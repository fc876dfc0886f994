import type { Exchange } from '../core/exchange.ts';
import { createRedactor } from '../core/redact.ts';
import { type ClientOptions, createHttpClient, type HttpClient } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import { blankParams } from '../spec/path-kinds.ts';
import { secretFields } from '../spec/secret-fields.ts';
import { type Binding, bind } from './bind.ts';
import { type CreatedResource, createRegistry } from './created-registry.ts';
import { createExecutor, type Exercise } from './exercise.ts';
import { judgeOperation, readBacksOf } from './judge.ts';
import type { LearnContext } from './learn.ts';
import type { PlannedOperation } from './plan.ts';
import type { Prepared } from './prepare.ts';
import { createStore, type Resource, type ResourceStore } from './resources.ts';
import type { OperationResult, RunResult } from './run-result.ts';
import { schedule } from './scheduler.ts';
import { probeLeftovers, teardown } from './teardown.ts';
import { interpolate } from './templates.ts';

/** The client settings of a run: timeouts, connections, redaction, retries, budget, rate and deadline. */
function clientOptions(prepared: Prepared): ClientOptions {
  const { limits } = prepared;
  const deadline = limits.deadlineMs > 0 ? { deadline: Date.now() + limits.deadlineMs } : {};
  return {
    timeoutMs: prepared.requestTimeoutMs,
    concurrency: prepared.concurrency,
    redact: createRedactor(prepared.target.secrets, { fields: secretFields(prepared.spec.doc) }),
    retry: prepared.retry,
    limits: {
      maxRequests: limits.maxRequests,
      ratePerSecond: limits.ratePerSecond,
      ...deadline,
      stopOnInterrupt: true,
    },
  };
}

/**
 * Binds an operation with the profile's path templates filled in from the values the run knows by name; the names
 * its query and body templates use are inputs too, so an operation waits until they are known.
 */
function binder(prepared: Prepared, store: ResourceStore) {
  const { target } = prepared;
  const owned = new Set(target.profile.parameters?.owned ?? []);
  const named = (n: string) => store.named.get(n)?.value;
  return (planned: PlannedOperation, prefer?: Resource): Binding => {
    const template = target.profile.requests?.[planned.operation.id] ?? {};
    const explicit: Record<string, string> = {};
    for (const [name, path] of Object.entries(template.params ?? {})) {
      const missing = new Set<string>();
      const value = interpolate(path, named, missing);
      if (missing.size === 0) explicit[name] = String(value);
    }
    const binding = bind(planned, store, {
      live: target.live,
      owned,
      explicit,
      ...(prefer ? { prefer } : {}),
    });
    if (!binding.ok) return binding;
    const missing = new Set<string>();
    interpolate([template.query, template.body], (n) => binding.pathValues[n] ?? named(n), missing);
    return missing.size === 0 ? binding : { ok: false, missing: [...missing] };
  };
}

/** Why an operation that never ran could not: the parameters no value was found for. */
function notReached(planned: PlannedOperation | undefined, missing: readonly string[]): string {
  const names = missing.map((n) => `{${n}}`).join(', ');
  const path = planned?.operation.path ?? '';
  return planned?.role === 'read' || planned === undefined
    ? `no value for ${names} of ${path}: no operation of this run made or listed one; set parameters.fixed or a discover rule in the profile`
    : `no resource this run created for ${names} of ${path} (${blankParams(path)}): writes only address what the run made or what lives inside it`;
}

/**
 * Runs every planned operation against the target as its data flow allows (see `schedule`), tears down what the
 * run created, and judges every exchange on the operation that answered it.
 */
export async function runConformance(prepared: Prepared, client?: HttpClient): Promise<RunResult> {
  try {
    return await runAndJudge(prepared, client);
  } finally {
    // What the run compiled is kept for the next run of this document, whether or not this one ended well.
    prepared.validators.keep();
  }
}

async function runAndJudge(prepared: Prepared, client: HttpClient | undefined): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const { target, plan } = prepared;
  const http = client ?? createHttpClient(clientOptions(prepared));
  const store = createStore(target.profile.parameters?.fixed ?? {}, target.runId);
  const registry = createRegistry(prepared.registryFile);
  const exercised = new Map<string, Exercise>();
  const learning: LearnContext = {
    plan,
    operationsById: prepared.operationsById,
    router: prepared.router,
    basePath: new URL(target.baseUrl).pathname.replace(/\/+$/, ''),
    profile: target.profile,
    store,
  };
  const executor = createExecutor({ prepared, client: http, learning, registry, exercised });
  let unreached = new Map<string, readonly string[]>();
  let leftovers: string[] = [];
  let teardownExchanges: readonly Exchange[] = [];
  // Teardown has its own client: a spent budget or a passed deadline must not leave litter behind.
  const cleaner = createHttpClient({
    ...clientOptions(prepared),
    limits: { maxRequests: 0, ratePerSecond: prepared.limits.ratePerSecond },
  });
  // What probes made goes while the read-backs of the run's own deletes still run: the lag of its listing is
  // waited out beside theirs. Whatever it could not remove is reported once, not tried again.
  const tried = new Set<CreatedResource>();
  let early: Promise<string[]> = Promise.resolve([]);
  const deletesSent = () => {
    early = teardown(prepared, cleaner, registry, (pending) => {
      const chosen = probeLeftovers(pending);
      for (const r of chosen) tried.add(r);
      return chosen;
    });
  };
  try {
    unreached = await schedule({ plan, store, bind: binder(prepared, store), executor, deletesSent });
  } finally {
    leftovers = [
      ...(await early),
      ...(await teardown(prepared, cleaner, registry, (pending) => pending.filter((r) => !tried.has(r)))),
    ];
    teardownExchanges = cleaner.exchanges();
    await cleaner.close();
    if (!client) await http.close();
  }
  const planned = new Map(
    [...plan.reads, ...plan.writes, ...plan.deletes].map((p) => [p.operation.id, p] as const),
  );
  // After the run stopped sending, what it never reached was cut off by that, whatever it still lacked.
  const stopped = http.stats().stopped;
  for (const [id, names] of unreached)
    if (!exercised.has(id))
      exercised.set(
        id,
        stopped
          ? { skipped: `not sent: ${stopped}`, notSent: true }
          : { skipped: notReached(planned.get(id), names) },
      );
  const info = (prepared.spec.doc.info ?? {}) as { title?: string; version?: string };
  const operations = await judgeAll(prepared, exercised, [...http.exchanges(), ...teardownExchanges]);
  return {
    profile: target.profile.name,
    baseUrl: target.baseUrl,
    live: target.live,
    specTitle: info.title ?? '',
    specVersion: info.version ?? '',
    startedAt,
    durationMs: Math.round(performance.now() - start),
    seed: prepared.generation.seed,
    http: http.stats(),
    leftovers,
    operations,
    ...stoppedEarly(http.stats().stopped, exercised, operations),
  };
}

/** When the run stopped sending early: why, and how many operations went unsent in whole or in part. */
function stoppedEarly(
  reason: string | undefined,
  exercised: ReadonlyMap<string, Exercise>,
  operations: readonly OperationResult[],
): Pick<RunResult, 'stoppedEarly'> {
  if (!reason) return {};
  const notSent = operations.filter((o) => {
    const how = exercised.get(o.operation.id);
    const refused = how !== undefined && 'skipped' in how && how.notSent === true;
    return refused || o.exchanges.some((e) => e.notSent !== undefined);
  }).length;
  return { stoppedEarly: { reason, operationsNotSent: notSent } };
}

const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Every operation's verdicts, from every exchange of the run, each judged on the operation that answered it.
 * It yields between operations: runs side by side in one process keep their polling on time meanwhile.
 */
async function judgeAll(
  prepared: Prepared,
  exercised: ReadonlyMap<string, Exercise>,
  exchanges: readonly Exchange[],
): Promise<OperationResult[]> {
  // Grouped once: by the operation that answered, and polls by the write they followed (each operation's
  // verdict needs only its own, and scanning every exchange per operation is quadratic in a large spec).
  const answered = new Map<string, Exchange[]>();
  const polls = new Map<string, Exchange[]>();
  // In the order they were sent (the client records them as they finish).
  const sent = [...exchanges].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const e of sent) {
    const list = answered.get(e.operation) ?? [];
    list.push(e);
    answered.set(e.operation, list);
    if (e.purpose.kind === 'poll') {
      const after = polls.get(e.purpose.after) ?? [];
      after.push(e);
      polls.set(e.purpose.after, after);
    }
  }
  const results: OperationResult[] = [];
  for (const operation of prepared.operations) {
    await yieldToOthers();
    results.push(
      judgeOne(
        prepared,
        exercised.get(operation.id),
        operation,
        answered.get(operation.id) ?? [],
        polls.get(operation.id) ?? [],
      ),
    );
  }
  return results;
}

/** One operation's verdicts, or why it was not exercised. */
function judgeOne(
  prepared: Prepared,
  how: Exercise | undefined,
  operation: Operation,
  own: readonly Exchange[],
  polls: readonly Exchange[],
): OperationResult {
  if (!how || 'skipped' in how) {
    const reason = how?.skipped ?? prepared.plan.skipped.get(operation.id) ?? 'not planned';
    return { operation, skipped: reason, exchanges: own, checks: {} };
  }
  // Nothing of it went out: the budget or the deadline stopped the run first.
  const unsent = own.length > 0 && own.every((e) => e.notSent !== undefined) ? own[0]?.notSent : undefined;
  if (unsent) return { operation, skipped: `not sent: ${unsent}`, exchanges: own, checks: {} };
  const checks = judgeOperation({
    checks: prepared.checks,
    ctx: how.ctx,
    answered: own,
    readBacks: readBacksOf(operation.id, polls),
    ...(how.missingCredential ? { missingCredential: how.missingCredential } : {}),
    ...(how.variantsWithheld ? { variantsWithheld: how.variantsWithheld } : {}),
  });
  return { operation, exchanges: own, checks };
}
