import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it, vi } from 'vitest';

const DOC = {
  components: {
    schemas: {
      Stack: {
        type: 'object',
        required: ['name', 'created'],
        properties: { name: { type: 'string' }, created: { type: 'string', format: 'date-time' } },
      },
    },
  },
};
const POINTER = { $ref: 'test:doc#/components/schemas/Stack' };

/** An ajv as the validators make it, counting how often the cache asks it for anything. */
function countingCompiler() {
  const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, code: { source: true } });
  addFormatsModule.default(ajv as never);
  ajv.addSchema(DOC, 'test:doc');
  let calls = 0;
  return {
    compiler: () => {
      calls++;
      return ajv;
    },
    calls: () => calls,
  };
}

/** A fresh copy of the cache module: a later process, with nothing compiled in memory. */
async function freshCache() {
  vi.resetModules();
  return import('./validator-cache.ts');
}

const errorsOf = (validate: (data: unknown) => boolean, data: unknown) =>
  validate(data)
    ? []
    : (validate as unknown as { errors: { instancePath: string; keyword: string }[] }).errors;

describe('compiled validators cached on disk by document', () => {
  it('lets a later run load what an earlier one compiled, with the same verdicts, without compiling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validators-'));
    const first = await freshCache();
    const key = first.documentKey('3.0', DOC);
    const cold = countingCompiler();
    const stored = first.storedValidators(cold.compiler, dir, key);
    const compiled = stored.compile('#/Stack', () => POINTER);
    expect(cold.calls()).toBeGreaterThan(0);
    // Nothing is written until the run keeps what it compiled, and then one part for all of it.
    expect(existsSync(join(dir, key))).toBe(false);
    stored.compile('#/Stack/name', () => ({ $ref: 'test:doc#/components/schemas/Stack/properties/name' }));
    stored.keep();
    expect(readdirSync(join(dir, key)).filter((f) => f.endsWith('.cjs'))).toHaveLength(1);
    stored.keep();
    expect(readdirSync(join(dir, key)).filter((f) => f.endsWith('.cjs'))).toHaveLength(1);

    const later = await freshCache();
    const warm = countingCompiler();
    const loaded = later.storedValidators(warm.compiler, dir, key).compile('#/Stack', () => POINTER);
    expect(warm.calls()).toBe(0);
    for (const data of [
      { name: 'a', created: '2026-01-01T00:00:00Z' },
      { name: 1, created: 'yesterday' },
      { created: '2026-01-01T00:00:00Z' },
    ])
      expect(errorsOf(loaded, data)).toEqual(errorsOf(compiled, data));
    expect(errorsOf(loaded, { name: 1, created: 'yesterday' }).map((e) => e.keyword)).toEqual([
      'type',
      'format',
    ]);
  });

  it('merges the parts earlier runs left into one, which later runs load without compiling anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validators-'));
    const NAME = { $ref: 'test:doc#/components/schemas/Stack/properties/name' };
    const parts = () => readdirSync(join(dir, key)).filter((f) => f.endsWith('.cjs'));
    const first = await freshCache();
    const key = first.documentKey('3.0', DOC);
    // Two runs, each compiling something the other did not, leave a part each.
    for (const [schemaKey, make] of [
      ['#/Stack', () => POINTER],
      ['#/Stack/name', () => NAME],
    ] as const) {
      const run = (await freshCache()).storedValidators(countingCompiler().compiler, dir, key);
      run.compile(schemaKey, make);
      run.keep();
    }
    expect(parts()).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const later = countingCompiler();
      const stored = (await freshCache()).storedValidators(later.compiler, dir, key);
      // The first of these runs merges them; both load everything from one part and compile nothing.
      expect(parts()).toHaveLength(1);
      const stack = stored.compile('#/Stack', () => POINTER);
      const name = stored.compile('#/Stack/name', () => NAME);
      expect(later.calls()).toBe(0);
      expect(errorsOf(stack, { name: 1, created: 'yesterday' }).map((e) => e.keyword)).toEqual([
        'type',
        'format',
      ]);
      expect(name('a')).toBe(true);
      expect(name(1)).toBe(false);
    }
    expect(
      readdirSync(join(dir, key)).filter((f) => f.endsWith('.v8') && !parts().includes(f.slice(0, -3))),
    ).toEqual([]);
  });

  it('compiles again for another document, and drops a part it cannot load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validators-'));
    const first = await freshCache();
    const key = first.documentKey('3.0', DOC);
    expect(first.documentKey('3.0', { ...DOC, paths: {} })).not.toBe(key);
    expect(first.documentKey('3.1', DOC)).not.toBe(key);
    const stored = first.storedValidators(countingCompiler().compiler, dir, key);
    stored.compile('#/Stack', () => POINTER);
    stored.keep();
    const [part = ''] = readdirSync(join(dir, key));
    writeFileSync(join(dir, key, part), 'this is not JavaScript {');
    const later = await freshCache();
    const again = countingCompiler();
    const validate = later.storedValidators(again.compiler, dir, key).compile('#/Stack', () => POINTER);
    expect(again.calls()).toBeGreaterThan(0);
    expect(validate({ name: 'a', created: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(readdirSync(join(dir, key))).not.toContain(part);
  });

  it("keeps V8's code cache of a part beside it, and a cache V8 refuses is replaced, never trusted", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validators-'));
    const first = await freshCache();
    const key = first.documentKey('3.0', DOC);
    const stored = first.storedValidators(countingCompiler().compiler, dir, key);
    stored.compile('#/Stack', () => POINTER);
    stored.keep();
    const [part = ''] = readdirSync(join(dir, key));
    const codeCache = join(dir, key, `${part}.v8`);
    const bad = { name: 1, created: 'yesterday' };
    const run = async () => {
      const later = await freshCache();
      const compiler = countingCompiler();
      const validate = later.storedValidators(compiler.compiler, dir, key).compile('#/Stack', () => POINTER);
      expect(compiler.calls()).toBe(0);
      expect(errorsOf(validate, bad).map((e) => e.keyword)).toEqual(['type', 'format']);
      later.writeCodeCaches();
    };
    // The second run loads the part and leaves its code cache; the third loads both and leaves them as they are.
    await run();
    expect(existsSync(codeCache)).toBe(true);
    const { mtimeMs } = statSync(codeCache);
    await run();
    expect(statSync(codeCache).mtimeMs).toBe(mtimeMs);
    // A cache from elsewhere (another Node, a damaged file) is rejected by V8: the part still loads, and the
    // cache is written again. In a process of its own: V8 consults a code cache only for a script it has not
    // compiled yet, and this one has.
    writeFileSync(codeCache, 'not a code cache');
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { storedValidators, writeCodeCaches } from ${JSON.stringify(resolve('helpers/spec/validator-cache.ts'))};
         const validate = storedValidators(() => { throw new Error('compiled'); }, ${JSON.stringify(dir)}, ${JSON.stringify(key)})
           .compile('#/Stack', () => ({}));
         console.log(validate(${JSON.stringify(bad)}), validate.errors.map((e) => e.keyword).join());
         writeCodeCaches();`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stdout.trim()).toBe('false type,format');
    expect(readFileSync(codeCache).toString()).not.toBe('not a code cache');
  });

  it('keeps what it found out about a document: a later run neither prepares it for ajv nor compiles, and judges alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validators-'));
    const file = join(dir, 'doc.json');
    writeFileSync(
      file,
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'kept', version: '1' },
        paths: {
          '/pets': {
            get: {
              responses: {
                '200': {
                  description: 'one',
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
                },
                '404': {
                  description: 'none',
                  content: { 'application/json': { schema: { type: 'object', required: ['error'] } } },
                },
              },
            },
          },
        },
        components: {
          schemas: {
            Pet: {
              type: 'object',
              required: ['tag'],
              properties: { tag: { type: 'string', format: 'pet-tag' }, age: { type: 'integer' } },
            },
          },
        },
      }),
    );
    const { loadSpec } = await import('./load-spec.ts');
    const spec = await loadSpec(file);
    const cases: [string, unknown][] = [
      ['#/paths/~1pets/get/responses/200/content/application~1json/schema', { tag: 1, age: 'old' }],
      ['#/paths/~1pets/get/responses/404/content/application~1json/schema', {}],
    ];
    const run = async () => {
      vi.resetModules();
      let prepared = 0;
      vi.doMock('./ajv-document.ts', async (original) => {
        const real = await original<typeof import('./ajv-document.ts')>();
        return {
          ...real,
          ajvDocument: (...args: Parameters<typeof real.ajvDocument>) => {
            prepared++;
            return real.ajvDocument(...args);
          },
        };
      });
      const { createValidators } = await import('./validators.ts');
      const notes: string[] = [];
      const validators = createValidators(spec, { cacheDir: join(dir, 'cache'), note: (l) => notes.push(l) });
      const verdicts = cases.map(([pointer, data]) => validators.validate(pointer, data));
      validators.keep();
      vi.doUnmock('./ajv-document.ts');
      return { prepared, verdicts, notes };
    };
    const cold = await run();
    expect(cold.prepared).toBe(1);
    expect(cold.verdicts.flat().map((v) => v.keyword)).toEqual(['type', 'type', 'required']);
    expect(cold.notes).toEqual([expect.stringContaining('format "pet-tag"')]);
    const warm = await run();
    expect(warm.prepared).toBe(0);
    expect(warm.verdicts).toEqual(cold.verdicts);
    expect(warm.notes).toEqual(cold.notes);
  });
});
