import { json, type MockRequest, type MockResponse } from '../mock-types.ts';

/** The API's documented error bodies. */
export const notFound: MockResponse = json(404, { status: 404, message: 'Not found' });
export const forbidden: MockResponse = json(403, { status: 403, message: 'Forbidden' });
export const unauthorized: MockResponse = json(401, { status: 401, message: 'Unauthorized' });
export const conflict = (message: string): MockResponse => json(409, { status: 409, message });
export const notImplemented = (message: string): MockResponse => json(501, { status: 501, message });
/** A business-rule 400, the API's second 400 shape. */
export const business = (message: string, path: string, expected: unknown): MockResponse =>
  json(400, { status: 400, message, params: {}, path, expected });
export const noContent: MockResponse = { status: 204 };

/** The request body as an object (the app has validated it against the spec already). */
export const bodyOf = (req: MockRequest): Record<string, unknown> =>
  req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};

/** A query parameter out of range, in the AJV-shaped 400 the API answers. */
function queryProblem(
  name: string,
  keyword: string,
  params: Record<string, unknown>,
  message: string,
): MockResponse {
  return json(400, {
    status: 400,
    instancePath: `/${name}`,
    schemaPath: `#/properties/${name}/${keyword}`,
    keyword,
    params,
    message,
  });
}

/**
 * One page of a list: `limit`/`offset` as documented (20, 0), `x-Total`/`x-Limit`/`x-Offset` headers, a Link
 * header with first/prev/next/last, and the page as a bare array.
 */
export function paginate(req: MockRequest, items: readonly unknown[]): MockResponse {
  const limit = Number(req.query.get('limit') ?? 20);
  const offset = Number(req.query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return queryProblem(
      'limit',
      'maximum',
      { comparison: '<=', limit: 100 },
      'must be an integer from 1 to 100',
    );
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return queryProblem('offset', 'minimum', { comparison: '>=', limit: 0 }, 'must be an integer >= 0');
  }
  const total = items.length;
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  const at = (o: number) => `<${origin}${req.path}?limit=${limit}&offset=${o}>`;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`${at(0)}; rel="first"`];
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))}; rel="prev"`);
  if (offset + limit < total) links.push(`${at(offset + limit)}; rel="next"`);
  links.push(`${at(lastOffset)}; rel="last"`);
  return json(200, items.slice(offset, offset + limit), {
    'x-total': String(total),
    'x-limit': String(limit),
    'x-offset': String(offset),
    link: links.join(', '),
  });
}
