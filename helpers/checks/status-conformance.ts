import { finding } from '../core/finding.ts';
import { responseFor } from '../spec/operation.ts';
import type { Check } from './check.ts';
import { received } from './check-helpers.ts';

const NAME = 'status';

/** `status`: the answer's status code is documented for the operation (or by `default`), and is not a 5xx. */
export const statusConformance: Check = {
  name: NAME,
  description:
    'The status code is documented for the operation (or covered by default) and is not a server error.',
  verify(ctx, { baseline }) {
    const id = ctx.operation.id;
    if (!baseline) return [];
    const documented = ctx.operation.responses.map((r) => r.status).join(', ');
    const response = baseline.response;
    if (!response) {
      return [
        finding(
          NAME,
          id,
          'error',
          'No response',
          `Received: ${received(baseline)} / Documented: ${documented}`,
        ),
      ];
    }
    if (response.status >= 500) {
      return [
        finding(
          NAME,
          id,
          'error',
          'Server error',
          `Received: ${received(baseline)} / Documented: ${documented}; a 5xx is never conformant`,
        ),
      ];
    }
    if (!responseFor(ctx.operation, response.status)) {
      return [
        finding(
          NAME,
          id,
          'error',
          'Undocumented status code',
          `Received: ${response.status} / Documented: ${documented}`,
        ),
      ];
    }
    return [];
  },
};
