import type { Exchange, OutgoingRequest } from '../core/exchange.ts';
import { type Finding, finding } from '../core/finding.ts';
import { tryParseJson } from '../core/json.ts';
import type { MediaTypeSpec } from '../spec/operation.ts';
import { responseFor } from '../spec/operation.ts';
import { pathParams } from '../url/build-url.ts';
import type { CheckContext } from './check.ts';
import { received } from './check-helpers.ts';

/**
 * Computes once per operation: generating probes is not free, and the engine asks a check for its variants again
 * for every exchange it judges. The context is made once per operation and run, so it keys the cache.
 */
export function perOperation<T>(compute: (ctx: CheckContext) => T): (ctx: CheckContext) => T {
  const cache = new WeakMap<CheckContext, T>();
  return (ctx) => {
    if (!cache.has(ctx)) cache.set(ctx, compute(ctx));
    return cache.get(ctx) as T;
  };
}

/** The operation's JSON request body as documented (the profile's media type first), when it has a schema. */
export function jsonBodySpec(ctx: CheckContext): MediaTypeSpec | undefined {
  const content = ctx.operation.requestBody?.content ?? [];
  const preferred = ctx.target.profile.requests?.[ctx.operation.id]?.mediaType;
  const media =
    content.find((c) => c.mediaType === preferred) ??
    content.find((c) => c.mediaType === 'application/json' || c.mediaType.endsWith('+json')) ??
    content[0];
  return media?.schema && (media.mediaType === 'application/json' || media.mediaType.endsWith('+json'))
    ? media
    : undefined;
}

/** The fields the profile's request template sets for the operation's body. */
export function pinnedFields(ctx: CheckContext): Set<string> {
  const body = ctx.target.profile.requests?.[ctx.operation.id]?.body;
  return new Set(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []);
}

/** Names the run chose carry its run id: a probe gives them a suffix of its own, so it never collides with the baseline. */
export function uniquify(value: unknown, runId: string, tag: string): unknown {
  if (typeof value === 'string') return value.split(runId).join(`${runId}-${tag}`);
  if (Array.isArray(value)) return value.map((v) => uniquify(v, runId, tag));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, uniquify(v, runId, tag)]));
  return value;
}

/** A change of a JSON object body; a body that is not a JSON object is sent as it was. */
export function changeJsonBody(change: (body: Readonly<Record<string, unknown>>) => unknown) {
  return (req: OutgoingRequest): OutgoingRequest => {
    const body = tryParseJson(req.body);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return req;
    return { ...req, body: JSON.stringify(change(body as Record<string, unknown>)) };
  };
}

/** True when the operation renames what it addresses: a capture sets one of its own path parameters. */
export function renamesItself(ctx: CheckContext): boolean {
  const own = new Set(pathParams(ctx.operation.path));
  const captures = [
    ...ctx.operation.responses.flatMap((r) => r.links.flatMap((l) => Object.keys(l.parameters))),
    ...Object.keys(ctx.target.profile.requests?.[ctx.operation.id]?.capture ?? {}),
  ];
  const owned = new Set(ctx.target.profile.parameters?.owned ?? []);
  return captures.some((name) => own.has(name) && owned.has(name));
}

/** How the sent body departs from the documented request schema, one line per violation; [] when it conforms. */
export function bodyViolations(ctx: CheckContext, media: MediaTypeSpec, exchange: Exchange): string[] {
  const body = tryParseJson(exchange.request.body);
  const found = media.schemaPointer
    ? ctx.validators.validate(media.schemaPointer, body)
    : ctx.validators.validateSchema(`${ctx.operation.id}:request`, media.schema ?? {}, body);
  return found.map((v) => `${v.pointer || '/'} ${v.documented}`);
}

/** The 4xx statuses the operation documents, for messages. */
export function documented4xx(ctx: CheckContext): string {
  const codes = ctx.operation.responses.map((r) => r.status).filter((s) => /^4/.test(s));
  return codes.length > 0 ? codes.join(', ') : 'none';
}

/**
 * The verdict on a request the API must refuse: a 4xx the operation documents (or `also`, the statuses that
 * mean a refusal of this kind whatever the document says, with a note) passes; anything else fails.
 */
export function judgeRefusal(
  ctx: CheckContext,
  check: string,
  exchange: Exchange,
  what: string,
  also: readonly number[],
): Finding[] {
  const id = ctx.operation.id;
  const status = exchange.response?.status;
  const expected = `a 4xx refusal (documented: ${documented4xx(ctx)}${also.length > 0 ? `; ${also.join(' or ')} always` : ''})`;
  const fail = (title: string) => [
    finding(
      check,
      id,
      'error',
      title,
      `Received: ${received(exchange)} for ${what} / Documented: ${expected}`,
      exchange.label,
    ),
  ];
  if (status === undefined) return fail('No response');
  if (status >= 500) return fail('Server error');
  if (status < 400) return fail(status < 300 ? 'Accepted' : 'Not refused');
  const spec = responseFor(ctx.operation, status);
  if (spec && spec.status !== 'default') return [];
  if (also.includes(status))
    return [
      finding(
        check,
        id,
        'note',
        `Refused with an undocumented ${status}`,
        `Received: ${status} for ${what}; the operation documents ${documented4xx(ctx)}`,
        exchange.label,
      ),
    ];
  return spec ? [] : fail('Undocumented refusal status');
}
