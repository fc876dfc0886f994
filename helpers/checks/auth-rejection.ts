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

/** `auth`: a request without a valid credential is refused with the profile's status and error shape. */
export const authRejection: Check = {
  name: NAME,
  description:
    'Missing, malformed, wrong-scheme and unknown credentials are refused with the documented status and error body.',
  notApplicable: (ctx) => (ctx.requiresAuth ? undefined : 'the operation needs no credential'),
  variants,
  verify(ctx, exchanges) {
    const statuses = ctx.target.profile.auth?.rejectStatuses ?? [401];
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
