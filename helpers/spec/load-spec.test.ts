import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupError } from '../core/errors.ts';
import { enumerateOperations } from './enumerate-operations.ts';
import { loadSpec } from './load-spec.ts';
import { createValidators } from './validators.ts';

const REAL_SPEC = '../shared/reference/pulumi-spec.json';
const dir = mkdtempSync(join(tmpdir(), 'spec-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return `${(error as SetupError).code}: ${(error as Error).message}`;
  }
  return 'no error';
};

describe.skipIf(!existsSync(REAL_SPEC))("Pulumi's published spec", () => {
  it('loads, enumerates all 619 operations and compiles every response validator', async () => {
    const spec = await loadSpec(REAL_SPEC);
    const operations = enumerateOperations(spec);
    expect(spec.openapi).toBe('3.0');
    expect(operations).toHaveLength(619);
    expect(new Set(operations.map((o) => o.id)).size).toBe(619);
    const validators = createValidators(spec);
    const pointers = operations.flatMap((o) =>
      o.responses.flatMap((r) => r.content.flatMap((c) => (c.schemaPointer ? [c.schemaPointer] : []))),
    );
    for (const pointer of pointers) validators.validate(pointer, null);
    expect(pointers.length).toBe(453);
    // 392 of them are bare references to 224 components; the inline ones without references repeat themselves.
    expect(validators.compiled()).toBe(250);
  });
});

describe('loadSpec', () => {
  it('bundles external refs of a YAML file, reads 3.1 and skips internal operations', async () => {
    write(
      'schemas.yaml',
      'Thing:\n  type: object\n  required: [id]\n  properties:\n    id: { type: string }\n    label: { type: [string, "null"] }\n',
    );
    const path = write(
      'api.yaml',
      [
        'openapi: 3.1.0',
        'info: { title: T, version: "1" }',
        'paths:',
        '  /things:',
        '    get:',
        '      operationId: ListThings',
        '      responses:',
        "        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: './schemas.yaml#/Thing' } } } } }",
        '    post: { operationId: Hidden, x-internal: true, responses: { "204": { description: ok } } }',
        '    put: { operationId: PulumiInternal, x-pulumi-route-property: { Visibility: Internal }, responses: { "204": { description: ok } } }',
      ].join('\n'),
    );
    const spec = await loadSpec(path);
    const operations = enumerateOperations(spec);
    expect(spec.openapi).toBe('3.1');
    expect(operations.map((o) => o.id)).toEqual(['ListThings']);
    const pointer = operations[0]?.responses[0]?.content[0]?.schemaPointer ?? '';
    const validators = createValidators(spec);
    expect(validators.validate(pointer, [{ id: 'a', label: null }])).toEqual([]);
    expect(
      validators
        .validate(pointer, [{ label: 3 }])
        .map((v) => v.keyword)
        .sort(),
    ).toEqual(['required', 'type']);
  });

  it('uses the 3.0 dialect: nullable and draft-04 boolean exclusiveMinimum', async () => {
    const path = write(
      'v30.json',
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: {
          '/n': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: {
                        type: 'object',
                        properties: {
                          n: { type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
    );
    const spec = await loadSpec(path);
    const [op] = enumerateOperations(spec);
    const pointer = op?.responses[0]?.content[0]?.schemaPointer ?? '';
    const validators = createValidators(spec);
    expect(op?.id).toBe('GET /n');
    expect(validators.validate(pointer, { n: null })).toEqual([]);
    expect(validators.validate(pointer, { n: 1 })).toEqual([]);
    expect(validators.validate(pointer, { n: 0 }).map((v) => v.documented)).toEqual(['must be > 0']);
  });

  it('converts Swagger 2.0 to OpenAPI 3.0', async () => {
    const path = write(
      'swagger.yaml',
      [
        'swagger: "2.0"',
        'info: { title: S, version: "1" }',
        'basePath: /api/v1',
        'produces: [application/json]',
        'paths:',
        '  /things/{id}:',
        '    get:',
        '      operationId: getThing',
        '      parameters: [{ name: id, in: path, required: true, type: string }]',
        "      responses: { '200': { description: ok, schema: { $ref: '#/definitions/Thing' } } }",
        'definitions:',
        '  Thing: { type: object, required: [id], properties: { id: { type: string }, note: { type: string, x-nullable: true } } }',
      ].join('\n'),
    );
    const spec = await loadSpec(path);
    const [op] = enumerateOperations(spec);
    expect(spec).toMatchObject({ openapi: '3.0', convertedFrom: '2.0' });
    expect(op).toMatchObject({ id: 'getThing', path: '/things/{id}' });
    const pointer = op?.responses[0]?.content[0]?.schemaPointer ?? '';
    const validators = createValidators(spec);
    expect(validators.validate(pointer, { id: 'a', note: null })).toEqual([]);
    expect(validators.validate(pointer, { note: 'x' }).map((v) => v.keyword)).toEqual(['required']);
  });

  it('says in one line what is wrong with an unusable spec and which setting to fix', async () => {
    const setting = 'MY_SPEC or spec.path in profile mine';
    const load = (name: string, text?: string) =>
      codeOf(loadSpec(text === undefined ? join(dir, name) : write(name, text), { setting }));
    expect(await load('absent.yaml')).toMatch(
      /^SPEC_UNREADABLE: Cannot read spec file .*absent.yaml \(ENOENT\); check MY_SPEC or spec.path in profile mine\.$/,
    );
    expect(await load('other.json', '{"asyncapi":"2.6.0","channels":{}}')).toMatch(
      /^SPEC_UNREADABLE: Spec .*other.json is not an OpenAPI document \(no openapi or swagger field; top-level keys: asyncapi, channels\); point MY_SPEC or spec.path in profile mine at the API's OpenAPI document\.$/,
    );
    expect(await load('old.json', '{"swagger":"1.2"}')).toContain(
      'is not an OpenAPI document (version "1.2", the suite reads OpenAPI 3.0, 3.1 and Swagger 2.0)',
    );
    expect(await load('broken.yaml', 'openapi: [3')).toMatch(
      /^SPEC_UNREADABLE: Spec .* is not valid JSON or YAML \(.*\); fix it or check MY_SPEC/,
    );
    expect(await load('page.html', '<!doctype html><html><body>Log in</body></html>')).toMatch(
      /^SPEC_UNREADABLE: Spec .*page.html is an HTML page, not an OpenAPI document .*; point MY_SPEC or spec.path in profile mine at the JSON or YAML document\.$/,
    );
    const brokenRef = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
              },
            },
          },
        },
      },
    });
    expect(await load('ref.json', brokenRef)).toMatch(
      /^SPEC_UNREADABLE: Spec .*ref.json: \$ref #\/components\/schemas\/Nope at #\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema does not resolve; fix that reference in the document\.$/,
    );
    for (const message of await Promise.all([load('absent.yaml'), load('ref.json', brokenRef)]))
      expect(message).not.toContain('\n');
  });
});

describe('loadSpec from a URL', () => {
  let url = '';
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/ui')
      res.setHeader('content-type', 'text/html').end('\n<html><body>Swagger UI</body></html>');
    else if (req.url === '/spec.json')
      res.end(JSON.stringify({ openapi: '3.0.3', info: { title: 'Remote', version: '2' }, paths: {} }));
    else res.writeHead(404).end('404 page not found');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the document, and names the status or the failure when it cannot', async () => {
    const spec = await loadSpec(`${url}/spec.json`);
    expect((spec.doc.info as { title: string }).title).toBe('Remote');
    expect(hits).toBe(1);

    expect(await codeOf(loadSpec(`${url}/missing.json`, { setting: 'X_SPEC' }))).toBe(
      `SPEC_UNREADABLE: Spec ${url}/missing.json answered HTTP 404; check X_SPEC.`,
    );
    expect(await codeOf(loadSpec(`${url}/ui`, { setting: 'X_SPEC' }))).toMatch(
      /^SPEC_UNREADABLE: Spec .*\/ui is an HTML page, not an OpenAPI document/,
    );
    expect(await codeOf(loadSpec('http://127.0.0.1:1/spec.json'))).toMatch(
      /^TARGET_UNREACHABLE: Cannot fetch spec http:\/\/127.0.0.1:1\/spec.json/,
    );
  });
});
