/** A request as the suite sent it, after redaction: transport-neutral, safe to log and report. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response as received: status, lower-cased headers and the body as text. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One request/response pair of one operation, the unit every check reads. */
export interface Exchange {
  /** operationId of the operation exercised. */
  readonly operation: string;
  /** `baseline` for the ordinary request, otherwise the name of the variant a check asked for. */
  readonly variant: string;
  readonly request: RecordedRequest;
  /** Absent when the transport failed (connection refused, reset, timeout). */
  readonly response?: RecordedResponse;
  /** Transport failure, one line, already redacted. */
  readonly error?: string;
  readonly startedAt: string;
  readonly elapsedMs: number;
  /** Why earlier attempts of this exchange were sent again (`503`, `429 (waited 1000 ms)`, `ECONNRESET`). */
  readonly retries?: readonly string[];
}

/** Case-insensitive header lookup on a recorded request or response. */
export function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The media type of a Content-Type value, without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** True when the answer carries no body by definition (a HEAD request), so there is no body to judge. */
export const isBodyless = (exchange: Exchange): boolean => exchange.request.method === 'HEAD';
