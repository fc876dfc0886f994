import { request } from 'undici';

/** Result of a plain GET: status and body text. */
export interface TextResponse {
  readonly status: number;
  readonly body: string;
}

/** A single GET with a timeout, for loading documents (specs); throws on transport failure. */
export async function getText(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<TextResponse> {
  const response = await request(url, {
    method: 'GET',
    headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5', ...headers },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: response.statusCode, body: await response.body.text() };
}
