import { Agent, type Dispatcher, interceptors, request } from 'undici';
import {
  type Exchange,
  header,
  type OutgoingRequest,
  type Provenance,
  type RecordedResponse,
} from '../core/exchange.ts';
import { learnFromBody, learnFromHeaders, learnFromUrls } from '../core/learn-secrets.ts';
import { type Redactor, redactHeaders } from '../core/redact.ts';
import { type AttemptState, admission, NotSentError } from './admission.ts';
import { describeFailure } from './describe-error.ts';
import { type RetrySettings, retryOptions } from './retry-policy.ts';
import {
  type Clock,
  createRunLimits,
  type LimitSettings,
  type RunLimits,
  systemClock,
} from './run-limits.ts';

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
  /** The clock of the rate limit, deadline and retry waits; tests inject one to judge the schedule itself. */
  readonly clock?: Clock;
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

/** Reads a body up to `limit` bytes (the rest is drained and dropped), within `timeoutMs` for the whole body. */
async function readBody(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

type Raw =
  | { status: number; headers: Record<string, string>; body: string }
  | { failure: string; notSent?: string };

/**
 * One request with its retries, never throws. Each phase has the request timeout: connecting, waiting for the
 * headers (undici's timeouts start when the request is on the wire, so queueing for a connection does not count),
 * and reading the whole body (a timer started once the headers are in, so a trickling body cannot hold a run).
 */
async function once(
  dispatcher: Dispatcher,
  req: OutgoingRequest,
  timeoutMs: number,
  limit: number,
): Promise<Raw> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await request(req.url, {
      dispatcher,
      method: req.method as 'GET',
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    // The body's deadline destroys the body stream, which aborts the request: no abort signal per request
    // (undici listens on one for the whole request, a measurable share of a large run's CPU).
    timer = setTimeout(
      () => res.body.destroy(new DOMException('body not complete in time', 'TimeoutError')),
      timeoutMs,
    );
    const body = req.method === 'HEAD' ? '' : await readBody(res.body, limit);
    return { status: res.statusCode, headers: flatten(res.headers), body };
  } catch (caught) {
    const failure = describeFailure(caught, timeoutMs);
    return caught instanceof NotSentError ? { failure, notSent: caught.reason } : { failure };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One keep-alive undici agent for the run, with the run's limits (budget, rate, deadline) and retry policy
 * composed around each request; every exchange is recorded redacted, retries included in the record.
 */
export function createHttpClient(options: ClientOptions): HttpClient {
  const agent = new Agent({
    connections: options.concurrency,
    keepAliveTimeout: 10_000,
    pipelining: 1,
    connect: { timeout: options.timeoutMs },
  });
  const log: Exchange[] = [];
  const raw = new WeakMap<Exchange, string>();
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const clock = options.clock ?? systemClock;
  const limits: RunLimits = createRunLimits(options.limits ?? { maxRequests: 0, ratePerSecond: 0 }, clock);
  const retry = options.retry ?? NO_RETRY;
  const { redact } = options;
  let retries = 0;
  let rateLimited = 0;
  return {
    async send(req, origin) {
      const startedAt = new Date().toISOString();
      const start = performance.now();
      // Everything recorded is redacted: what the request carries and what the answer hands out is learned first.
      learnFromUrls(req.url, redact);
      learnFromBody(req.body, header(req.headers, 'content-type'), redact);
      const reasons: string[] = [];
      const state: AttemptState = { tries: 0, delayMs: 0, responded: false };
      const policy = retryOptions(req.method, retry, state, (reason, attempt) => {
        retries++;
        if ('status' in attempt && attempt.status === 429) rateLimited++;
        reasons.push(reason);
      });
      // Composed per request, so the policy and the admission step share this request's attempts.
      const dispatcher = agent.compose(admission(limits, state, clock), interceptors.retry(policy));
      const result = await once(dispatcher, req, options.timeoutMs, limit);
      let response: RecordedResponse | undefined;
      if ('status' in result) {
        learnFromHeaders(result.headers, redact);
        learnFromBody(result.body, result.headers['content-type'], redact);
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
