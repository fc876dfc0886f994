import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { createRedactor } from '../core/redact.ts';
import { createHttpClient } from '../http/client.ts';
import { createRegistry } from './created-registry.ts';
import { prepare } from './prepare.ts';
import type { Target } from './target.ts';
import { teardown } from './teardown.ts';

/**
 * Deletes what an interrupted run created on its live targets, from the registries the run kept on disk.
 * Returns what could not be deleted, by name.
 */
export async function cleanupAfterInterrupt(targets: readonly Target[], cfg: Config): Promise<string[]> {
  const leftovers: string[] = [];
  for (const target of targets.filter((t) => t.live && t.writesAllowed)) {
    const file = join(cfg.stateDir, 'created', `${target.profile.name}-${target.runId}.json`);
    if (!existsSync(file)) continue;
    const prepared = await prepare(target, cfg);
    const client = createHttpClient({
      timeoutMs: cfg.requestTimeoutMs,
      concurrency: cfg.concurrency,
      redact: createRedactor(target.secrets),
    });
    try {
      leftovers.push(
        ...(await teardown(prepared, client, createRegistry(file))).map(
          (l) => `${target.profile.name}: ${l}`,
        ),
      );
    } finally {
      await client.close();
    }
  }
  return leftovers;
}
