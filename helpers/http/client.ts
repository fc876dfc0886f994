import { Agent, request } from 'undici';
import type { Exchange, RecordedResponse } from '../core/exchange.ts';
import { learnSecrets, type Redactor, redactHeaders } from '../core/redact.ts';

/** A request as the engine builds it, before it is sent and recorded. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Settings of the one client a run uses. */
export interface ClientOptions {
  readonly timeoutMs: number;
  /** Connections per origin: undici queues the rest, which bounds concurrency. */
  readonly concurrency: number;
  readonly redact: Redactor;
  /** Bodies beyond this many bytes are cut, so a runaway response cannot exhaust memory. */
  readonly maxBodyBytes?: number;
}

/** Sends requests and keeps a redacted record of every exchange. */
export interface HttpClient {
  readonly send: (request: OutgoingRequest, operation: string, variant: string) => Promise<Exchange>;
  readonly exchanges: () => readonly Exchange[];
  /** The unredacted body of an exchange this client recorded: for learning parameter values, never for reports. */
  readonly rawBody: (exchange: Exchange) => string | undefined;
  readonly close: () => Promise<void>;
}

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
  if (!body) return;
  try {
    learnSecrets(JSON.parse(body), redact);
  } catch {
    // Not JSON.
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function describeError(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'Error';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'TimeoutError') {
    return `timed out after ${timeoutMs} ms (${code})`;
  }
  return `${code}: ${(e.message ?? '').split('\n')[0]}`;
}

/** One keep-alive undici agent for the run; every exchange is recorded redacted. */
export function createHttpClient(options: ClientOptions): HttpClient {
  const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000, pipelining: 1 });
  const log: Exchange[] = [];
  const raw = new WeakMap<Exchange, string>();
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const { redact } = options;
  return {
    async send(req, operation, variant) {
      const startedAt = new Date().toISOString();
      const start = performance.now();
      let response: RecordedResponse | undefined;
      let error: string | undefined;
      let rawText: string | undefined;
      learnFrom(req.body, redact);
      try {
        const res = await request(req.url, {
          dispatcher: agent,
          method: req.method as 'GET',
          headers: req.headers,
          ...(req.body === undefined ? {} : { body: req.body }),
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          signal: AbortSignal.timeout(options.timeoutMs * 2),
        });
        rawText = req.method === 'HEAD' ? '' : await readBody(res.body, limit);
        learnFrom(rawText, redact);
        response = {
          status: res.statusCode,
          headers: redactHeaders(flatten(res.headers), redact),
          body: redact(rawText),
        };
      } catch (caught) {
        error = redact(describeError(caught, options.timeoutMs));
      }
      const exchange: Exchange = {
        operation,
        variant,
        request: {
          method: req.method,
          url: redact(req.url),
          headers: redactHeaders(req.headers, redact),
          ...(req.body === undefined ? {} : { body: redact(req.body) }),
        },
        ...(response ? { response } : {}),
        ...(error ? { error } : {}),
        startedAt,
        elapsedMs: Math.round((performance.now() - start) * 10) / 10,
      };
      log.push(exchange);
      if (rawText !== undefined) raw.set(exchange, rawText);
      return exchange;
    },
    exchanges: () => log,
    rawBody: (exchange) => raw.get(exchange),
    close: () => agent.close(),
  };
}
