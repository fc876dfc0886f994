import { sample } from 'openapi-sampler';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import type { SpecDocument } from '../spec/load-spec.ts';
import { createRouter } from '../spec/path-router.ts';
import { methodNotAllowed } from './method-not-allowed.ts';
import type { MockApp, MockResponse } from './mock-types.ts';

/**
 * A mock of any spec: every operation answers its first documented 2xx with a body sampled from its schema
 * (openapi-sampler), so a conforming client sees schema-valid answers. No state, no auth: for benchmarks and
 * for trying the suite against a spec before the API exists.
 */
export function createSpecDrivenMock(spec: SpecDocument): MockApp {
  const router = createRouter(spec.doc.paths ?? {});
  const answers = new Map<string, MockResponse>();
  for (const op of enumerateOperations(spec)) {
    const ok = op.responses.find((r) => /^2\d\d$/.test(r.status));
    const media = ok?.content.find((c) => c.mediaType === 'application/json' && c.schema);
    const status = Number(ok?.status ?? 200);
    answers.set(
      op.id,
      media?.schema
        ? {
            status,
            json: sample(media.schema as never, { skipWriteOnly: true, quiet: true }, spec.doc as never),
          }
        : { status },
    );
  }
  return {
    handle(req) {
      const route = router.match(req.method, req.path);
      if (!route)
        return (
          methodNotAllowed(router, req.path, (status, message) => ({ status, text: message })) ?? {
            status: 404,
            text: '404 page not found',
          }
        );
      return answers.get(route.operationId) ?? { status: 404, text: '404 page not found' };
    },
  };
}
