import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atPointer } from '../../core/json.ts';
import { parseYamlCached } from '../../core/yaml-cache.ts';
import { enumerateOperations } from '../../spec/enumerate-operations.ts';
import type { SpecDocument } from '../../spec/load-spec.ts';
import { createRouter } from '../../spec/path-router.ts';
import { createValidators } from '../../spec/validators.ts';
import { PULUMI_CHAOS } from '../chaos.ts';
import { activeFaults, bend, faultyRoute } from '../faults.ts';
import { methodNotAllowed } from '../method-not-allowed.ts';
import { type RunningMock, startMockServer } from '../mock-server.ts';
import { json, type MockApp, type MockResponse } from '../mock-types.ts';
import { queryProblem, requestBodyProblem } from '../request-validation.ts';
import { PULUMI_FAULTS } from './faults.ts';
import { PULUMI_HANDLERS } from './handlers.ts';
import { badRequest } from './responses.ts';
import { seedState } from './state.ts';

/** Path of the project's Pulumi document, which the mock routes by and serves. */
export const PULUMI_SPEC_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../specs/pulumi.openapi.yaml',
);
/** Where Pulumi Cloud serves its spec. */
export const PULUMI_SPEC_ROUTE = '/api/openapi/pulumi-spec.json';

const UNAUTHORIZED: MockResponse = json(401, {
  code: 401,
  message: 'Unauthorized: No credentials provided or are invalid.',
});
const NOT_FOUND: MockResponse = { status: 404, text: '404 page not found' };
const PUBLIC = new Set(['Version']);

/** Options of the Pulumi mock. */
export interface PulumiMockOptions {
  /** The token it accepts (`Authorization: token <accessToken>`). */
  readonly accessToken: string;
  /** Names from PULUMI_FAULTS that make the mock non-conforming on purpose. */
  readonly faults?: readonly string[];
  /** Misbehave on the wire (resets, stalls, broken JSON, 503 bursts, 429s): PULUMI_CHAOS. */
  readonly chaos?: boolean;
  /** Where compiled request validators are kept between runs (the run's state directory); none: memory only. */
  readonly validatorCache?: string;
}

/** Accept: application/vnd.pulumi+N, N from 1 to 9; a missing or generic Accept gets the default version. */
function acceptProblem(accept: string | undefined): MockResponse | undefined {
  const version = accept?.match(/application\/vnd\.pulumi\+(\d+)/)?.[1];
  if (version === undefined) return undefined;
  const n = Number(version);
  return n >= 1 && n <= 9
    ? undefined
    : json(400, { code: 400, message: `Bad Request: unsupported API version ${n}` });
}

/** The Pulumi Cloud mock as an app: token auth, Accept versions, routing by its spec, stateful handlers. */
export function createPulumiMock(options: PulumiMockOptions): MockApp {
  const doc = parseYamlCached(readFileSync(PULUMI_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const specJson = JSON.stringify(doc);
  const router = createRouter(doc.paths);
  // Bodies are validated against the document, as a server generated from it does (the real API refuses them too).
  const spec: SpecDocument = {
    source: PULUMI_SPEC_PATH,
    openapi: '3.0',
    doc,
    resolve: (ref) => atPointer(doc, ref.slice(1)),
  };
  const validators = createValidators(spec, { cacheDir: options.validatorCache });
  const operations = new Map(enumerateOperations(spec).map((op) => [op.id, op]));
  const state = seedState(options.accessToken);
  const faults = activeFaults(PULUMI_FAULTS, options.faults ?? [], 'pulumi');
  return {
    close: validators.keep,
    handle(req) {
      if (req.method === 'GET' && req.path === PULUMI_SPEC_ROUTE) {
        return { status: 200, text: specJson, headers: { 'content-type': 'application/json' } };
      }
      const route = router.match(req.method, req.path) ?? faultyRoute(router, faults, req.path);
      if (!route)
        return (
          methodNotAllowed(router, req.path, (code, message) => json(code, { code, message })) ?? NOT_FOUND
        );
      const handler = PULUMI_HANDLERS[route.operationId];
      if (!handler) return NOT_FOUND;
      const bent = faults.filter((f) => f.operation === route.operationId);
      if (!PUBLIC.has(route.operationId) && !bent.some((f) => f.auth === 'ignore')) {
        const scheme = bent.some((f) => f.auth === 'any-scheme') ? '\\w+' : 'token';
        const token = req.headers.authorization?.match(new RegExp(`^${scheme} (\\S+)$`))?.[1];
        const anyToken = bent.some((f) => f.auth === 'any-token') && token !== undefined;
        if (!anyToken && (!token || !state.validTokens.has(token)))
          return bend(faults, bent, UNAUTHORIZED, { ...req, params: route.params });
      }
      const rejected = acceptProblem(req.headers.accept);
      if (rejected) return rejected;
      const routed = { ...req, params: route.params };
      const op = operations.get(route.operationId);
      const problem =
        op &&
        requestBodyProblem(op, validators, req.body, new Set(bent.flatMap((f) => f.ignoresInvalid ?? [])));
      const badQuery = op && queryProblem(op, validators, req.query);
      if (badQuery) return bend(faults, bent, badRequest(badQuery), routed);
      if (problem) {
        const why =
          problem.kind === 'schema'
            ? `${problem.violation.pointer || '/'} ${problem.violation.documented}`
            : 'the body is not JSON';
        return bend(faults, bent, badRequest(why), routed);
      }
      const answer = bend(faults, bent, handler(routed, state), routed);
      return { ...answer, headers: { 'x-pulumi-request-id': `req-${state.nextId++}`, ...answer.headers } };
    },
  };
}

/** Starts the Pulumi mock on loopback. */
export function startPulumiMock(options: PulumiMockOptions): Promise<RunningMock> {
  return startMockServer(createPulumiMock(options), '', options.chaos ? PULUMI_CHAOS : []);
}
