import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { AnySchema, ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';

/** The part of an ajv instance the cache uses: register a schema under an id, get its compiled validator. */
export interface SchemaCompiler {
  addSchema(schema: AnySchema, key: string): unknown;
  getSchema(key: string): ValidateFunction | undefined;
}

/** Validators of one document: those compiled by earlier runs, loaded from disk, and a compiler for the rest. */
export interface StoredValidators<Facts> {
  /** A validator for `key`: loaded if an earlier run compiled it, else compiled now and written out by `keep`. */
  readonly compile: (key: string, make: () => object) => ValidateFunction;
  /** What an earlier run (or this process) found out about the document, kept beside its validators. */
  readonly facts: Facts | undefined;
  /** Keeps what was found out about the document, written out with the validators by `keep`. */
  readonly record: (facts: Facts) => void;
  /**
   * Writes what was compiled and found out since the last call: one part, and the facts once. Called when a run
   * is over (and by a suite whose run never started); also, at best, when the process exits normally with
   * something unwritten (a worker killed by a signal never gets there).
   */
  readonly keep: () => void;
}

const require = createRequire(import.meta.url);
const standaloneCode = standaloneModule.default;
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;
// Bumped whenever what the cache holds changes shape.
const FORMAT = 1;
const MONTH_MS = 30 * 86_400_000;
// Validators compiled in this process, by document: runs of one document in one process (the fault matrix) share them.
const compiledHere = new Map<string, Map<string, ValidateFunction>>();
// The same for what was found out about each document.
const factsHere = new Map<string, unknown>();
const FACTS = 'facts.json';

/** One key for everything that decides the compiled code: the document, how it is prepared, the options, ajv itself. */
export function documentKey(...parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, AJV_VERSION, ...parts]))
    .digest('hex')
    .slice(0, 32);
}

/** Parts loaded without usable V8 code cache: theirs is written once their validators have run (see below). */
const uncached: { readonly file: string; readonly script: Script }[] = [];
let codeCacheScheduled = false;

/** Writes the V8 code cache of each part loaded without one; a cache that cannot be written is a lost speed-up. */
export function writeCodeCaches(): void {
  codeCacheScheduled = false;
  for (const { file, script } of uncached.splice(0)) {
    try {
      writeFileSync(`${file}.v8.tmp`, script.createCachedData());
      renameSync(`${file}.v8.tmp`, `${file}.v8`);
    } catch {}
  }
}

/**
 * Loads one part as CommonJS through `vm.Script`, with the V8 code cache an earlier run left beside it: V8 then
 * skips parsing and compiling the generated code (Pulumi's 250 validators: about 130 ms → 30 ms). Node 20 has no
 * compile cache of its own for `require`, hence this. The cache is made once the part's validators have run, so
 * it holds the functions they compiled lazily: a second after loading, or when the process exits, if sooner.
 */
function loadPart(file: string, source: string): Record<string, ValidateFunction> {
  const cacheFile = `${file}.v8`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as Record<string, ValidateFunction> };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    uncached.push({ file, script });
    if (!codeCacheScheduled) {
      atExit();
      codeCacheScheduled = true;
      setTimeout(writeCodeCaches, 1_000).unref();
    }
  }
  return module.exports;
}

/** Every validator the parts of one document's directory export, by key; a part that does not load is dropped. */
function load(dir: string): Map<string, ValidateFunction> {
  const found = new Map<string, ValidateFunction>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
  } catch {
    return found;
  }
  const loaded: { readonly file: string; readonly source: string; readonly adds: boolean }[] = [];
  for (const file of files) {
    try {
      const source = readFileSync(join(dir, file), 'utf8');
      const exported = Object.entries(loadPart(join(dir, file), source));
      const adds = exported.some(([key]) => !found.has(key));
      for (const [key, validate] of exported) found.set(key, validate);
      loaded.push({ file, source, adds });
    } catch {
      rmSync(join(dir, file), { force: true });
      rmSync(join(dir, `${file}.v8`), { force: true });
    }
  }
  if (loaded.length > 1) compact(dir, loaded);
  return found;
}

/**
 * Merges the parts of a document into one: runs of one document each add a part with what they compiled anew
 * (the test suite's runs left 150 for one document, 8 MB that every process loaded file by file). Each part's
 * CommonJS code is wrapped in a function of its own, so nothing it declares meets another's; a part that adds
 * nothing is left out. The parts merged are then removed, their code caches with them (a process that listed one
 * before it went only compiles its validators again). Written by hand: ajv's standalone code needs the schemas
 * compiled in one instance, and these were compiled by other processes.
 */
function compact(dir: string, parts: readonly { file: string; source: string; adds: boolean }[]): void {
  try {
    const wrapped = parts
      .filter((p) => p.adds)
      .map((p) => `function (module, exports, require) {\n${p.source}\n}`);
    const code = `"use strict";\nfor (const part of [\n${wrapped.join(',\n')}\n]) {\n  const m = { exports: {} };\n  part(m, m.exports, require);\n  Object.assign(module.exports, m.exports);\n}\n`;
    const merged = join(dir, `part-${process.pid}-${Date.now()}-merged.cjs`);
    writeFileSync(`${merged}.tmp`, code);
    renameSync(`${merged}.tmp`, merged);
    const gone = new Set(parts.map((p) => join(dir, p.file)));
    for (const file of gone) {
      rmSync(file, { force: true });
      rmSync(`${file}.v8`, { force: true });
    }
    // Their code caches are not worth writing any more (they would be left without their part).
    const keep = uncached.filter((u) => !gone.has(u.file));
    uncached.splice(0, uncached.length, ...keep);
  } catch {
    // Left as they were: merging is only a speed-up.
  }
}

/** What each cache still has to write if the process exits normally (not when killed). */
const keptAtExit = new Set<() => void>();
let exitHooked = false;
/** One exit listener for the whole module: the caches' unwritten validators, then the code caches not yet written. */
function atExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const keep of [...keptAtExit]) keep();
    writeCodeCaches();
  });
}

/** The standalone module's `require`s, pointed at this installation, wherever the cache directory is. */
const anchored = (code: string) =>
  code.replace(
    /require\("([^"]+)"\)/g,
    (_, name: string) => `require(${JSON.stringify(require.resolve(name))})`,
  );

/**
 * Compiled validators kept on disk by document hash, as ajv's standalone code: a run loads what earlier runs
 * compiled instead of compiling it again, and compiles only the validators its own checks ask for. Written
 * here because no package caches ajv's compiled code; ajv generates it. Without a directory, the cache is this
 * process's memory alone.
 */
export function storedValidators<Facts>(
  compiler: () => SchemaCompiler,
  dir: string | undefined,
  key: string,
): StoredValidators<Facts> {
  const home = dir ? join(dir, key) : undefined;
  const known = compiledHere.get(key) ?? (home ? load(home) : new Map<string, ValidateFunction>());
  compiledHere.set(key, known);
  if (!factsHere.has(key) && home) factsHere.set(key, readFacts(home));
  const pending = new Map<string, string>();
  let factsPending = false;
  // Written once per run, not as validators come: a run compiles a few at every operation it judges, and a part
  // per burst left hundreds of files for every later run to load (and the facts written as many times).
  const keep = () => {
    if (!home || (pending.size === 0 && !factsPending)) return;
    try {
      mkdirSync(home, { recursive: true });
      if (pending.size > 0) {
        const code = anchored(standaloneCode(compiler() as never, Object.fromEntries(pending)));
        const part = join(home, `part-${process.pid}-${Date.now()}.cjs`);
        writeFileSync(`${part}.tmp`, code);
        renameSync(`${part}.tmp`, part);
      }
      if (factsPending) {
        const file = join(home, `${FACTS}.${process.pid}`);
        writeFileSync(file, JSON.stringify(factsHere.get(key)));
        renameSync(file, join(home, FACTS));
      }
      prune(dir ?? '', key);
    } catch {
      // A cache that cannot be written (read-only checkout, a schema ajv cannot put in a module) is only a lost speed-up.
    }
    pending.clear();
    factsPending = false;
    keptAtExit.delete(keep);
  };
  const unwritten = () => {
    if (!home) return;
    atExit();
    keptAtExit.add(keep);
  };
  return {
    get facts() {
      return factsHere.get(key) as Facts | undefined;
    },
    record(facts) {
      factsHere.set(key, facts);
      factsPending = true;
      unwritten();
    },
    compile(schemaKey, make) {
      const stored = known.get(schemaKey);
      if (stored) return stored;
      // An absolute id without a fragment, whatever the key holds (pointers start with #).
      const id = `cached:${encodeURIComponent(schemaKey)}`;
      const ajv = compiler();
      ajv.addSchema(make(), id);
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`no validator for ${schemaKey}`);
      known.set(schemaKey, validate);
      pending.set(schemaKey, id);
      unwritten();
      return validate;
    },
    keep,
  };
}

/** The facts an earlier run kept about a document; none when absent or unreadable. */
function readFacts(home: string): unknown {
  try {
    return JSON.parse(readFileSync(join(home, FACTS), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Marks a document's cache as used and drops those no run has used for a month. */
function prune(dir: string, used: string): void {
  const now = new Date();
  utimesSync(join(dir, used), now, now);
  for (const entry of readdirSync(dir))
    if (entry !== used && now.getTime() - statSync(join(dir, entry)).mtimeMs > MONTH_MS)
      rmSync(join(dir, entry), { recursive: true, force: true });
}
