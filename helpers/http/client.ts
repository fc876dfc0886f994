import { Agent, request } from 'undici';
import type { Exchange, OutgoingRequest, Provenance, RecordedResponse } from '../core/exchange.ts';
import { tryParseJson } from '../core/json.ts';
import { learnSecrets, type Redactor, redactHeaders } from '../core/redact.ts';
import { type Attempt, decide, type RetrySettings } from './retry-policy.ts';
import { createRunLimits, type LimitSettings, type RunLimits } from './run-limits.ts';

export type { OutgoingRequest } from '../core/exchange.ts';

/** Settings of the one client a run uses. */
export interface ClientOptions {
  readonly timeoutMs: number;
  /** Connections per origin: undici queues the rest, which bounds concurrency. */
  readonly concurrency: number;
  readonly redact: Redactor;
  /** Bodies beyond this many bytes are cut, so a runaway response cannot exhaust memory. */
  readonly maxBodyBytes?: number;
  readonly retry?: RetrySettings;
  readonly limits?: LimitSettings;
}

/** What the client did over a run, for the reports. */
export interface ClientStats {
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
  /** Why the run stopped sending, when it did (budget spent, deadline passed). */
  readonly stopped?: string;
}

/** Sends requests and keeps a redacted record of every exchange. */
export interface HttpClient {
  /** Sends a request and records the exchange under its provenance (operation, purpose, label). */
  readonly send: (request: OutgoingRequest, provenance: Provenance) => Promise<Exchange>;
  readonly exchanges: () => readonly Exchange[];
  /** The unredacted body of an exchange this client recorded: for learning parameter values, never for reports. */
  readonly rawBody: (exchange: Exchange) => string | undefined;
  readonly stats: () => ClientStats;
  readonly close: () => Promise<void>;
}

const NO_RETRY: RetrySettings = { retries: 0, backoffMs: 0, retryAfterCapMs: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Learns secret-looking fields of a JSON body; text that is not JSON keeps only the known secrets redacted. */
function learnFrom(body: string | undefined, redact: Redactor): void {
  learnSecrets(tryParseJson(body), redact);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describeError(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  // An AbortSignal timeout is a DOMException whose `code` is the number 23: its name says what happened.
  const code = e.name === 'TimeoutError' ? e.name : (e.code ?? e.cause?.code ?? e.name ?? 'Error');
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'TimeoutError') {
    return `timed out after ${timeoutMs} ms (${code})`;
  }
  return `${code}: ${(e.message ?? '').split('\n')[0]}`;
}

type Raw =
  | { status: number; headers: Record<string, string>; body: string }
  | { failure: string; notSent?: string };

/** One request on the wire; never throws. */
async function once(agent: Agent, req: OutgoingRequest, timeoutMs: number, limit: number): Promise<Raw> {
  try {
    const res = await request(req.url, {
      dispatcher: agent,
      method: req.method as 'GET',
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs * 2),
    });
    const body = req.method === 'HEAD' ? '' : await readBody(res.body, limit);
    return { status: res.statusCode, headers: flatten(res.headers), body };
  } catch (caught) {
    return { failure: describeError(caught, timeoutMs) };
  }
}

/**
 * One keep-alive undici agent for the run, with the run's limits (budget, rate, deadline) and retry policy
 * composed around each request; every exchange is recorded redacted, retries included in the record.
 */
export function createHttpClient(options: ClientOptions): HttpClient {
  const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000, pipelining: 1 });
  const log: Exchange[] = [];
  const raw = new WeakMap<Exchange, string>();
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const limits: RunLimits = createRunLimits(options.limits ?? { maxRequests: 0, ratePerSecond: 0 });
  const retry = options.retry ?? NO_RETRY;
  const { redact } = options;
  let retries = 0;
  let rateLimited = 0;
  return {
    async send(req, origin) {
      const startedAt = new Date().toISOString();
      const start = performance.now();
      learnFrom(req.body, redact);
      const reasons: string[] = [];
      let result: Raw = { failure: 'not sent' };
      for (let tried = 0; ; tried++) {
        const refusal = await limits.admit();
        if (refusal) {
          result = { failure: `not sent: ${refusal}`, notSent: refusal };
          break;
        }
        result = await once(agent, req, options.timeoutMs, limit);
        const attempt: Attempt =
          'failure' in result ? { failure: result.failure.split(':')[0] ?? result.failure } : result;
        const decision = decide(req.method, attempt, tried, retry);
        if (!decision.retry) break;
        if ('status' in result && result.status === 429) rateLimited++;
        retries++;
        reasons.push(decision.reason);
        await sleep(decision.delayMs);
      }
      let response: RecordedResponse | undefined;
      if ('status' in result) {
        learnFrom(result.body, redact);
        response = {
          status: result.status,
          headers: redactHeaders(result.headers, redact),
          body: redact(result.body),
        };
      }
      const exchange: Exchange = {
        ...origin,
        request: {
          method: req.method,
          url: redact(req.url),
          headers: redactHeaders(req.headers, redact),
          ...(req.body === undefined ? {} : { body: redact(req.body) }),
        },
        ...(response ? { response } : { error: redact('failure' in result ? result.failure : 'unknown') }),
        ...('notSent' in result && result.notSent ? { notSent: result.notSent } : {}),
        startedAt,
        elapsedMs: Math.round((performance.now() - start) * 10) / 10,
        ...(reasons.length > 0 ? { retries: reasons } : {}),
      };
      log.push(exchange);
      if ('status' in result) raw.set(exchange, result.body);
      return exchange;
    },
    exchanges: () => log,
    rawBody: (exchange) => raw.get(exchange),
    stats: () => {
      const stopped = limits.stopped();
      return { requests: limits.sent(), retries, rateLimited, ...(stopped ? { stopped } : {}) };
    },
    close: () => agent.close(),
  };
}
