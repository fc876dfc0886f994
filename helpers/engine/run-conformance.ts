import type { CheckContext } from '../checks/check.ts';
import { type Exchange, provenance } from '../core/exchange.ts';
import { createRedactor } from '../core/redact.ts';
import { type ClientOptions, createHttpClient, type HttpClient } from '../http/client.ts';
import { isWrite, type Operation } from '../spec/operation.ts';
import { pathParams } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import { type CreatedRegistry, createRegistry } from './created-registry.ts';
import { chooseCredential } from './credentials.ts';
import { learn, sendVariant } from './exchange-steps.ts';
import { judgeOperation, readBacksOf } from './judge.ts';
import type { Prepared } from './prepare.ts';
import { registerProbeCreations } from './probe-creations.ts';
import { probeReads } from './probe-reads.ts';
import type { OperationResult, RunResult } from './run-result.ts';
import { isGone, teardown } from './teardown.ts';
import { createVariables, type Variables } from './variables.ts';

const pathLists = new WeakMap<object, readonly string[]>();
/** The document's path templates, listed once per document: every operation's checks are handed the same list. */
function documentedPaths(doc: { paths?: Record<string, unknown> }): readonly string[] {
  const known = pathLists.get(doc) ?? Object.keys(doc.paths ?? {});
  pathLists.set(doc, known);
  return known;
}

/** How an operation was exercised: what its verdicts need besides the exchanges, or why it was not. */
type Exercise =
  | { readonly skipped: string; readonly notSent?: true }
  | {
      readonly ctx: CheckContext;
      readonly missingCredential?: string;
      readonly variantsWithheld?: string;
    };

/** An operation sent: the resources it touched, how to judge it, and when its read-after-write polls are done. */
interface Exercised {
  readonly touched: readonly string[];
  readonly exercise: Exercise;
  readonly finish: Promise<unknown>;
}

const skipped = (reason: string, notSent?: true): Exercised => ({
  touched: [],
  exercise: { skipped: reason, ...(notSent ? { notSent } : {}) },
  finish: Promise.resolve(),
});

/** Probes of writes go to a live target only when writes are allowed: a wrongly accepted probe writes. */
export function withheldProbes(target: Prepared['target'], operation: Operation): string | undefined {
  return isWrite(operation) && target.live && !target.writesAllowed
    ? 'probes of writes are sent to a live target only when writes are allowed'
    : undefined;
}

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
  if (stopped) return skipped(`not sent: ${stopped}`, true);
  const choice = chooseCredential(target, operation, prepared.spec.doc.security);
  const built = buildRequest(target, prepared.spec, operation, vars, choice.credential ?? target.credential);
  if (!built.ok) return skipped(built.reason);
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
    documentedPaths: documentedPaths(prepared.spec.doc),
  };
  const applicable = prepared.checks.filter(
    (c) => !c.notApplicable?.(ctx) && (missing === undefined || c.needsBaseline === false),
  );
  const withheld = withheldProbes(target, operation);
  const write = isWrite(operation);
  const wanted = withheld ? [] : applicable.flatMap((c) => (c.variants?.(ctx) ?? []).map((v) => ({ c, v })));
  const sendVariants = () =>
    Promise.all(
      wanted.map(({ c, v }) => sendVariant(client, target.baseUrl, operation, c.name, v, built.request)),
    );
  // A write's probes go first: after a delete or rename the baseline's resource is gone.
  if (write) {
    const probes = (await sendVariants()).flat();
    registerProbeCreations(prepared, client, registry, operation, probes, built.pathValues);
  }
  const createdBefore = new Map(vars.created);
  const baseline =
    missing === undefined
      ? await client.send(built.request, provenance(operation.id, { kind: 'baseline' }))
      : undefined;
  const endedAt = performance.now();
  // Values are learned from the raw body: the record is redacted, and a captured token must stay usable.
  const raw = baseline?.response ? client.rawBody(baseline) : undefined;
  const rawView: Exchange | undefined =
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
  // A check that judges read-after-write probes asks for them.
  const wantsReads = applicable.some((c) => c.judgesReadBacks);
  const finish =
    write && wantsReads && rawView
      ? probeReads(prepared, client, vars, {
          operation,
          exchange: rawView,
          pathValues: built.pathValues,
          endedAt,
        })
      : Promise.resolve();
  return {
    touched,
    exercise: {
      ctx,
      ...(missing ? { missingCredential: missing } : {}),
      ...(withheld ? { variantsWithheld: withheld } : {}),
    },
    finish,
  };
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
    limits: {
      maxRequests: limits.maxRequests,
      ratePerSecond: limits.ratePerSecond,
      ...deadline,
      stopOnInterrupt: true,
    },
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
  const exercised = new Map<string, Exercise>();
  const registry = createRegistry(prepared.registryFile);
  let leftovers: string[] = [];
  let teardownExchanges: readonly Exchange[] = [];
  const run = async (op: Operation) => {
    const { touched, exercise: how, finish } = await exercise(prepared, http, vars, op, registry);
    exercised.set(op.id, how);
    return { touched, done: finish };
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
    teardownExchanges = cleaner.exchanges();
    await cleaner.close();
    if (!client) await http.close();
  }
  const info = (prepared.spec.doc.info ?? {}) as { title?: string; version?: string };
  const operations = judgeAll(prepared, exercised, [...http.exchanges(), ...teardownExchanges]);
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

/** Every operation's verdicts, from every exchange of the run, each judged on the operation that answered it. */
function judgeAll(
  prepared: Prepared,
  exercised: ReadonlyMap<string, Exercise>,
  exchanges: readonly Exchange[],
): OperationResult[] {
  // Grouped once: by the operation that answered, and polls by the write they followed (each operation's
  // verdict needs only its own, and scanning every exchange per operation is quadratic in a large spec).
  const answered = new Map<string, Exchange[]>();
  const polls = new Map<string, Exchange[]>();
  for (const e of exchanges) {
    answered.set(e.operation, [...(answered.get(e.operation) ?? []), e]);
    if (e.purpose.kind === 'poll') polls.set(e.purpose.after, [...(polls.get(e.purpose.after) ?? []), e]);
  }
  return prepared.operations.map((operation) => {
    const how = exercised.get(operation.id);
    const own = answered.get(operation.id) ?? [];
    if (!how || 'skipped' in how) {
      const reason = how?.skipped ?? prepared.plan.skipped.get(operation.id) ?? 'not planned';
      return { operation, skipped: reason, exchanges: own, checks: {} };
    }
    const checks = judgeOperation({
      checks: prepared.checks,
      ctx: how.ctx,
      answered: own,
      readBacks: readBacksOf(operation.id, polls.get(operation.id) ?? []),
      ...(how.missingCredential ? { missingCredential: how.missingCredential } : {}),
      ...(how.variantsWithheld ? { variantsWithheld: how.variantsWithheld } : {}),
    });
    return { operation, exchanges: own, checks };
  });
}
