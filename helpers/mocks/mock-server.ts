import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChaosRule, chaosFor } from './chaos.ts';
import type { MockApp, MockResponse } from './mock-types.ts';

/** A running mock: its base URL on loopback and how to stop it. */
export interface RunningMock {
  readonly url: string;
  readonly close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, answer: MockResponse, head: boolean): void {
  const headers: Record<string, string> = { ...answer.headers };
  let body = '';
  if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json';
  } else if (answer.text !== undefined) {
    body = answer.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : body);
}

/** Misbehaves on the wire as a chaos rule says; true when the request is dealt with. */
function misbehave(rule: ChaosRule | undefined, res: ServerResponse): boolean {
  if (!rule) return false;
  if (rule.kind === 'reset') res.socket?.destroy();
  // A stalled answer: headers never come; the client's timeout must end it.
  if (rule.kind === 'stall') return true;
  if (rule.kind === 'burst-503')
    write(res, { status: 503, json: { code: 503, message: 'Service Unavailable' } }, false);
  if (rule.kind === 'rate-limit-429')
    write(
      res,
      { status: 429, json: { code: 429, message: 'Too Many Requests' }, headers: { 'retry-after': '1' } },
      false,
    );
  if (rule.kind === 'truncated-json' || rule.kind === 'invalid-json') {
    const body =
      rule.kind === 'truncated-json'
        ? '{"tokens":[{"id":"tok-1","name":"ci","descr'
        : '{"capabilities": [ undefined, }';
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  }
  return true;
}

/** Serves a mock app on 127.0.0.1 at a free port; the only place a mock touches the network. */
export async function startMockServer(
  app: MockApp,
  basePath = '',
  chaos: readonly ChaosRule[] = [],
): Promise<RunningMock> {
  const counts = new Map<ChaosRule, number>();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (misbehave(chaosFor(chaos, counts, req.method ?? 'GET', url.pathname), res)) return;
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      const body = await readBody(req);
      const answer = await app.handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body,
      });
      write(res, answer, req.method === 'HEAD');
    } catch (error) {
      write(
        res,
        { status: 500, json: { code: 500, message: `Internal Server Error: ${(error as Error).message}` } },
        false,
      );
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          app.close?.();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
