import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenance } from '../core/exchange.ts';
import { createRedactor } from '../core/redact.ts';
import { fakeClock } from '../testing/fake-clock.ts';
import { type ClientOptions, createHttpClient } from './client.ts';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const reset: Answer = (req) => req.socket.destroy();
const stall: Answer = () => {};
const trickle: Answer = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[');
  const timer = setInterval(() => res.write(' '), 20);
  res.on('close', () => clearInterval(timer));
};

/** A loopback server that answers each path with its script of answers, one per request, the last one repeated. */
let url = '';
const scripts = new Map<string, Answer[]>();
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(`${req.method} ${req.url}`);
  const script = scripts.get(req.url ?? '') ?? [json(404, {})];
  const answer = script.length > 1 ? script.shift() : script[0];
  req.resume();
  answer?.(req, res);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const clock = fakeClock();
function client(overrides: Partial<ClientOptions> = {}) {
  return createHttpClient({
    timeoutMs: 300,
    concurrency: 2,
    redact: createRedactor([]),
    retry: { retries: 2, backoffMs: 200, retryAfterCapMs: 30_000 },
    clock,
    ...overrides,
  });
}
const BASELINE = provenance('Op', { kind: 'baseline' });
const get = (path: string) => ({ method: 'GET', url: `${url}${path}`, headers: {} });
const post = (path: string) => ({ method: 'POST', url: `${url}${path}`, headers: {}, body: '{}' });

describe('the HTTP client and its retry policy (undici retry interceptor)', () => {
  it.each([
    ['retries an idempotent request on 502/503/504, recording each reason', get, '/a', ['503', '504'], 200],
    ['answers with the last response once its retries are spent', get, '/b', ['503', '503'], 503],
    ['never sends a POST again after a 5xx', post, '/c', [], 503],
    ['sends any method again after a 429, after its Retry-After', post, '/d', ['429 (waited 30000 ms)'], 201],
  ] as const)('%s', async (_name, method, path, retries, status) => {
    scripts.set('/a', [json(503, {}), json(504, {}), json(200, { ok: true })]);
    scripts.set('/b', [json(503, { code: 503, message: 'down' })]);
    scripts.set('/c', [json(503, {}), json(201, {})]);
    // Retry-After is capped at 30 s; the injected clock makes the wait instant.
    scripts.set('/d', [json(429, {}, { 'retry-after': '120' }), json(201, { id: 'x' })]);
    const http = client();
    const before = clock.elapsed();
    const exchange = await http.send(method(path), BASELINE);
    await http.close();
    expect(exchange.response?.status, exchange.error).toBe(status);
    expect(exchange.retries ?? []).toEqual(retries);
    if (status === 503 && retries.length > 0) expect(exchange.response?.body).toContain('down');
    // The waits were the policy's: 200 ms doubling, or the capped Retry-After.
    const waited = { '/a': 200 + 400, '/b': 200 + 400, '/c': 0, '/d': 30_000 }[path];
    expect(clock.elapsed() - before).toBe(waited);
    expect(http.stats()).toMatchObject({
      requests: retries.length + 1,
      retries: retries.length,
      rateLimited: status === 201 && retries.length ? 1 : 0,
    });
  });

  it('retries a GET after a connection reset, but not a POST', async () => {
    scripts.set('/reset-get', [reset, json(200, {})]);
    scripts.set('/reset-post', [reset, json(201, {})]);
    const http = client();
    const got = await http.send(get('/reset-get'), BASELINE);
    const posted = await http.send(post('/reset-post'), BASELINE);
    await http.close();
    expect(got.response?.status).toBe(200);
    expect(got.retries).toEqual([expect.stringMatching(/^(ECONNRESET|UND_ERR_SOCKET)$/)]);
    expect(posted.response).toBeUndefined();
    expect(posted.error).toMatch(/^(ECONNRESET|UND_ERR_SOCKET): /);
  });

  it('gives up on a stalled answer after the request timeout, naming it', async () => {
    scripts.set('/stall', [stall]);
    const http = client({ retry: { retries: 1, backoffMs: 0, retryAfterCapMs: 0 } });
    const exchange = await http.send(get('/stall'), BASELINE);
    await http.close();
    expect(exchange.error).toBe('timed out after 300 ms (UND_ERR_HEADERS_TIMEOUT)');
    expect(exchange.retries).toEqual(['UND_ERR_HEADERS_TIMEOUT']);
  });

  it('gives up on a body that trickles on for longer than the request timeout, without retrying it', async () => {
    scripts.set('/trickle', [trickle]);
    const http = client();
    const exchange = await http.send(get('/trickle'), BASELINE);
    await http.close();
    expect(exchange.error).toBe('timed out after 300 ms (TimeoutError)');
    expect(exchange.retries).toBeUndefined();
  });

  it('does not send a retry the budget has no room for, and says so', async () => {
    scripts.set('/budget', [json(503, {})]);
    const http = client({ limits: { maxRequests: 2, ratePerSecond: 0 } });
    const first = await http.send(get('/budget'), BASELINE);
    const second = await http.send(get('/budget'), BASELINE);
    await http.close();
    expect(first.error).toBe('not sent: the request budget is spent (MAX_REQUESTS=2)');
    expect(second.error).toBe('not sent: the request budget is spent (MAX_REQUESTS=2)');
    expect(http.stats()).toMatchObject({
      requests: 2,
      stopped: 'the request budget is spent (MAX_REQUESTS=2)',
    });
    expect(seen.filter((s) => s === 'GET /budget')).toHaveLength(2);
  });
});
