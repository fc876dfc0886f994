// @ts-check
// `npm run conformance`: runs helpers/cli/main.ts as plain JavaScript in this one process. Node 20 cannot run
// TypeScript itself, and a loader such as tsx costs a second process (which also relays signals badly) plus
// about 0.4 s of start-up. esbuild compiles the command line, and the module the conformance suites are made
// of, with the packages every run loads, in under a second; both are reused for as long as none of their sources
// (nor the installed packages) changes. The test workers import the compiled suite module natively instead of
// transforming some hundred TypeScript files one by one. Bundling the packages in saves about a fifth of a run's
// CPU (2.6 s → 2.1 s for the benchmark's small API): Node no longer reads and compiles them file by file.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(root, '.cache/cli');
const metaFile = join(cacheDir, 'meta.json');
const EXTERNAL = [
  'vitest',
  'vitest/*',
  'vite',
  'esbuild',
  '@pact-foundation/*',
  'playwright-core',
  'swagger2openapi',
  '@apidevtools/swagger-parser',
  'xmllint-wasm',
];
const ENTRIES = { main: 'helpers/cli/main.ts', suite: 'suites/define-conformance-suite.ts' };
// This file finds the compiled suite module beside itself, so its own URL must stay the compiled one.
const KEEPS_OWN_URL = /helpers[/\\]cli[/\\]compiled-suite\.ts$/;

/** Hash of every source the last build read, so an edit anywhere in them makes a new build. */
function hashOf(/** @type {string[]} */ inputs) {
  const hash = createHash('sha1');
  for (const input of inputs) {
    hash.update(input);
    try {
      hash.update(readFileSync(join(root, input)));
    } catch {
      hash.update('missing');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The directory of the compiled modules when their sources are unchanged since they were built. */
function current() {
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    return meta.hash === hashOf(meta.inputs) ? join(cacheDir, meta.hash) : undefined;
  } catch {
    return undefined;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const tmp = join(cacheDir, `.build-${process.pid}-${randomUUID()}`);
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    // Packages the suite loads on every run are bundled in (hundreds of small files read and compiled one by one
    // cost more than the bundle); vitest itself and what only some runs load stay outside.
    external: EXTERNAL,
    // Bundled CommonJS packages require Node's built-ins: give every chunk a require of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: tmp,
    outExtension: { '.js': '.js' },
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        // Modules find their data files next to themselves (profiles/, specs/): keep each one's own URL.
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            loader: 'ts',
            contents: KEEPS_OWN_URL.test(args.path)
              ? readFileSync(args.path, 'utf8')
              : readFileSync(args.path, 'utf8').replaceAll(
                  'import.meta.url',
                  JSON.stringify(pathToFileURL(args.path).href),
                ),
          }));
        },
      },
    ],
  });
  // ES modules in .cache/cli/<hash>/, whatever package.json says about .js files there.
  writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
  // Bundled packages stand for themselves by the lock file npm writes into node_modules at every install (hashing
  // their hundreds of files on every start costs more than it tells).
  const inputs = [
    ...new Set(
      Object.keys(result.metafile?.inputs ?? {}).map((input) =>
        input.includes('node_modules/') ? 'node_modules/.package-lock.json' : input,
      ),
    ),
  ].sort();
  const hash = hashOf(inputs);
  const dir = join(cacheDir, hash);
  // Renamed into place whole: concurrent runs (shards) never read a half-written build.
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run built the same sources first
  }
  writeFileSync(`${metaFile}.${process.pid}`, JSON.stringify({ hash, inputs }));
  renameSync(`${metaFile}.${process.pid}`, metaFile);
  // Builds of older sources go after a day: a run that started from one may still be reading it.
  for (const old of readdirSync(cacheDir))
    try {
      if (
        old !== hash &&
        /^[0-9a-f]{16}$/.test(old) &&
        Date.now() - statSync(join(cacheDir, old)).mtimeMs > 86_400_000
      )
        rmSync(join(cacheDir, old), { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  return dir;
}

mkdirSync(cacheDir, { recursive: true });
await import(pathToFileURL(join(current() ?? (await build()), 'main.js')).href);
