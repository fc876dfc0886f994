import LinkHeader from 'http-link-header';
import type { Check, CheckContext, OperationExchanges, Variant } from '../checks/check.ts';
import { type Exchange, header } from '../core/exchange.ts';
import { errorsOf } from '../core/finding.ts';
import { createRedactor } from '../core/redact.ts';
import { createHttpClient, type HttpClient, type OutgoingRequest } from '../http/client.ts';
import { isWrite, type Operation, responseFor } from '../spec/operation.ts';
import { isUnderBase } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import { chooseCredential } from './credentials.ts';
import type { Prepared } from './prepare.ts';
import type { CheckOutcome, OperationResult, RunResult } from './run-result.ts';
import { atPointer, createVariables, evaluateExpression, type Variables } from './variables.ts';

/** Records what a successful exchange tells about parameters: discover rules, captures and spec links. */
function learn(
  prepared: Prepared,
  vars: Variables,
  operation: Operation,
  exchange: Exchange,
  pathValues: Record<string, string>,
) {
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300) return;
  const { profile } = prepared.target;
  const owned = new Set(profile.parameters?.owned ?? []);
  const write = isWrite(operation);
  const body = (() => {
    try {
      return JSON.parse(exchange.response?.body ?? '');
    } catch {
      return undefined;
    }
  })();
  for (const [name, rule] of Object.entries(profile.parameters?.discover ?? {})) {
    const value = rule.operation === operation.id ? atPointer(body, rule.pointer) : undefined;
    if ((typeof value === 'string' || typeof value === 'number') && !vars.discovered.has(name))
      vars.discovered.set(name, String(value));
  }
  const links = responseFor(operation, status)?.links ?? [];
  const captures = {
    ...Object.assign({}, ...links.map((l) => l.parameters)),
    ...profile.requests?.[operation.id]?.capture,
  };
  for (const [name, expression] of Object.entries(captures as Record<string, string>)) {
    const value = evaluateExpression(expression, exchange, pathValues);
    if (value === undefined) continue;
    if (write && owned.has(name)) vars.created.set(name, value);
    else if (!vars.discovered.has(name)) vars.discovered.set(name, value);
  }
}

function verdict(
  check: Check,
  ctx: CheckContext,
  exchanges: OperationExchanges,
  probing: boolean,
  missing?: string,
): CheckOutcome {
  const reason = check.notApplicable?.(ctx) ?? (check.needsBaseline !== false ? missing : undefined);
  if (reason) return { status: 'skipped', reason, findings: [] };
  if (!probing && (check.variants?.(ctx) ?? []).length > 0) {
    return {
      status: 'skipped',
      reason: 'probes of writes are sent only to embedded mocks, never to a live target',
      findings: [],
    };
  }
  const findings = check.verify(ctx, exchanges);
  return { status: errorsOf(findings).length > 0 ? 'failed' : 'passed', findings };
}

/** Sends a variant and, when it asks, follows `Link: rel="next"` while the link stays under the base URL. */
async function sendVariant(
  client: HttpClient,
  baseUrl: string,
  operation: Operation,
  variant: Variant,
  request: OutgoingRequest,
) {
  const sent = [await client.send(variant.change(request), operation.id, variant.name)];
  for (let page = 2; page <= (variant.followNext ?? 0) + 1; page++) {
    const last = sent[sent.length - 1];
    const link = last?.response && header(last.response.headers, 'link');
    const next = link ? LinkHeader.parse(link).rel('next')[0]?.uri : undefined;
    if (!last || !next) break;
    const url = new URL(next, last.request.url).toString();
    if (!isUnderBase(url, baseUrl)) break;
    sent.push(
      await client.send({ ...variant.change(request), url }, operation.id, `${variant.name}#${page}`),
    );
  }
  return sent;
}

async function exercise(
  prepared: Prepared,
  client: HttpClient,
  vars: Variables,
  operation: Operation,
): Promise<OperationResult> {
  const { target } = prepared;
  const choice = chooseCredential(target, operation, prepared.spec.doc.security);
  const built = buildRequest(target, prepared.spec, operation, vars, choice.credential ?? target.credential);
  if (!built.ok) return { operation, skipped: built.reason, exchanges: [], checks: {} };
  const missing =
    choice.credential === undefined
      ? `needs a ${choice.wanted.join(' or ')} credential, which is not configured (${
          Object.entries(target.profile.extraCredentials ?? {})
            .map(([, c]) => c.env)
            .join(', ') || 'extraCredentials'
        })`
      : undefined;
  const ctx: CheckContext = {
    operation,
    target,
    validators: prepared.validators,
    requiresAuth: choice.requiresAuth,
    credential: choice.credential ?? target.credential,
    acceptsDefault: choice.acceptsDefault,
  };
  const applicable = prepared.checks.filter(
    (c) => !c.notApplicable?.(ctx) && (missing === undefined || c.needsBaseline === false),
  );
  // Probes of writes go only to embedded mocks: on a live target a wrongly accepted probe would write.
  const probing = !isWrite(operation) || !target.live;
  const wanted = probing ? applicable.flatMap((c) => c.variants?.(ctx) ?? []) : [];
  const variants = new Map<string, Exchange>();
  const sendVariants = async () => {
    const sent = await Promise.all(
      wanted.map((v) => sendVariant(client, target.baseUrl, operation, v, built.request)),
    );
    for (const exchange of sent.flat()) variants.set(exchange.variant, exchange);
  };
  // A write's probes go first: after a delete or rename the baseline's resource is gone.
  if (isWrite(operation)) await sendVariants();
  const baseline =
    missing === undefined ? await client.send(built.request, operation.id, 'baseline') : undefined;
  // Values are learned from the raw body: the record is redacted, and a captured token must stay usable.
  const raw = baseline?.response && client.rawBody(baseline);
  if (baseline)
    learn(
      prepared,
      vars,
      operation,
      raw === undefined || !baseline.response
        ? baseline
        : { ...baseline, response: { ...baseline.response, body: raw } },
      { ...built.pathValues },
    );
  if (!isWrite(operation)) await sendVariants();
  const exchanges: OperationExchanges = { ...(baseline ? { baseline } : {}), variants };
  const checks: Record<string, CheckOutcome> = {};
  for (const check of prepared.checks) checks[check.name] = verdict(check, ctx, exchanges, probing, missing);
  return { operation, exchanges: [...(baseline ? [baseline] : []), ...variants.values()], checks };
}

/** Runs every planned operation against the target and returns each check's verdict per operation. */
export async function runConformance(prepared: Prepared, client?: HttpClient): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const { target, plan } = prepared;
  const http =
    client ??
    createHttpClient({
      timeoutMs: prepared.requestTimeoutMs,
      concurrency: prepared.concurrency,
      redact: createRedactor(target.secrets),
    });
  const vars = createVariables(target.profile.parameters?.fixed ?? {}, target.runId);
  const results = new Map<string, OperationResult>();
  const run = async (op: Operation) => results.set(op.id, await exercise(prepared, http, vars, op));
  try {
    for (const op of plan.discover) await run(op);
    await Promise.all(plan.reads.map(run));
    for (const op of [...plan.writes, ...plan.deletes]) await run(op);
  } finally {
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
    operations: prepared.operations.map(
      (operation) =>
        results.get(operation.id) ?? {
          operation,
          skipped: plan.skipped.get(operation.id) ?? 'not planned',
          exchanges: [],
          checks: {},
        },
    ),
  };
}
