import { CHECKS } from '../checks/index.ts';
import { type BaselineEntry, loadBaseline } from '../config/baseline.ts';
import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { SetupError } from '../core/errors.ts';
import { prepare } from '../engine/prepare.ts';
import { resolveTarget } from '../engine/target.ts';

/**
 * Checks that each baseline entry names a check and, for the APIs this run covers, an operation of that API's
 * spec: an entry that can never match would accept nothing while looking like it does. Entries for an API the
 * run does not cover are left alone (one baseline file may serve several jobs).
 */
export function checkBaselineNames(
  path: string,
  entries: readonly BaselineEntry[],
  checks: readonly string[],
  operationsByApi: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  entries.forEach((entry, i) => {
    const where = `Baseline ${path} entry ${i + 1}`;
    if (!checks.includes(entry.check))
      throw new SetupError(
        'CONFIG_INVALID',
        `${where}: check "${entry.check}" is not a check (known: ${checks.join(', ')}); fix it in CONFORMANCE_BASELINE's file.`,
      );
    const apis = entry.api === undefined ? [...operationsByApi.keys()] : [entry.api];
    const covered = apis.filter((api) => operationsByApi.has(api));
    if (covered.length === 0) return;
    if (!covered.some((api) => operationsByApi.get(api)?.has(entry.operation)))
      throw new SetupError(
        'CONFIG_INVALID',
        `${where}: operation "${entry.operation}" is not an operation of ${covered.join(' or ')} (an operationId of the spec); fix it in CONFORMANCE_BASELINE's file.`,
      );
  });
}

/** Loads the baseline (CONFORMANCE_BASELINE) and checks its names against the checks and the selected specs. */
export async function checkBaseline(
  cfg: Config,
  profiles: readonly Profile[],
  mockUrls: Readonly<Record<string, string>>,
): Promise<void> {
  if (!cfg.baselinePath) return;
  const entries = loadBaseline(cfg.baselinePath);
  const operationsByApi = new Map<string, ReadonlySet<string>>();
  for (const profile of profiles) {
    const { operations } = await prepare(resolveTarget(profile, cfg, mockUrls[profile.name]), cfg);
    operationsByApi.set(profile.name, new Set(operations.map((o) => o.id)));
  }
  checkBaselineNames(cfg.baselinePath, entries, Object.keys(CHECKS), operationsByApi);
}
