import LinkHeader from 'http-link-header';
import pLimit from 'p-limit';
import type { CheckContext, Variant } from '../checks/check.ts';
import type { Target } from '../config/target.ts';
import { type Exchange, header, type OutgoingRequest, type Purpose, provenance } from '../core/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import { isWrite, type Operation } from '../spec/operation.ts';
import { isUnderBase } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import type { CreatedRegistry } from './created-registry.ts';
import { chooseCredential } from './credentials.ts';
import { type LearnContext, learn } from './learn.ts';
import type { Prepared } from './prepare.ts';
import { readBack } from './read-backs.ts';
import { createStore } from './resources.ts';
import type { Executor, Step, StepResult } from './scheduler.ts';
import { isGone } from './teardown.ts';

/** How an operation's first run went: what its verdicts need besides the exchanges, or why it was not sent. */
export type Exercise =
  | { readonly skipped: string; readonly notSent?: true }
  | {
      readonly ctx: CheckContext;
      readonly missingCredential?: string;
      readonly variantsWithheld?: string;
    };

/**
 * Probes of writes go to a live target only when writes are allowed: a wrongly accepted probe writes (and what a
 * probe of a create makes is registered for teardown). The one place that decides it.
 */
export function withheldProbes(target: Target, operation: Operation): string | undefined {
  return isWrite(operation) && target.live && !target.writesAllowed
    ? 'probes of writes are sent to a live target only when writes are allowed'
    : undefined;
}

/** Sends a check's variant and, when it asks, follows `Link: rel="next"` while the link stays under the base URL. */
async function sendVariant(
  client: HttpClient,
  baseUrl: string,
  operation: Operation,
  check: string,
  variant: Variant,
  request: OutgoingRequest,
): Promise<Exchange[]> {
  const name = variant.name;
  let last = await client.send(
    variant.change(request),
    provenance(operation.id, { kind: 'variant', check, name }),
  );
  const sent = [last];
  for (let page = 2; page <= (variant.followNext ?? 0) + 1; page++) {
    const link = last.response && header(last.response.headers, 'link');
    const next = variant.next
      ? variant.next(last)
      : link
        ? LinkHeader.parse(link).rel('next')[0]?.uri
        : undefined;
    if (!next) break;
    const url = new URL(next, last.request.url).toString();
    if (!isUnderBase(url, baseUrl)) break;
    last = await client.send(
      { ...variant.change(request), url },
      provenance(operation.id, { kind: 'page', check, name, index: page }),
    );
    sent.push(last);
  }
  return sent;
}

/** What the executor works with: the run's client, store, registry and the record of first runs. */
export interface ExecutorEnv {
  readonly prepared: Prepared;
  readonly client: HttpClient;
  readonly learning: LearnContext;
  readonly registry: CreatedRegistry;
  /** Filled in as operations run for the first time; the judge reads it. */
  readonly exercised: Map<string, Exercise>;
}

const NOTHING: StepResult = { learned: [], settled: Promise.resolve() };

/**
 * Registers for teardown what a probe of a create made: a probe the API wrongly accepted (a refused credential, an
 * invalid body) or a boundary body it rightly accepted. It is learned apart from the run's own values (a scratch
 * store): the run goes on with what its ordinary request made.
 */
function registerStray(env: ExecutorEnv, step: Step, exchange: Exchange): void {
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300) return;
  const raw = env.client.rawBody(exchange);
  const view =
    raw === undefined || !exchange.response
      ? exchange
      : { ...exchange, response: { ...exchange.response, body: raw } };
  const scratch = { ...env.learning, store: createStore({}, env.prepared.target.runId) };
  const answered = { planned: step.planned, pathValues: step.binding.pathValues, uses: step.binding.uses };
  for (const r of learn(scratch, answered, view).learned.filter((x) => x.origin === 'created'))
    env.registry.add({
      kind: r.kind,
      values: r.values,
      createdBy: `${step.planned.operation.id} (${exchange.label})`,
      byProbe: true,
    });
}

/** The executor that sends a run's steps over HTTP; the only part of the data-flow engine that does I/O. */
export function createExecutor(env: ExecutorEnv): Executor {
  const { prepared, client, learning, registry, exercised } = env;
  const { target } = prepared;
  const owned = new Set(target.profile.parameters?.owned ?? []);
  // A read's probes take at most all connections but one: ordinary requests and the probes a write sends before
  // its own request, which the run's data flow waits on, never queue behind a crowd of them.
  const probeSlots = pLimit(Math.max(1, prepared.concurrency - 1));
  // Listed once per run: every operation's checks are handed the same list (a large spec has thousands).
  const documentedPaths = Object.keys(prepared.spec.doc.paths ?? {});
  const first = (step: Step, exercise: Exercise) => {
    if (step.purpose.kind === 'baseline') exercised.set(step.planned.operation.id, exercise);
  };
  return {
    async run(step) {
      const operation = step.planned.operation;
      const write = isWrite(operation);
      // A spent budget or a passed deadline stops the run cleanly: what is left is reported, not sent.
      const stopped = client.stats().stopped;
      if (stopped) {
        first(step, { skipped: `not sent: ${stopped}`, notSent: true });
        return NOTHING;
      }
      const { pathValues } = step.binding;
      const resolveName = (name: string) => {
        const named = learning.store.named.get(name);
        // Writes take a name the profile owns only from what the run bound or captured itself.
        const usable = !write || !owned.has(name) || named?.origin === 'captured';
        return pathValues[name] ?? (usable ? named?.value : undefined);
      };
      const choice = chooseCredential(target, operation, prepared.spec.doc.security);
      const credential = choice.credential ?? target.credential;
      const built = buildRequest(target, prepared.spec, operation, { pathValues, resolveName }, credential);
      if (!built.ok) {
        first(step, { skipped: built.reason });
        return NOTHING;
      }
      const envs = Object.values(target.profile.extraCredentials ?? {}).map((c) => c.env);
      const missing = choice.credential
        ? undefined
        : `needs a ${choice.wanted.join(' or ')} credential, which is not configured (${envs.join(', ')})`;
      const ctx: CheckContext = {
        operation,
        target,
        validators: prepared.validators,
        requiresAuth: choice.requiresAuth,
        credential,
        acceptsDefault: choice.acceptsDefault,
        operationById: (id) => prepared.operationsById.get(id),
        spec: prepared.spec,
        generation: prepared.generation,
        documentedPaths,
      };
      const baseline = step.purpose.kind === 'baseline';
      const withheld = withheldProbes(target, operation);
      const applicable = prepared.checks.filter(
        (c) => !c.notApplicable?.(ctx) && (missing === undefined || c.needsBaseline === false),
      );
      const wanted =
        baseline && !withheld
          ? applicable.flatMap((c) => (c.variants?.(ctx) ?? []).map((v) => ({ c, v })))
          : [];
      const sendVariants = async () => {
        const sent = await Promise.all(
          wanted.map(({ c, v }) => {
            const send = () => sendVariant(client, target.baseUrl, operation, c.name, v, built.request);
            return write ? send() : probeSlots(send);
          }),
        );
        // A probe of a create that was wrongly accepted made something: teardown must remove it too.
        if (step.planned.role === 'create') for (const e of sent.flat()) registerStray(env, step, e);
      };
      first(step, {
        ctx,
        ...(missing ? { missingCredential: missing } : {}),
        ...(withheld ? { variantsWithheld: withheld } : {}),
      });
      // A write's probes go first: after a delete or rename the baseline's resource is gone. An update's go once its
      // read-backs are done: a probe the API accepts changes the resource too, and its change, still on its way to
      // the read side, would be taken for the update's (visible, then not) or hide it.
      const probesLast = write && step.planned.role === 'update';
      if (write && !probesLast) await sendVariants();
      const purpose: Purpose = baseline
        ? { kind: 'baseline' }
        : { kind: 'reread', ...(step.purpose.after ? { after: step.purpose.after } : {}) };
      const sent =
        missing === undefined
          ? await client.send(built.request, provenance(operation.id, purpose))
          : undefined;
      const endedAt = performance.now();
      // A read's probes follow its baseline without holding the run up: what it taught is usable at once.
      const probes = write ? Promise.resolve() : sendVariants();
      if (!sent?.response) return { learned: [], settled: probesLast ? sendVariants() : probes };
      // Values are learned from the raw body: the record is redacted, and a captured token must stay usable.
      const raw = client.rawBody(sent);
      const rawView: Exchange =
        raw === undefined ? sent : { ...sent, response: { ...sent.response, body: raw } };
      const addressed = step.binding.uses.at(-1);
      const { learned, moved } = learn(
        learning,
        { planned: step.planned, pathValues, uses: step.binding.uses },
        rawView,
      );
      const made = write ? learned.filter((r) => r.origin === 'created') : [];
      for (const r of made) registry.add({ kind: r.kind, values: r.values, createdBy: operation.id });
      if (moved) registry.move(moved.from.kind, moved.from.values, moved.to.values);
      // A delete that answered "gone" removed what it addressed: nothing may use it any more.
      const removed = step.planned.role === 'delete' && isGone(sent.response.status) ? addressed : undefined;
      if (removed && removed.kind === step.planned.kinds.at(-1)) {
        learning.store.remove(removed);
        registry.remove(removed.kind, removed.values);
      }
      const wantsReads = prepared.checks.some((c) => c.judgesReadBacks) || made.length > 0;
      const readsBack =
        write && wantsReads
          ? readBack(prepared, client, {
              operation,
              exchange: rawView,
              pathValues,
              made,
              endedAt,
              resolveName,
            })
          : Promise.resolve();
      return {
        learned,
        settled: probesLast ? readsBack.then(sendVariants) : Promise.all([probes, readsBack]),
      };
    },
  };
}
