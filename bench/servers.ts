// Servers of the benchmark run in processes of their own (bench/serve.ts): what is timed is the suite alone.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server process and its base URL. */
export interface Served {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Starts bench/serve.ts with these arguments and waits for the URL it prints. */
export function startServer(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (url) => resolve({ url: url.trim(), close }));
    child.once('exit', (code) => reject(new Error(`bench/serve.ts ${args.join(' ')} exited with ${code}`)));
  });
}
