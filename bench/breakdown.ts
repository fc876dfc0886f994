// Where the main job's time goes: the command line run once under `node --cpu-prof` (every thread writes a
// profile), its samples summed by what they ran. Idle time (waiting on the API) is left out.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { timeProcess } from './processes.ts';

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, RegExp][] = [
  ['idle (waiting on the API, timers)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'vitest and vite (runner, RPC, transforms)',
    /node_modules\/(vitest|@vitest|vite|rolldown|@rolldown|tinypool|chai|tinyrainbow)\//,
  ],
  [
    'ajv (compiling and running validators)',
    /node_modules\/(ajv|ajv-formats|ajv-draft-04|fast-uri|json-schema-traverse)\//,
  ],
  [
    'HTTP (undici, sockets)',
    /node_modules\/undici\/|node:internal\/deps\/undici|^node:(net|http|_http|internal\/stream)/,
  ],
  ['YAML parsing', /node_modules\/yaml\//],
  ['the suite itself (compiled: command line, engine, checks, reports)', /\.cache\/cli\//],
  [
    'loading and compiling modules (Node)',
    /^node:internal\/(modules|bootstrap|deps\/cjs-module-lexer)|^\(program\)$|^\((compileFunction|wrapSafe|compileSourceTextModule)\)$/,
  ],
];

const categoryOf = (url: string, fn: string): string =>
  CATEGORIES.find(([, pattern]) => pattern.test(url || fn))?.[0] ?? 'other (Node built-ins, other packages)';

/** CPU milliseconds by category over every thread's profile. */
function summarize(dir: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const file of readdirSync(dir)) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const category = categoryOf(node?.callFrame.url ?? '', node?.callFrame.functionName ?? '');
      totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
    });
  }
  return Object.fromEntries(
    Object.entries(totals)
      .map(([k, v]) => [k, Math.round(v)])
      .sort((a, b) => Number(b[1]) - Number(a[1])),
  );
}

/** Profiles one run of the command line with this environment; the CPU time of all its threads by category. */
export async function breakdown(env: Record<string, string>) {
  const dir = mkdtempSync(join(resolve('.cache/bench'), 'cpu-'));
  const run = await timeProcess(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'helpers/cli/launch.mjs'],
    env,
  );
  const byCategory = summarize(dir);
  const busy = Object.entries(byCategory)
    .filter(([k]) => !k.startsWith('idle'))
    .reduce((sum, [, v]) => sum + v, 0);
  return { wallMs: run.wallMs, threads: readdirSync(dir).length, cpuMs: busy, byCategory };
}
