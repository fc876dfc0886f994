import { type Exchange, header, isBodyless, mediaType } from '../core/exchange.ts';
import { parseJson } from '../core/json.ts';
import type { CheckContext } from './check.ts';

/** Short text for what came back: status and media type, or the transport error. */
export function received(exchange: Exchange | undefined): string {
  if (!exchange) return 'no exchange';
  if (!exchange.response) return `no response (${exchange.error ?? 'unknown error'})`;
  const type = mediaType(header(exchange.response.headers, 'content-type'));
  return `${exchange.response.status}${type ? ` ${type}` : ''}`;
}

/** True for JSON media types (`application/json`, `application/problem+json`, …). */
export const isJsonMedia = (type: string | undefined): boolean =>
  type !== undefined && (type === 'application/json' || type.endsWith('+json'));

/** Cuts long text for messages. */
export const excerpt = (text: string, max = 200): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

/** Ways an error body departs from the profile's error shape; [] when the profile names none. */
export function errorShapeProblems(ctx: CheckContext, exchange: Exchange): string[] {
  const shape = ctx.target.profile.errorShape;
  const response = exchange.response;
  // A HEAD answer has no body by definition, so there is no shape to compare.
  if (!shape || !response || isBodyless(exchange)) return [];
  const parsed = parseJson(response.body);
  if (!parsed.ok)
    return [
      `body is not JSON (${mediaType(header(response.headers, 'content-type')) ?? 'no Content-Type'}: ${excerpt(JSON.stringify(response.body), 80)})`,
    ];
  const schema = shape.ref ? { $ref: shape.ref } : (shape.schema ?? {});
  return ctx.validators
    .validateSchema(`${ctx.target.profile.name}:error-shape`, schema, parsed.value)
    .map(
      (v) =>
        `${v.pointer || '/'} ${v.documented} (received ${excerpt(JSON.stringify(v.received) ?? 'nothing', 80)})`,
    );
}
