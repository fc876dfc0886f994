/** An API error a client raises: the status and the body the API sent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered ${status}: ${JSON.stringify(body)}`);
  }
}

/** One JSON call with fetch: the body parsed, a non-2xx status thrown as ApiError. */
export async function callJson<T>(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown },
): Promise<{ data: T; headers: Headers }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError(res.status, data);
  return { data: data as T, headers: res.headers };
}
