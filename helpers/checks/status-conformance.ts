import { type Finding, finding } from '../core/finding.ts';
import { responseFor } from '../spec/operation.ts';
import type { Check } from './check.ts';
import { received } from './check-helpers.ts';

const NAME = 'status';

/** `status`: the answer's status code is documented for the operation (or by `default`), and is not a 5xx. */
export const statusConformance: Check = {
  name: NAME,
  description:
    'The status code is documented for the operation (or covered by default) and is not a server error.',
  judgesEachAnswer: true,
  verify(ctx, { baseline }) {
    const id = ctx.operation.id;
    if (!baseline) return [];
    const documented = ctx.operation.responses.map((r) => r.status).join(', ');
    const response = baseline.response;
    const fail = (title: string, detail = ''): Finding[] => [
      finding(
        NAME,
        id,
        'error',
        title,
        `Received: ${received(baseline)} / Documented: ${documented}${detail}`,
      ),
    ];
    if (!response)
      return fail('No response', baseline.retries ? ` (after retries: ${baseline.retries.join(', ')})` : '');
    // A request that needed retries (a 503 burst, a 429) conforms in the end, but the target misbehaved.
    const retried = baseline.retries
      ? [
          finding(
            NAME,
            id,
            'warning',
            `Answered after ${baseline.retries.length} retries`,
            `Received first: ${baseline.retries.join(', ')}; then ${response.status}`,
          ),
        ]
      : [];
    // A 5xx the operation documents by its exact code is the contract (CloudPirates answers 501 on purpose);
    // any other 5xx, even one covered by `default` or `5XX`, is a server error.
    const exact = ctx.operation.responses.some((r) => r.status === String(response.status));
    if (response.status >= 500 && !exact)
      return fail('Server error', '; an undocumented 5xx is never conformant');
    if (response.status >= 500) {
      return [
        ...retried,
        finding(
          NAME,
          id,
          'note',
          'Documented server error',
          `Received: ${response.status}, which the operation documents`,
        ),
      ];
    }
    return responseFor(ctx.operation, response.status)
      ? retried
      : [...retried, ...fail('Undocumented status code')];
  },
};
