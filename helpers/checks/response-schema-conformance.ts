import { header, isBodyless, mediaType } from '../core/exchange.ts';
import { type Finding, finding, notValidated } from '../core/finding.ts';
import { parseJson } from '../core/json.ts';
import { responseFor } from '../spec/operation.ts';
import type { Check } from './check.ts';
import { excerpt, isJsonMedia } from './check-helpers.ts';

const NAME = 'schema';
const MAX_VIOLATIONS = 10;

/** `schema`: the body validates against the schema documented for its status and media type. */
export const responseSchemaConformance: Check = {
  name: NAME,
  description:
    'The response body validates against the schema documented for its status code and media type.',
  judgesEachAnswer: true,
  verify(ctx, { baseline }) {
    const id = ctx.operation.id;
    const response = baseline?.response;
    if (!response) return [];
    if (isBodyless(baseline))
      return [
        notValidated(NAME, id, 'HEAD answer has no body', 'Body not validated: HEAD answers carry no body'),
      ];
    const documented = responseFor(ctx.operation, response.status);
    const type = mediaType(header(response.headers, 'content-type'));
    const media = documented?.content.find((c) => c.mediaType === type);
    if (!documented || !media?.schemaPointer) {
      const why = !documented
        ? `status ${response.status} is undocumented`
        : !media
          ? `no schema for ${type ?? 'a response without Content-Type'}`
          : `no schema documented for ${type}`;
      const title = !documented ? 'Undocumented status' : 'No schema for the media type';
      return [notValidated(NAME, id, title, `Body not validated: ${why}`)];
    }
    let data: unknown = response.body;
    if (isJsonMedia(type)) {
      const parsed = parseJson(response.body);
      if (!parsed.ok) {
        return [
          finding(
            NAME,
            id,
            'error',
            'Body is not valid JSON',
            `Received: ${excerpt(JSON.stringify(response.body))} (${parsed.error}) / Documented: ${type}`,
          ),
        ];
      }
      data = parsed.value;
    }
    const violations = ctx.validators.validate(media.schemaPointer, data);
    const out: Finding[] = violations
      .slice(0, MAX_VIOLATIONS)
      .map((v) =>
        finding(
          NAME,
          id,
          'error',
          'Response body violates the schema',
          `At ${v.pointer || '/'}: Received: ${excerpt(JSON.stringify(v.received) ?? 'nothing', 120)} / Documented: ${v.documented} (schema ${v.schemaPath})`,
        ),
      );
    if (violations.length > MAX_VIOLATIONS) {
      out.push(
        finding(
          NAME,
          id,
          'error',
          'Response body violates the schema',
          `${violations.length - MAX_VIOLATIONS} further violations not listed`,
        ),
      );
    }
    return out;
  },
};
