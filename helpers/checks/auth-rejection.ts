import { authorizationValue } from '../config/target.ts';
import type { OutgoingRequest } from '../core/exchange.ts';
import { isBodyless } from '../core/exchange.ts';
import { finding } from '../core/finding.ts';
import { parseJson } from '../core/json.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { errorShapeProblems, received } from './check-helpers.ts';

const NAME = 'auth';

/** A change of the request's credential header: removed (`undefined`) or set to a value. */
export function withCredential(header: string, value: string | undefined) {
  return (req: OutgoingRequest): OutgoingRequest => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== header.toLowerCase()),
    );
    return { ...req, headers: value === undefined ? headers : { ...headers, [header]: value } };
  };
}

/** The four ways a request can fail to authenticate; each must be refused. */
function variants(ctx: CheckContext): Variant[] {
  const { credential } = ctx;
  const set = (value: string | undefined) => withCredential(credential.header, value);
  const otherScheme = credential.scheme.toLowerCase() === 'bearer' ? 'token' : 'Bearer';
  return [
    { name: 'no-credentials', change: set(undefined) },
    { name: 'malformed-credential', change: set(credential.scheme || 'malformed') },
    { name: 'wrong-scheme', change: set(`${otherScheme} ${credential.value}`) },
    {
      name: 'unknown-credential',
      change: set(authorizationValue({ ...credential, value: `conformance-unknown-${ctx.target.runId}` })),
    },
  ];
}

const REFUSALS = [401, 403];

/**
 * Statuses that refuse a credential on this operation: the profile's per-operation list; else 401 and 403 as
 * far as the operation documents them (APIs answer 403 to a missing token and 401 to an unknown one, and
 * document both); else the profile's `rejectStatuses` (401 by default).
 */
export function rejectStatusesFor(ctx: CheckContext): readonly number[] {
  const auth = ctx.target.profile.auth;
  const own = auth?.operations?.[ctx.operation.id]?.rejectStatuses;
  if (own) return own;
  const documented = REFUSALS.filter((s) => ctx.operation.responses.some((r) => r.status === String(s)));
  return documented.length > 0 ? documented : (auth?.rejectStatuses ?? [401]);
}

/** `auth`: a request without a valid credential is refused with the profile's status and error shape. */
export const authRejection: Check = {
  name: NAME,
  description:
    'Missing, malformed, wrong-scheme and unknown credentials are refused with the documented status and error body.',
  notApplicable: (ctx) => (ctx.requiresAuth ? undefined : 'the operation needs no credential'),
  variants,
  verify(ctx, exchanges) {
    const statuses = rejectStatusesFor(ctx);
    const expectedMessage = ctx.target.profile.auth?.message;
    const out = [];
    for (const { name } of variants(ctx)) {
      const exchange = exchanges.variants.get(name);
      if (!exchange) continue;
      const status = exchange.response?.status;
      if (status === undefined || !statuses.includes(status)) {
        out.push(
          finding(
            NAME,
            ctx.operation.id,
            'error',
            `Not refused: ${name}`,
            `Received: ${received(exchange)} for a request with ${name.replace(/-/g, ' ')} / Documented: ${statuses.join(' or ')}`,
            name,
          ),
        );
        continue;
      }
      const problems = errorShapeProblems(ctx, exchange);
      if (problems.length > 0) {
        out.push(
          finding(
            NAME,
            ctx.operation.id,
            'error',
            'Error body of the wrong shape',
            `Received: ${status} with ${problems.join('; ')} / Documented: the profile's error shape`,
            name,
          ),
        );
        continue;
      }
      const body = exchange.response ? parseJson(exchange.response.body) : undefined;
      const message = body?.ok ? (body.value as { message?: unknown } | null)?.message : undefined;
      if (expectedMessage !== undefined && !isBodyless(exchange) && message !== expectedMessage) {
        out.push(
          finding(
            NAME,
            ctx.operation.id,
            'error',
            'Unexpected error message',
            `Received: message ${JSON.stringify(message)} / Documented: ${JSON.stringify(expectedMessage)}`,
            name,
          ),
        );
      }
    }
    return out;
  },
};
