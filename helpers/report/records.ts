import { consistencyFigures } from '../consistency/figures.ts';
import type { Exchange } from '../core/exchange.ts';
import { validatedNothing } from '../core/finding.ts';
import type { OperationResult, RunResult } from '../engine/run-result.ts';
import type { Target } from '../engine/target.ts';
import { curlOf } from './curl.ts';
import { type ExchangeRecord, passOutcome, type RunRecord, type TestRecord } from './test-record.ts';

const BODY_EXCERPT = 2_000;
const MAX_EXCHANGES = 12;
const cut = (text: string) =>
  text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}… (${text.length} characters)` : text;

// One record per exchange and set of credential variables: the checks of an operation judge the same exchanges,
// and each would otherwise build the same curl command again (a 5,000-operation run: a second of its tests).
const recorded = new WeakMap<Exchange, { readonly variables: string; readonly record: ExchangeRecord }>();

function exchangeRecord(e: Exchange, variables: readonly string[]): ExchangeRecord {
  const key = variables.join('\n');
  const known = recorded.get(e);
  if (known?.variables === key) return known.record;
  const record = makeExchangeRecord(e, variables);
  recorded.set(e, { variables: key, record });
  return record;
}

function makeExchangeRecord(e: Exchange, variables: readonly string[]): ExchangeRecord {
  return {
    variant: e.label,
    operation: e.operation,
    method: e.request.method,
    url: e.request.url,
    requestHeaders: e.request.headers,
    ...(e.request.body === undefined ? {} : { requestBody: cut(e.request.body) }),
    ...(e.response
      ? { status: e.response.status, responseHeaders: e.response.headers, responseBody: cut(e.response.body) }
      : {}),
    ...(e.error ? { error: e.error } : {}),
    elapsedMs: e.elapsedMs,
    startedAt: e.startedAt,
    curl: curlOf(e.request, variables),
  };
}

/** The record of one operation × check for the reports: outcome, findings and the exchanges the check judged. */
export function testRecord(
  target: Target,
  result: OperationResult | undefined,
  operationTag: string,
  check: string,
): Omit<TestRecord, 'api'> & { api: string } {
  const op = result?.operation;
  const outcome = result?.checks[check];
  const base = {
    api: target.profile.name,
    tag: operationTag,
    operation: op?.id ?? '',
    method: op?.method ?? '',
    path: op?.path ?? '',
    check,
  };
  if (!result || result.skipped !== undefined || !outcome || outcome.status === 'skipped') {
    const reason = result?.skipped ?? (outcome?.status === 'skipped' ? outcome.reason : 'not run');
    return { ...base, outcome: 'skipped', reason, validated: false, findings: [], exchanges: [] };
  }
  const variables = target.secrets.map((s) => s.name);
  const exchanges = outcome.judged.slice(0, MAX_EXCHANGES).map((e) => exchangeRecord(e, variables));
  return {
    ...base,
    outcome: outcome.status === 'failed' ? 'failed' : passOutcome(outcome.findings),
    validated: !validatedNothing(outcome.findings),
    findings: outcome.findings,
    exchanges,
  };
}

/** The record of a whole run of one profile, for the report's header and consistency section. */
export function runRecord(target: Target, run: RunResult): RunRecord {
  return {
    api: target.profile.name,
    title: target.profile.title ?? target.profile.name,
    baseUrl: target.baseUrl,
    live: target.live,
    specTitle: run.specTitle,
    specVersion: run.specVersion,
    specSource: target.specSource,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    seed: run.seed,
    windowMs: target.profile.consistency?.windowMs ?? 0,
    http: run.http,
    leftovers: run.leftovers,
    consistency: consistencyFigures(run.operations.flatMap((o) => o.checks.consistency?.findings ?? [])),
  };
}
