import { spawnSync } from 'node:child_process';

/** The HTML report of a 5,000-operation run (bench/report-scale.ts, its own process): its size, and how soon Chromium can use and search it. */
export function reportPage(): Record<string, number> {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'bench/report-scale.ts', '5000'], {
    encoding: 'utf8',
  });
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}
