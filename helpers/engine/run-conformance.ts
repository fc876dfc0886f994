import type { Check, CheckContext, OperationExchanges } from '../checks/check.ts';
import type { Exchange } from '../core/exchange.ts';
import { errorsOf } from '../core/finding.ts';
import { createRedactor } from '../core/redact.ts';
import { type ClientOptions, createHttpClient, type HttpClient } from '../http/client.ts';
import { isWrite, type Operation } from '../spec/operation.ts';
import { pathParams } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import { type CreatedRegistry, createRegistry } from './created-registry.ts';
import { chooseCredential } from './credentials.ts';
import { learn, sendVariant } from './exchange-steps.ts';
import type { Prepared } from './prepare.ts';
import { registerProbeCreations } from './probe-creations.ts';
import { probeReads } from './probe-reads.ts';
import type { CheckOutcome, OperationResult, RunResult } from './run-result.ts';
import { isGone, teardown } from './teardown.ts';
import { createVariables, type Variables } from './variables.ts';

function verdict(
  check: Check,
  ctx: CheckContext,
  exchanges: OperationExchanges,
  probing: boolean,
  missing?: string,
): CheckOutcome {
  const reason = check.notApplicable?.(ctx) ?? (check.needsBaseline !== false ? missing : undefined);
  if (reason) return { status: 'skipped', reason, findings: [] };
  const declared = new Set((check.variants?.(ctx) ?? []).map((v) => v.name));
  if (!probing && declared.size > 0) {
    return {
      status: 'skipped',
      reason: 'probes of writes are sent to a live target only when writes are allowed',
      findings: [],
    };
  }
  const findings = check.verify(ctx, exchanges);
  const judged = [
    ...(exchanges.baseline && check.needsBaseline !== false ? ['baseline'] : []),
    ...[...exchanges.variants.keys()].filter(
      (name) => declared.has(name.split('#')[0] ?? '') || check.alsoJudges?.(name),
    ),
  ];
  return { status: errorsOf(findings).length > 0 ? 'failed' : 'passed', findings, judged };
}

/** An operation sent: the resources it touched, and its result once its read-after-write probes are done. */
interface Exercised {
  readonly touched: readonly string[];
  readonly finish: Promise<OperationResult>;
}

const skipped = (operation: Operation, reason: string): Exercised => ({
  touched: [],
  finish: Promise.resolve({ operation, skipped: reason, exchanges: [], checks: {} }),
});

async function exercise(
  prepared: Prepared,
  client: HttpClient,
  vars: Variables,
  operation: Operation,
  registry: CreatedRegistry,
): Promise<Exercised> {
  const { target } = prepared;
  // A spent budget or a passed deadline stops the run cleanly: what is left is reported, not sent.
  const stopped = client.stats().stopped;
  if (stopped) return skipped(operation, `not sent: ${stopped}`);
  const choice = chooseCredential(target, operation, prepared.spec.doc.security);
  const built = buildRequest(target, prepared.spec, operation, vars, choice.credential ?? target.credential);
  if (!built.ok) return skipped(operation, built.reason);
  const envs = Object.values(target.profile.extraCredentials ?? {}).map((c) => c.env);
  const missing = choice.credential
    ? undefined
    : `needs a ${choice.wanted.join(' or ')} credential, which is not configured (${envs.join(', ')})`;
  const ctx: CheckContext = {
    operation,
    target,
    validators: prepared.validators,
    requiresAuth: choice.requiresAuth,
    credential: choice.credential ?? target.credential,
    acceptsDefault: choice.acceptsDefault,
    operationById: (id) => prepared.operationsById.get(id),
    spec: prepared.spec,
    generation: prepared.generation,
  };
  const applicable = prepared.checks.filter(
    (c) => !c.notApplicable?.(ctx) && (missing === undefined || c.needsBaseline === false),
  );
  // Probes of writes go to a live target only when writes are allowed: a wrongly accepted probe writes.
  const write = isWrite(operation);
  const probing = !write || target.writesAllowed;
  const wanted = probing ? applicable.flatMap((c) => c.variants?.(ctx) ?? []) : [];
  const variants = new Map<string, Exchange>();
  const sendVariants = async () => {
    const sent = await Promise.all(
      wanted.map((v) => sendVariant(client, target.baseUrl, operation, v, built.request)),
    );
    for (const exchange of sent.flat()) variants.set(exchange.variant, exchange);
    if (write) registerProbeCreations(prepared, client, registry, operation, sent.flat(), built.pathValues);
  };
  // A write's probes go first: after a delete or rename the baseline's resource is gone.
  if (write) await sendVariants();
  const createdBefore = new Map(vars.created);
  const baseline =
    missing === undefined ? await client.send(built.request, operation.id, 'baseline') : undefined;
  const endedAt = performance.now();
  // Values are learned from the raw body: the record is redacted, and a captured token must stay usable.
  const raw = baseline?.response ? client.rawBody(baseline) : undefined;
  const rawView =
    baseline?.response && raw !== undefined
      ? { ...baseline, response: { ...baseline.response, body: raw } }
      : baseline;
  if (rawView) learn(prepared, vars, operation, rawView, { ...built.pathValues });
  const owned = new Set(target.profile.parameters?.owned ?? []);
  const created = [...vars.created].filter(
    ([name, value]) => owned.has(name) && createdBefore.get(name) !== value,
  );
  track(registry, operation, owned, created, built.pathValues, baseline?.response?.status);
  if (!write) await sendVariants();
  const touched = [
    ...Object.entries(built.pathValues)
      .filter(([name]) => owned.has(name))
      .map(([, value]) => value),
    ...created.map(([, value]) => value),
  ];
  // A check that judges read-after-write probes asks for them by declaring which exchanges it also judges.
  const wantsReads = applicable.some((c) => c.alsoJudges !== undefined);
  const probes =
    write && wantsReads && rawView
      ? probeReads(prepared, client, vars, {
          operation,
          exchange: rawView,
          pathValues: built.pathValues,
          endedAt,
        })
      : Promise.resolve([]);
  const finish = probes.then((reads) => {
    for (const read of reads) variants.set(read.variant, read);
    const exchanges: OperationExchanges = { ...(baseline ? { baseline } : {}), variants };
    const checks: Record<string, CheckOutcome> = {};
    for (const check of prepared.checks)
      checks[check.name] = verdict(check, ctx, exchanges, probing, missing);
    return { operation, exchanges: [...(baseline ? [baseline] : []), ...variants.values()], checks };
  });
  return { touched, finish };
}

/** Registers what a write created (for teardown), and forgets what a delete removed. */
function track(
  registry: CreatedRegistry,
  operation: Operation,
  owned: ReadonlySet<string>,
  created: readonly (readonly [string, string])[],
  pathValues: Readonly<Record<string, string>>,
  status: number | undefined,
): void {
  for (const [variable, value] of created)
    registry.add({ variable, value, createdBy: operation.id, context: { ...pathValues } });
  const last = pathParams(operation.path).at(-1);
  if (operation.method === 'DELETE' && last && owned.has(last) && isGone(status))
    registry.remove(pathValues[last] ?? '');
}

/** Names of the owned resources a write would touch, as the run knows them now. */
function resourcesOf(prepared: Prepared, vars: Variables, operation: Operation): string[] {
  const owned = new Set(prepared.target.profile.parameters?.owned ?? []);
  return operation.parameters
    .filter((p) => p.in === 'path' && owned.has(p.name))
    .flatMap((p) => vars.created.get(p.name) ?? []);
}

/** The client settings of a run: timeouts, connections, redaction, retries, budget, rate and deadline. */
function clientOptions(prepared: Prepared): ClientOptions {
  const { limits } = prepared;
  const deadline = limits.deadlineMs > 0 ? { deadline: Date.now() + limits.deadlineMs } : {};
  return {
    timeoutMs: prepared.requestTimeoutMs,
    concurrency: prepared.concurrency,
    redact: createRedactor(prepared.target.secrets),
    retry: prepared.retry,
    limits: { maxRequests: limits.maxRequests, ratePerSecond: limits.ratePerSecond, ...deadline },
  };
}

/**
 * Runs every planned operation against the target. Writes go one after another; a write's read-after-write
 * probes run in the background, and only a later write on the same resource waits for them, so probes of
 * different resources overlap and a run's wall time follows the longest lag, not the sum of lags.
 */
export async function runConformance(prepared: Prepared, client?: HttpClient): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const { target, plan } = prepared;
  const http = client ?? createHttpClient(clientOptions(prepared));
  const vars = createVariables(target.profile.parameters?.fixed ?? {}, target.runId);
  const results = new Map<string, OperationResult>();
  const registry = createRegistry(prepared.registryFile);
  let leftovers: string[] = [];
  const run = async (op: Operation) => {
    const { touched, finish } = await exercise(prepared, http, vars, op, registry);
    const done = finish.then((r) => {
      results.set(op.id, r);
    });
    return { touched, done };
  };
  try {
    for (const op of plan.discover) await (await run(op)).done;
    await Promise.all(plan.reads.map(async (op) => (await run(op)).done));
    const locks = new Map<string, Promise<unknown>>();
    const finishing: Promise<unknown>[] = [];
    for (const op of [...plan.writes, ...plan.deletes]) {
      await Promise.all(resourcesOf(prepared, vars, op).map((r) => locks.get(r)));
      const { touched, done } = await run(op);
      for (const r of touched) locks.set(r, Promise.all([locks.get(r), done]));
      finishing.push(done);
    }
    await Promise.all(finishing);
  } finally {
    // Teardown has its own client: a spent budget or a passed deadline must not leave litter behind.
    const cleaner = createHttpClient({
      ...clientOptions(prepared),
      limits: { maxRequests: 0, ratePerSecond: prepared.limits.ratePerSecond },
    });
    leftovers = await teardown(prepared, cleaner, registry);
    await cleaner.close();
    if (!client) await http.close();
  }
  const info = (prepared.spec.doc.info ?? {}) as { title?: string; version?: string };
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
    operations: prepared.operations.map(
      (operation) =>
        results.get(operation.id) ?? {
          operation,
          skipped: prepared.plan.skipped.get(operation.id) ?? 'not planned',
          exchanges: [],
          checks: {},
        },
    ),
  };
}
