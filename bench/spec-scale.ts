// Spec size: Pulumi's published spec loaded with every response validator, cold (nothing cached) and warm
// (validators compiled by an earlier process), each in a process of its own; and full runs of the command line
// against the spec-driven mock of synthetic specs from 100 to 5,000 operations.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { buildSync } from 'esbuild';
import { median, summary, timeProcess } from './processes.ts';
import { startServer } from './servers.ts';
import { syntheticSpec } from './synthetic-spec.ts';

export const PUBLISHED = '../shared/reference/pulumi-spec.json';
const WORK = resolve('.cache/bench');

interface Measured {
  operations: number;
  validators: number;
  loadMs: number;
  compileMs: number;
  totalMs: number;
  peakRssMb: number;
}

/**
 * The measuring child compiled the way the command line is (esbuild, packages left outside) and run by plain
 * Node: through a TypeScript loader, every module it loads, the cached validators included, would pay the
 * loader's hooks, which no user run does.
 */
let compiled: string | undefined;
function compiledMeasure(): string {
  if (compiled) return compiled;
  const out = join(WORK, 'measure-spec.mjs');
  mkdirSync(WORK, { recursive: true });
  buildSync({
    entryPoints: ['bench/measure-spec.ts'],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
  });
  compiled = out;
  return out;
}

function measureSpec(path: string, cacheDir?: string): Measured {
  const out = spawnSync(process.execPath, [compiledMeasure(), path, ...(cacheDir ? [cacheDir] : [])], {
    encoding: 'utf8',
  });
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
}

const medianOf = (runs: Measured[]) => ({
  operations: runs[0]?.operations ?? 0,
  validators: runs[0]?.validators ?? 0,
  loadMs: median(runs.map((r) => r.loadMs)),
  compileMs: median(runs.map((r) => r.compileMs)),
  totalMs: median(runs.map((r) => r.totalMs)),
  peakRssMb: median(runs.map((r) => r.peakRssMb)),
});

/**
 * Load and every response validator of a spec: cold in a fresh cache; the second run, which loads the validators
 * the first compiled and leaves their V8 code cache; and warm, every later run (a scheduled job's nights after
 * its first two). Alternated rounds.
 */
export function loadAndValidators(path: string, rounds: number) {
  const cold: Measured[] = [];
  const second: Measured[] = [];
  const warm: Measured[] = [];
  for (let i = 0; i < rounds; i++) {
    const cache = mkdtempSync(join(WORK, 'validators-'));
    cold.push(measureSpec(path, cache));
    second.push(measureSpec(path, cache));
    warm.push(measureSpec(path, cache));
  }
  return { cold: medianOf(cold), second: medianOf(second), warm: medianOf(warm) };
}

/** The profile of a synthetic spec: every operation reached with a fixed path value. */
function syntheticProfile(): string {
  const file = join(WORK, 'synthetic.profile.yaml');
  writeFileSync(
    file,
    'name: synthetic\nspec: { env: SYNTH_SPEC }\nbaseUrl: { env: SYNTH_URL }\ncredential: { header: X-Key, env: SYNTH_KEY }\nparameters: { fixed: { id: item-1 } }\n',
  );
  return file;
}

/** Full runs of `npm run conformance` against the spec-driven mock of synthetic specs of each size. */
export async function fullRuns(sizes: readonly number[]) {
  mkdirSync(WORK, { recursive: true });
  const profile = syntheticProfile();
  const rows = [];
  for (const n of sizes) {
    const spec = join(WORK, `synthetic-${n}.json`);
    writeFileSync(spec, JSON.stringify(syntheticSpec(n)));
    const mock = await startServer(['spec', spec]);
    try {
      const run = await timeProcess('npm', ['run', '--silent', 'conformance'], {
        CONFORMANCE_TARGETS: 'none',
        CONFORMANCE_PROFILE: profile,
        SYNTH_SPEC: spec,
        SYNTH_URL: mock.url,
        SYNTH_KEY: 'synthetic-key',
        REPORTS_DIR: join(WORK, `reports-synthetic-${n}`),
        CONFORMANCE_STATE_DIR: mkdtempSync(join(WORK, 'state-')),
        // A full run: the default budget (20,000 requests) would stop a 5,000-operation run part way.
        MAX_REQUESTS: String(n * 20),
        NO_COLOR: '1',
      });
      const out = stripVTControlCharacters(run.out);
      rows.push({
        operations: n,
        ...summary([run]),
        msPerOperation: Math.round((run.wallMs / n) * 100) / 100,
        consoleLines: out.trim().split('\n').length,
        reported: /^Conformance: (.*)$/m.exec(out)?.[1] ?? `exit ${run.code}`,
      });
    } finally {
      await mock.close();
    }
  }
  return rows;
}

/** The published spec, when it sits beside the project (never inside it). */
export const hasPublished = () => existsSync(PUBLISHED);
