// Dredd, the peer the suite is compared with, installed on demand into .cache/peers: never a dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The path of Dredd's command line, or why it is not there. */
export async function ensureDredd(): Promise<string | { skipped: string }> {
  const peers = resolve('.cache/peers');
  const dredd = join(peers, 'node_modules/.bin/dredd');
  if (existsSync(dredd)) return dredd;
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', peers, 'dredd@14'],
    { encoding: 'utf8' },
  );
  if (install.status !== 0 || !existsSync(dredd))
    return {
      skipped: `dredd could not be installed: ${install.stderr.split('\n').at(-2) ?? install.status}`,
    };
  return dredd;
}
