import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's package puts the server (`apt-get install prometheus-alertmanager`), unless ALERTMANAGER_BIN says. */
export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** Why the real server cannot run here, or undefined when it can. */
export function alertmanagerMissing(): string | undefined {
  return existsSync(ALERTMANAGER_BIN)
    ? undefined
    : `${ALERTMANAGER_BIN} is not installed: run .ci/install-real-servers (apt-get install prometheus-alertmanager)`;
}

/**
 * The Swagger 2.0 document the server's own API is generated from. Alertmanager embeds it in its binary (its
 * go-swagger router is built from it) but does not serve it, so it is read from the binary under test: the
 * document always matches the server, and no copy of a third-party file is kept in the repository.
 */
export function specFromBinary(binary = ALERTMANAGER_BIN): string {
  const text = readFileSync(binary).toString('latin1');
  const at = text.indexOf('"swagger": "2.0"');
  const start = text.lastIndexOf('{\n', at);
  if (at < 0 || start < 0) throw new Error(`no Swagger document found in ${binary}`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0)
      return Buffer.from(text.slice(start, i + 1), 'latin1').toString('utf8');
  }
  throw new Error(`the Swagger document in ${binary} does not end`);
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** A running Alertmanager on loopback, its API base URL and its document on disk. */
export interface RunningAlertmanager {
  readonly baseUrl: string;
  readonly specPath: string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts Alertmanager on 127.0.0.1 with its data in a temporary directory. Every listener is on loopback:
 * the web API on a free port, and clustering (gossip on 0.0.0.0:9094 by default) switched off.
 */
export async function startAlertmanager(): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
  const specPath = join(dir, 'alertmanager.swagger.json');
  writeFileSync(specPath, specFromBinary());
  writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  // Ready when it logs that it listens; the process exiting first is a failure with its log.
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (/Listening on|msg="Listening/.test(log)) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`alertmanager exited with ${code}: ${log.slice(-500)}`)));
  });
  child.removeAllListeners('exit');
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v2`,
    specPath,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
