import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '../../core/json.ts';
import { enumerateOperations } from '../../spec/enumerate-operations.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { createRouter } from '../../spec/path-router.ts';
import { createValidators } from '../../spec/validators.ts';
import { activeFaults, bend } from '../faults.ts';
import { methodNotAllowed } from '../method-not-allowed.ts';
import { type RunningMock, startMockServer } from '../mock-server.ts';
import { json, type MockApp, type MockResponse } from '../mock-types.ts';
import { TASKBOARD_FAULTS } from './faults.ts';
import { NOT_FOUND, problem, TASKBOARD_HANDLERS } from './handlers.ts';
import { createState, type LagSettings } from './state.ts';

/** The Taskboard document, which the fixture routes by, validates request bodies with and serves. */
export const TASKBOARD_SPEC_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../specs/taskboard.openapi.yaml',
);
/** Where the fixture serves its document. */
export const TASKBOARD_SPEC_ROUTE = '/openapi.json';

/** Options of the Taskboard fixture. */
export interface TaskboardOptions extends Partial<LagSettings> {
  /** The bearer token it accepts. */
  readonly token: string;
  /** Names from TASKBOARD_FAULTS that make it non-conforming on purpose. */
  readonly faults?: readonly string[];
  /** Where compiled request validators are kept between runs (the run's state directory); none: memory only. */
  readonly validatorCache?: string;
}

const UNAUTHORIZED: MockResponse = json(401, {
  code: 'unauthorized',
  message: 'A valid bearer token is required',
});

/**
 * The Taskboard as an app: bearer auth, routing and body validation by its own document, an empty start, and a
 * read model 150 ms (×0.5–1.5, seeded) behind its writes by default.
 */
export async function createTaskboardMock(options: TaskboardOptions): Promise<MockApp> {
  const spec = await loadSpec(TASKBOARD_SPEC_PATH);
  const operations = new Map(enumerateOperations(spec).map((op) => [op.id, op]));
  const router = createRouter(spec.doc.paths ?? {});
  const validators = createValidators(spec, { cacheDir: options.validatorCache });
  const state = createState({ lagMs: options.lagMs ?? 150, ...(options.seed ? { seed: options.seed } : {}) });
  const faults = activeFaults(TASKBOARD_FAULTS, options.faults ?? [], 'taskboard');
  return {
    close: validators.keep,
    handle(req) {
      if (req.method === 'GET' && req.path === TASKBOARD_SPEC_ROUTE) {
        const base = `http://${req.headers.host ?? '127.0.0.1'}/`;
        return json(200, { ...spec.doc, servers: [{ url: base }] });
      }
      const route = router.match(req.method, req.path);
      const op = route && operations.get(route.operationId);
      const handler = route && TASKBOARD_HANDLERS[route.operationId];
      if (!route || !op || !handler)
        return (
          methodNotAllowed(router, req.path, (status, message) =>
            problem(status, 'method_not_allowed', message),
          ) ?? NOT_FOUND
        );
      const routed = { ...req, params: route.params };
      const bent = faults.filter((f) => f.operation === route.operationId);
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return bend(faults, bent, UNAUTHORIZED, routed);
      const pointer = op.requestBody?.content.find((c) => c.mediaType === 'application/json')?.schemaPointer;
      if (pointer) {
        const parsed = parseJson(req.body || 'null');
        const [violation] = parsed.ok ? validators.validate(pointer, parsed.value) : [undefined];
        if (!parsed.ok || violation)
          return json(400, {
            code: 'invalid_body',
            message: parsed.ok ? `${violation?.pointer || '/'} ${violation?.documented}` : parsed.error,
          });
      }
      return bend(faults, bent, handler(routed, state), routed);
    },
  };
}

/** Starts the Taskboard fixture on loopback. */
export async function startTaskboardMock(options: TaskboardOptions): Promise<RunningMock> {
  return startMockServer(await createTaskboardMock(options));
}
