import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enumerateOperations } from '../../spec/enumerate-operations.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import type { Operation } from '../../spec/operation.ts';
import { createRouter } from '../../spec/path-router.ts';
import { createValidators } from '../../spec/validators.ts';
import { activeFaults, bend, faultyRoute } from '../faults.ts';
import { methodNotAllowed } from '../method-not-allowed.ts';
import { type RunningMock, startMockServer } from '../mock-server.ts';
import { json, type MockApp, type MockRequest, type MockResponse } from '../mock-types.ts';
import { queryProblem, requestBodyProblem } from '../request-validation.ts';
import { AUTH_HANDLERS } from './auth-handlers.ts';
import { CP_BASE_PATH, DOMAIN_HANDLERS } from './domain-handlers.ts';
import { CLOUDPIRATES_FAULTS } from './faults.ts';
import { notFound, unauthorized } from './responses.ts';
import { type CpMockOptions, type CpState, seedCpState } from './state.ts';

/** The project's CloudPirates document, which the mock routes by, validates bodies with and serves. */
export const CLOUDPIRATES_SPEC_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../specs/cloudpirates.openapi.yaml',
);
/** Where the mock serves its document (outside the /v1 API, like the portal's docs). */
export const CLOUDPIRATES_SPEC_ROUTE = '/docs/openapi.json';

const HANDLERS = { ...AUTH_HANDLERS, ...DOMAIN_HANDLERS };
type Caller = 'ApiKeyAuth' | 'BearerAuth' | undefined;

function callerOf(req: Omit<MockRequest, 'params'>, s: CpState): Caller {
  const [scheme, secret = ''] = (req.headers.authorization ?? '').split(' ', 2);
  if (
    scheme === 'ApiKey' &&
    (secret === s.fixed.apiKey || [...s.apiKeys.values()].some((k) => k.secret === secret))
  )
    return 'ApiKeyAuth';
  if (scheme === 'Bearer' && s.accessTokens.has(secret)) return 'BearerAuth';
  return undefined;
}

/** 401 for no valid credential; 403 when the credential is valid but of a scheme the operation refuses. */
function authProblem(op: Operation, security: unknown, caller: Caller): MockResponse | undefined {
  const requirements = (op.security ?? security ?? []) as Record<string, unknown>[];
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) return undefined;
  const authService = op.path.startsWith('/auth/');
  if (!caller)
    return authService ? json(401, { code: 'UNAUTHORIZED', message: 'Unauthorized' }) : unauthorized;
  if (requirements.some((r) => caller in r)) return undefined;
  return json(403, {
    code: 'API_KEY_NOT_ALLOWED',
    message: 'This endpoint cannot be called with an API key',
  });
}

/**
 * The CloudPirates API as an event-sourced app: commands append events, two projectors (read model, permissions)
 * follow after a jittered lag, queries see only what is projected; request bodies are validated with the spec.
 */
export async function createCloudPiratesMock(options: CpMockOptions): Promise<MockApp> {
  const spec = await loadSpec(CLOUDPIRATES_SPEC_PATH);
  const operations = new Map(enumerateOperations(spec).map((op) => [op.id, op]));
  const validators = createValidators(spec, { cacheDir: options.validatorCache });
  const router = createRouter(spec.doc.paths ?? {});
  const specJson = JSON.stringify(spec.doc);
  const state = seedCpState(options);
  const faults = activeFaults(CLOUDPIRATES_FAULTS, options.faults ?? [], 'cloudpirates');
  return {
    close: validators.keep,
    handle(req) {
      if (req.method === 'GET' && req.path === CLOUDPIRATES_SPEC_ROUTE)
        return { status: 200, text: specJson, headers: { 'content-type': 'application/json' } };
      if (!req.path.startsWith(`${CP_BASE_PATH}/`)) return notFound;
      const path = req.path.slice(CP_BASE_PATH.length);
      const route = router.match(req.method, path) ?? faultyRoute(router, faults, path);
      if (!route)
        return (
          methodNotAllowed(router, path, (status, message) => json(status, { status, message })) ?? notFound
        );
      const op = operations.get(route.operationId);
      const handler = HANDLERS[route.operationId];
      if (!op || !handler) return notFound;
      const bent = faults.filter((f) => f.operation === route.operationId);
      const routed = { ...req, params: route.params };
      const caller = callerOf(req, state);
      const refused =
        bent.some((f) => f.auth === 'any-scheme') && caller
          ? undefined
          : authProblem(op, spec.doc.security, caller);
      if (refused) return bend(faults, bent, refused, routed);
      const badQuery = queryProblem(op, validators, req.query);
      if (badQuery) return bend(faults, bent, json(400, { status: 400, message: badQuery }), routed);
      const ignored = new Set(bent.flatMap((f) => f.ignoresInvalid ?? []));
      const problem = requestBodyProblem(op, validators, req.body, ignored);
      if (problem?.kind === 'not-json') {
        const notObject = { schemaPath: '#/type', keyword: 'type', params: { type: 'object' } };
        return bend(
          faults,
          bent,
          json(400, { status: 400, instancePath: '', ...notObject, message: 'must be object' }),
          routed,
        );
      }
      if (problem) {
        const { pointer: instancePath, schemaPath, keyword, params, documented: message } = problem.violation;
        return bend(
          faults,
          bent,
          json(400, { status: 400, instancePath, schemaPath, keyword, params, message }),
          routed,
        );
      }
      return bend(faults, bent, handler(routed, state), routed);
    },
  };
}

/** Starts the CloudPirates mock on loopback; its base URL ends in /v1 like the real API's. */
export async function startCloudPiratesMock(options: CpMockOptions): Promise<RunningMock> {
  return startMockServer(await createCloudPiratesMock(options), CP_BASE_PATH);
}
