import { authorizationValue } from '../config/target.ts';
import { type Finding, finding } from '../core/finding.ts';
import { withCredential } from './auth-rejection.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { errorShapeProblems, received } from './check-helpers.ts';

const NAME = 'scheme';

function variants(ctx: CheckContext): Variant[] {
  const fallback = ctx.target.credential;
  return [{ name: 'default-credential', change: withCredential(fallback, authorizationValue(fallback)) }];
}

/**
 * `scheme`: an operation whose spec `security` asks for another scheme (CloudPirates' change-password wants an
 * interactive Bearer token) refuses the profile's default credential, and accepts the one it asks for.
 */
export const otherSchemeRefusal: Check = {
  name: NAME,
  description:
    'Operations that require another security scheme refuse the default credential and accept the one they require.',
  needsBaseline: false,
  notApplicable: (ctx) =>
    !ctx.requiresAuth
      ? 'the operation needs no credential'
      : ctx.acceptsDefault
        ? 'the operation accepts the default credential'
        : undefined,
  variants,
  verify(ctx, exchanges) {
    const id = ctx.operation.id;
    const statuses = ctx.target.profile.auth?.otherSchemeStatuses ??
      ctx.target.profile.auth?.rejectStatuses ?? [401];
    const out: Finding[] = [];
    const probe = exchanges.variants.get('default-credential');
    const scheme = ctx.target.credential.scheme || ctx.target.credential.header;
    if (probe) {
      const status = probe.response?.status;
      if (status === undefined || !statuses.includes(status)) {
        out.push(
          finding(
            NAME,
            id,
            'error',
            `${scheme} credential not refused`,
            `Received: ${received(probe)} for a request with the ${scheme} credential / Documented: ${statuses.join(' or ')}, the operation's security does not accept it`,
            probe.label,
          ),
        );
      } else {
        const problems = errorShapeProblems(ctx, probe);
        if (problems.length > 0)
          out.push(
            finding(
              NAME,
              id,
              'error',
              'Error body of the wrong shape',
              `Received: ${status} with ${problems.join('; ')} / Documented: the profile's error shape`,
              probe.label,
            ),
          );
      }
    }
    const baseline = exchanges.baseline;
    if (!baseline) {
      out.push(
        finding(
          NAME,
          id,
          'note',
          'Acceptance not checked',
          'The credential the operation requires is not configured, so only the refusal was checked',
        ),
      );
    } else if (baseline.response && [401, 403].includes(baseline.response.status)) {
      out.push(
        finding(
          NAME,
          id,
          'error',
          'Required credential refused',
          `Received: ${received(baseline)} with the ${ctx.credential.scheme} credential the operation's security asks for / Documented: accepted`,
        ),
      );
    }
    return out;
  },
};
