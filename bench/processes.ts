// Whole processes timed the way a user starts them: wall time from spawn to exit, and the peak memory of the
// largest process of the tree (GNU time's %M: wait4 reports the biggest of the child and what it waited for).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One timed run of a command. */
export interface Timed {
  readonly wallMs: number;
  /** Peak resident memory in MB, or undefined where /usr/bin/time is missing. */
  readonly peakRssMb: number | undefined;
  readonly code: number | null;
  readonly out: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to its end; its output is kept for the caller to read counts from. */
export function timeProcess(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  cwd?: string,
): Promise<Timed> {
  const measured = existsSync(GNU_TIME);
  const [cmd, argv] = measured ? [GNU_TIME, ['-f', '\n%M KB peak', command, ...args]] : [command, [...args]];
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, ...(cwd ? { cwd } : {}) });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      const wallMs = Math.round(performance.now() - start);
      const kb = measured ? /(\d+) KB peak\s*$/.exec(out)?.[1] : undefined;
      resolve({ wallMs, peakRssMb: kb ? Math.round(Number(kb) / 1024) : undefined, code, out });
    });
  });
}

/** The median of some numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

/**
 * Runs each variant `rounds` times, alternating (a, b, c, a, b, c, …) so that a machine busy for a while slows
 * every variant alike; returns every run of each variant.
 */
export async function alternate<K extends string>(
  rounds: number,
  variants: Readonly<Record<K, () => Promise<Timed>>>,
): Promise<Record<K, Timed[]>> {
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as Timed[]])) as Record<K, Timed[]>;
  for (let i = 0; i < rounds; i++)
    for (const [name, run] of Object.entries(variants) as [K, () => Promise<Timed>][])
      runs[name].push(await run());
  return runs;
}

/** Median wall time and peak memory of a variant's runs. */
export const summary = (runs: readonly Timed[]) => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  peakRssMb: runs.every((r) => r.peakRssMb !== undefined)
    ? median(runs.map((r) => r.peakRssMb ?? 0))
    : undefined,
  runs: runs.map((r) => r.wallMs),
});
