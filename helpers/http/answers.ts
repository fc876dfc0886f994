/**
 * Resolves once the server at `url` answers a GET with any status; rejects with the transport's error (its `code`,
 * e.g. ECONNREFUSED) or a timeout. The preflight's one question before a run: node's own client, so the main
 * process does not load undici just to ask it (about 70 ms of a small API's whole run).
 */
export async function answers(url: string, timeoutMs: number): Promise<number> {
  // TLS is loaded only for a base URL that needs it.
  const { request } = url.startsWith('https:') ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}
