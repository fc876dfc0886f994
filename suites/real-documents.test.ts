import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../helpers/config/env.ts';
import { parseProfile } from '../helpers/config/load-profile.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { type RunningMock, startMockServer } from '../helpers/mocks/mock-server.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { enumerateOperations } from '../helpers/spec/enumerate-operations.ts';
import { loadSpec, type SpecDocument } from '../helpers/spec/load-spec.ts';
import { isWrite } from '../helpers/spec/operation.ts';
import { createValidators } from '../helpers/spec/validators.ts';
import { alertmanagerMissing, specFromBinary } from './real-server/alertmanager.ts';

// Public documents nobody here wrote, from npm packages, the reference folder and a Debian package's binary.
const DOCUMENTS = [
  { name: 'github', source: 'node_modules/@octokit/openapi/generated/api.github.com.json', version: '3.0' },
  { name: 'galaxy', source: 'node_modules/@scalar/galaxy/dist/3.1.json', version: '3.1' },
  { name: 'pulumi', source: '../shared/reference/pulumi-spec.json', version: '3.0' },
  { name: 'alertmanager', source: 'alertmanager-binary', version: '2.0' },
] as const;

/** A failure of the spec-driven run, classified by hand in real-documents.findings.yaml. */
interface Classified {
  readonly document: string;
  readonly failure: string;
  readonly class: 'document' | 'mock-sample';
  readonly why: string;
}
const classified = parse(
  readFileSync(new URL('./real-documents.findings.yaml', import.meta.url), 'utf8'),
) as Classified[];

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Operations counted straight from the raw document, without the suite's enumeration. */
function rawOperationCount(doc: Record<string, unknown>): number {
  let n = 0;
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>))
    for (const [method, op] of Object.entries(item)) {
      const internal =
        (op as { 'x-internal'?: boolean })['x-internal'] === true ||
        (op as { 'x-pulumi-route-property'?: { Visibility?: string } })['x-pulumi-route-property']
          ?.Visibility === 'Internal';
      if (METHODS.has(method) && !internal) n++;
    }
  return n;
}

for (const d of DOCUMENTS) {
  const missing =
    d.source === 'alertmanager-binary'
      ? alertmanagerMissing()
      : existsSync(d.source)
        ? undefined
        : `${d.source} is not present`;
  describe.skipIf(missing !== undefined)(
    `real document: ${d.name}${missing ? ` (skipped: ${missing})` : ''}`,
    () => {
      let spec: SpecDocument;
      let raw: Record<string, unknown>;
      let mock: RunningMock;
      let run: RunResult;

      beforeAll(async () => {
        const source = d.source === 'alertmanager-binary' ? await writeAlertmanagerSpec() : d.source;
        raw = JSON.parse(readFileSync(source, 'utf8'));
        spec = await loadSpec(source);
        mock = await startMockServer(createSpecDrivenMock(spec));
        // Every path parameter gets a value: the mock serves any, and the run should reach every read.
        const fixed: Record<string, string> = {};
        for (const op of enumerateOperations(spec))
          for (const p of op.parameters)
            if (p.in === 'path') fixed[p.name] ??= p.schema?.type === 'integer' ? '1' : 'conformance';
        const profile = parseProfile(
          { name: d.name, spec: { env: 'DOC_SPEC' }, baseUrl: { env: 'DOC_URL' }, parameters: { fixed } },
          'inline',
          process.cwd(),
        );
        const cfg = parseConfig({
          DOC_URL: mock.url,
          DOC_SPEC: source,
          RUN_ID: 'documents',
          CONCURRENCY: '1',
          // Read-only against loopback; auth and pagination mean nothing against a mock without either.
          CONFORMANCE_CHECKS: 'status,schema,headers,url',
        });
        run = await runConformance(await prepare(resolveTarget(profile, cfg), cfg));
      }, 300_000);
      afterAll(async () => {
        await mock?.close();
      });

      it(`loads as OpenAPI ${d.version === '2.0' ? '3.0, converted from Swagger 2.0' : d.version} and enumerates every operation`, () => {
        expect(spec.openapi).toBe(d.version === '3.1' ? '3.1' : '3.0');
        if (d.version === '2.0') expect(spec.convertedFrom).toBe('2.0');
        expect(enumerateOperations(spec)).toHaveLength(rawOperationCount(raw));
      });

      it('compiles every response validator', () => {
        const validators = createValidators(spec, { note: () => {} });
        const pointers = enumerateOperations(spec).flatMap((o) =>
          o.responses.flatMap((r) => r.content.flatMap((c) => (c.schemaPointer ? [c.schemaPointer] : []))),
        );
        for (const pointer of pointers) expect(validators.validate(pointer, null)).toBeInstanceOf(Array);
        // Each distinct schema once: operations that answer with the same component share its validator.
        expect(validators.compiled()).toBeGreaterThan(0);
        expect(validators.compiled()).toBeLessThanOrEqual(new Set(pointers).size);
      }, 120_000);

      it('runs against a spec-driven mock without a crash, failing only where classified by hand', () => {
        const exercised = run.operations.filter((o) => o.skipped === undefined);
        const reads = run.operations.filter((o) => !isWrite(o.operation));
        expect(exercised.length).toBe(reads.length);
        const failures = run.operations.flatMap((o) =>
          Object.entries(o.checks)
            .filter(([, outcome]) => outcome.status === 'failed')
            .map(([check]) => `${o.operation.id}/${check}`),
        );
        const mine = classified.filter((c) => c.document === d.name);
        expect(failures.sort()).toEqual(mine.map((c) => c.failure).sort());
      });
    },
  );
}

async function writeAlertmanagerSpec(): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'am-doc-')), 'alertmanager.swagger.json');
  writeFileSync(file, specFromBinary());
  return file;
}
