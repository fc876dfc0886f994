import type { CheckContext, OperationExchanges } from '../checks/check.ts';
import type { Profile } from '../config/profile.ts';
import type { Target } from '../config/target.ts';
import type { Exchange, RecordedResponse } from '../core/exchange.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import type { SpecDocument } from '../spec/load-spec.ts';
import { createValidators } from '../spec/validators.ts';

/** A small OpenAPI 3.0 document with one read and one write, for check tests. */
export const TINY_SPEC = {
  openapi: '3.0.3',
  info: { title: 'Tiny', version: '1' },
  paths: {
    '/things/{thingId}': {
      get: {
        operationId: 'GetThing',
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'A thing',
            headers: { 'X-Request-Id': { required: true, schema: { type: 'string' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': { description: 'Not found' },
        },
      },
    },
    '/things': {
      post: {
        operationId: 'CreateThing',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: {
          '201': {
            description: 'Created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          created: { type: 'string', format: 'date-time' },
          note: { type: 'string', nullable: true },
        },
      },
    },
  },
};

const resolveRef = (doc: Record<string, unknown>) => (ref: string) =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      doc,
    );

/** A SpecDocument over an in-memory document (internal refs only). */
export function specOf(doc: Record<string, unknown>): SpecDocument {
  return {
    source: 'memory',
    openapi: String(doc.openapi).startsWith('3.1') ? '3.1' : '3.0',
    doc,
    resolve: resolveRef(doc),
  };
}

/** A profile in the Pulumi style (token scheme, Accept policy, error shape) for check tests. */
export const TEST_PROFILE: Profile = {
  name: 'tiny',
  dir: '.',
  spec: { path: 'memory' },
  credential: { header: 'Authorization', scheme: 'token', env: 'TINY_TOKEN' },
  requiredHeaders: [
    {
      name: 'Accept',
      value: 'application/vnd.tiny+8',
      absent: { policy: 'tolerate' },
      unsupported: { policy: 'reject', value: 'application/vnd.tiny+0', statuses: [400] },
    },
  ],
  auth: { rejectStatuses: [401], message: 'Unauthorized' },
  errorShape: {
    schema: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' } },
    },
  },
};

/** A mock-bound target of the test profile. */
export const TEST_TARGET: Target = {
  profile: TEST_PROFILE,
  live: false,
  baseUrl: 'http://127.0.0.1:4010/v1',
  specSource: 'memory',
  credential: { header: 'Authorization', scheme: 'token', value: 'secret-token-123', env: 'TINY_TOKEN' },
  extraCredentials: {},
  headers: { Accept: 'application/vnd.tiny+8' },
  writesAllowed: true,
  runId: 'test',
  secrets: [{ value: 'secret-token-123', name: 'TINY_TOKEN' }],
};

/** The check context of one operation of the tiny spec. */
export function contextFor(operationId: string, target: Target = TEST_TARGET): CheckContext {
  const spec = specOf(TINY_SPEC);
  const operations = enumerateOperations(spec);
  const operation = operations.find((o) => o.id === operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  return {
    operation,
    target,
    validators: createValidators(spec),
    requiresAuth: true,
    credential: target.credential,
    acceptsDefault: true,
    operationById: (id) => operations.find((o) => o.id === id),
    spec,
    generation: { seed: 7, examples: 3 },
    documentedPaths: Object.keys(TINY_SPEC.paths),
  };
}

/** A JSON response. */
export const jsonResponse = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): RecordedResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** An exchange of GetThing with the given response and request overrides. */
export function exchange(
  response: RecordedResponse | undefined,
  overrides: Partial<Exchange> = {},
): Exchange {
  return {
    operation: 'GetThing',
    purpose: { kind: 'baseline' },
    label: 'baseline',
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:4010/v1/things/t1',
      headers: { Accept: 'application/vnd.tiny+8', Authorization: 'token $TINY_TOKEN' },
    },
    ...(response ? { response } : { error: 'ECONNRESET: socket hang up' }),
    startedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 3,
    ...overrides,
  };
}

/** Exchanges with a baseline, named variants and, for variants that follow `rel="next"`, their pages. */
export const exchanges = (
  baseline: Exchange | undefined,
  variants: Record<string, Exchange> = {},
  pages: Record<string, readonly Exchange[]> = {},
): OperationExchanges => ({
  ...(baseline ? { baseline } : {}),
  variants: new Map(Object.entries(variants)),
  pages: new Map(Object.entries(pages)),
});

/** A valid Thing body with its required response header. */
export const GOOD_THING = jsonResponse(
  200,
  { id: 't1', name: 'One', created: '2026-01-01T00:00:00Z', note: null },
  { 'x-request-id': 'r1' },
);
