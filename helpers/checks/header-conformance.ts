import type { HeaderPolicy } from '../config/profile.ts';
import type { OutgoingRequest } from '../core/exchange.ts';
import { header, mediaType } from '../core/exchange.ts';
import { type Finding, finding } from '../core/finding.ts';
import { isWrite, responseFor } from '../spec/operation.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';

const NAME = 'headers';

const without =
  (name: string) =>
  (req: OutgoingRequest): OutgoingRequest => ({
    ...req,
    headers: Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
    ),
  });
const replaced =
  (name: string, value: string) =>
  (req: OutgoingRequest): OutgoingRequest => ({
    ...req,
    headers: { ...without(name)(req).headers, [name]: value },
  });

interface PolicyProbe {
  readonly variant: Variant;
  readonly header: string;
  readonly policy: HeaderPolicy;
  readonly what: string;
}

/** Probes of the profile's header policies; sent on safe operations only, so a tolerated probe writes nothing. */
function probes(ctx: CheckContext): PolicyProbe[] {
  if (isWrite(ctx.operation)) return [];
  return (ctx.target.profile.requiredHeaders ?? []).flatMap((h) => [
    ...(h.absent
      ? [
          {
            variant: { name: `absent-${h.name.toLowerCase()}`, change: without(h.name) },
            header: h.name,
            policy: h.absent,
            what: `no ${h.name}`,
          },
        ]
      : []),
    ...(h.unsupported?.value
      ? [
          {
            variant: {
              name: `unsupported-${h.name.toLowerCase()}`,
              change: replaced(h.name, h.unsupported.value),
            },
            header: h.name,
            policy: h.unsupported,
            what: `${h.name}: ${h.unsupported.value}`,
          },
        ]
      : []),
  ]);
}

/**
 * A tolerated header's absence is judged against the answer with the header: the same status means the API
 * did not mind (a read that answers 404 with Accept and 404 without it tolerated the missing Accept).
 */
function tolerated(status: number | undefined, withHeader: number | undefined): boolean {
  if (status === undefined) return false;
  return (status >= 200 && status < 300) || status === withHeader;
}

function policyFindings(
  ctx: CheckContext,
  probe: PolicyProbe,
  status: number | undefined,
  got: string,
  withHeader: number | undefined,
): Finding[] {
  const id = ctx.operation.id;
  const name = probe.variant.name;
  if (probe.policy.policy === 'tolerate') {
    const asWith = withHeader === undefined ? '2xx' : `2xx or ${withHeader}, as with ${probe.header}`;
    return tolerated(status, withHeader)
      ? []
      : [
          finding(
            NAME,
            id,
            'error',
            `Request with ${probe.what} not tolerated`,
            `Received: ${got} / Documented: the profile tolerates ${probe.what} (${asWith})`,
            name,
          ),
        ];
  }
  const statuses = probe.policy.statuses ?? [400, 406, 415];
  return status !== undefined && statuses.includes(status)
    ? []
    : [
        finding(
          NAME,
          id,
          'error',
          `Request with ${probe.what} not rejected`,
          `Received: ${got} / Documented: ${statuses.join(' or ')}`,
          name,
        ),
      ];
}

/** `headers`: required request headers sent, response Content-Type and headers as documented, header policies kept. */
export const headerConformance: Check = {
  name: NAME,
  description:
    'Requests carry the required headers; responses carry a documented Content-Type and required headers; missing or unsupported Accept follows the profile.',
  judgesEachAnswer: true,
  variants: (ctx) => probes(ctx).map((p) => p.variant),
  verify(ctx, exchanges) {
    const id = ctx.operation.id;
    const out: Finding[] = [];
    const baseline = exchanges.baseline;
    if (baseline) {
      for (const [name, value] of Object.entries(ctx.target.headers)) {
        const sent = header(baseline.request.headers, name);
        const bodyType = name.toLowerCase() === 'content-type' && baseline.request.body !== undefined;
        if (sent === undefined || (!bodyType && sent !== value)) {
          out.push(
            finding(
              NAME,
              id,
              'error',
              `Required request header ${name} not sent`,
              `Received: ${name}: ${sent ?? '(absent)'} / Documented: ${name}: ${value}`,
            ),
          );
        }
      }
    }
    const response = baseline?.response;
    const documented = response ? responseFor(ctx.operation, response.status) : undefined;
    if (response && documented) {
      const type = mediaType(header(response.headers, 'content-type'));
      const types = documented.content.map((c) => c.mediaType);
      const hasBody = response.body.length > 0;
      if (types.length > 0 && hasBody && (type === undefined || !types.includes(type))) {
        out.push(
          finding(
            NAME,
            id,
            'error',
            'Undocumented Content-Type',
            `Received: ${response.status} with Content-Type ${type ?? '(absent)'} / Documented: ${types.join(', ')}`,
          ),
        );
      }
      for (const h of documented.headers.filter((x) => x.required)) {
        if (header(response.headers, h.name) === undefined) {
          out.push(
            finding(
              NAME,
              id,
              'error',
              `Required response header ${h.name} missing`,
              `Received: ${response.status} without ${h.name} / Documented: ${h.name} (required)`,
            ),
          );
        }
      }
    }
    for (const probe of probes(ctx)) {
      const exchange = exchanges.variants.get(probe.variant.name);
      if (exchange)
        out.push(
          ...policyFindings(ctx, probe, exchange.response?.status, received(exchange), response?.status),
        );
    }
    return out;
  },
};
