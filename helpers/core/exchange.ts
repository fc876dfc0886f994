/** A request as the engine builds it, before it is sent and recorded. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

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

/** What a write did to what it addressed; read-after-write probes judge visibility by it. */
export type WriteKind = 'create' | 'update' | 'delete';

/**
 * Why an exchange was sent. Checks, the engine and reports read these fields; nothing parses a label.
 * - `baseline`: the operation's ordinary request, the first time it runs.
 * - `reread`: the ordinary request again: once what the write `after` made is visible (its list now has items),
 *   or to see what the run's writes made appear.
 * - `variant`: a change of the baseline a check asked for (no credentials, an awkward path value, a small page).
 * - `page`: a further page of a variant, reached by following `Link: rel="next"`.
 * - `poll`: a read that must reflect the write `after` (read-after-write), `attempt` counted from 1.
 * - `teardown`: deleting (`delete`) or verifying by listing (`verify`) what the run created.
 */
export type Purpose =
  | { readonly kind: 'baseline' }
  | { readonly kind: 'reread'; readonly after?: string }
  | { readonly kind: 'variant'; readonly check: string; readonly name: string }
  | { readonly kind: 'page'; readonly check: string; readonly name: string; readonly index: number }
  | {
      readonly kind: 'poll';
      readonly after: string;
      readonly write: WriteKind;
      readonly attempt: number;
    }
  | { readonly kind: 'teardown'; readonly step: 'delete' | 'verify'; readonly attempt?: number };

/** Where an exchange came from: the operation that answered it, why it was sent, and a label for people. */
export interface Provenance {
  /** operationId of the operation that answered it (a poll's read, not the write it follows). */
  readonly operation: string;
  readonly purpose: Purpose;
  /** For display only (`baseline`, `no-credentials`, `page 2`, `read after CreateTask #3`); never parsed. */
  readonly label: string;
}

/** One request/response pair of one operation, the unit every check reads. */
export interface Exchange extends Provenance {
  readonly request: RecordedRequest;
  /** Absent when the transport failed (connection refused, reset, timeout) or the request was not sent. */
  readonly response?: RecordedResponse;
  /** Transport failure, one line, already redacted. */
  readonly error?: string;
  /** Why the request was never sent (the request budget spent, the run deadline passed). */
  readonly notSent?: string;
  readonly startedAt: string;
  readonly elapsedMs: number;
  /** Why earlier attempts of this exchange were sent again (`503`, `429 (waited 1000 ms)`, `ECONNRESET`). */
  readonly retries?: readonly string[];
}

/** The human label of a purpose: what reports show next to an exchange. */
export function labelOf(purpose: Purpose): string {
  switch (purpose.kind) {
    case 'baseline':
      return 'baseline';
    case 'reread':
      return purpose.after ? `read again after ${purpose.after}` : 'read again';
    case 'variant':
      return purpose.name;
    case 'page':
      return `${purpose.name} page ${purpose.index}`;
    case 'poll':
      return `read after ${purpose.after} #${purpose.attempt}`;
    case 'teardown':
      return purpose.step === 'delete' ? 'teardown' : `teardown check #${purpose.attempt ?? 1}`;
  }
}

/** Provenance of an exchange from its operation and purpose, labelled. */
export const provenance = (operation: string, purpose: Purpose): Provenance => ({
  operation,
  purpose,
  label: labelOf(purpose),
});

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
