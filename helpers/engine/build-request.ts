import { sample } from 'openapi-sampler';
import { withCredentialSent } from '../config/credential-placement.ts';
import type { Credential, Target } from '../config/target.ts';
import type { OutgoingRequest } from '../core/exchange.ts';
import type { SpecDocument } from '../spec/load-spec.ts';
import type { Operation } from '../spec/operation.ts';
import { buildUrl } from '../url/build-url.ts';
import { interpolate } from './templates.ts';

/** A request ready to send with the path values it used, or the reason the operation cannot be exercised. */
export type BuiltRequest =
  | {
      readonly ok: true;
      readonly request: OutgoingRequest;
      readonly pathValues: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly reason: string };

function sampleValue(
  schema: Record<string, unknown> | undefined,
  example: unknown,
  spec: SpecDocument,
): unknown {
  if (example !== undefined) return example;
  if (!schema) return 'conformance';
  return sample(schema as never, { skipReadOnly: true, quiet: true }, spec.doc as never);
}

/** Body media type: the profile's choice, else JSON when documented, else the first documented. */
function bodyMedia(operation: Operation, preferred: string | undefined) {
  const content = operation.requestBody?.content ?? [];
  return (
    content.find((c) => c.mediaType === preferred) ??
    content.find((c) => c.mediaType === 'application/json' || c.mediaType.endsWith('+json')) ??
    content[0]
  );
}

/** What a request is built from: its path values, and how `{name}` in query and body templates is filled. */
export interface RequestValues {
  readonly pathValues: Readonly<Record<string, string>>;
  readonly resolveName: (name: string) => string | undefined;
}

/**
 * Builds the ordinary request of an operation from its bound path values and the profile's templates; a body
 * without a template is sampled from its schema.
 */
export function buildRequest(
  target: Target,
  spec: SpecDocument,
  operation: Operation,
  { pathValues, resolveName }: RequestValues,
  credential: Credential = target.credential,
): BuiltRequest {
  const template = target.profile.requests?.[operation.id] ?? {};
  const missing = new Set<string>();
  const query: Record<string, string> = {};
  for (const param of operation.parameters) {
    if (param.in === 'query' && (param.required || template.query?.[param.name] !== undefined)) {
      const value = template.query?.[param.name] ?? sampleValue(param.schema, param.example, spec);
      query[param.name] = String(interpolate(value, resolveName, missing));
    }
  }
  const headers: Record<string, string> = { ...target.headers };
  let body: string | undefined;
  const media = bodyMedia(operation, template.mediaType);
  if (media) {
    const raw = template.body !== undefined ? template.body : sampleValue(media.schema, undefined, spec);
    const value = interpolate(raw, resolveName, missing);
    body = typeof value === 'string' && !media.mediaType.includes('json') ? value : JSON.stringify(value);
    const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type') ?? 'Content-Type';
    headers[typeKey] = media.mediaType;
  }
  if (missing.size > 0) {
    const names = [...missing].map((n) => `{${n}}`).join(', ');
    return {
      ok: false,
      reason: `no value for ${names}: set parameters.fixed or a discover rule in the profile`,
    };
  }
  try {
    const url = buildUrl(target.baseUrl, operation.path, pathValues, query);
    return {
      ok: true,
      request: withCredentialSent(
        { method: operation.method, url, headers, ...(body === undefined ? {} : { body }) },
        credential,
      ),
      pathValues,
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
