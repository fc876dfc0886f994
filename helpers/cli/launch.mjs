// @ts-check
// `npm run conformance`: runs helpers/cli/main.ts as plain JavaScript in this one process. Node 20 cannot run
// TypeScript itself, and a loader such as tsx costs a second process (which also relays signals badly) plus
// about 0.4 s of start-up; esbuild compiles main.ts and what it imports into one module in ~0.1 s, and that
// module is reused for as long as none of its sources changes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entry = join(root, 'helpers/cli/main.ts');
const outDir = join(root, '.cache/cli');
const metaFile = join(outDir, 'main.meta.json');

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

/** The compiled module when its sources are unchanged since it was built, else undefined. */
function current() {
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    return meta.hash === hashOf(meta.inputs) ? join(outDir, meta.bundle) : undefined;
  } catch {
    return undefined;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    plugins: [
      {
        // Modules find their data files next to themselves (profiles/, specs/): keep each one's own URL.
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            loader: 'ts',
            contents: readFileSync(args.path, 'utf8').replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            ),
          }));
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile?.inputs ?? {}).sort();
  const hash = hashOf(inputs);
  const bundle = `main-${hash}.mjs`;
  mkdirSync(outDir, { recursive: true });
  // Written under a private name, then renamed: concurrent runs (shards) never read a half-written file.
  const tmp = join(outDir, `.${process.pid}-${bundle}`);
  writeFileSync(tmp, result.outputFiles?.[0]?.contents ?? '');
  renameSync(tmp, join(outDir, bundle));
  writeFileSync(`${metaFile}.${process.pid}`, JSON.stringify({ hash, bundle, inputs }));
  renameSync(`${metaFile}.${process.pid}`, metaFile);
  return join(outDir, bundle);
}

await import(pathToFileURL(current() ?? (await build())).href);
