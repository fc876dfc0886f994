import { existsSync, mkdirSync, statSync } from 'node:fs';
import { selectChecks } from '../checks/index.ts';
import { loadBaseline } from '../config/baseline.ts';
import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { selectedProfiles } from '../config/select-profiles.ts';
import { SetupError } from '../core/errors.ts';
import { resolveTarget, type Target } from '../engine/target.ts';
import { answers } from '../http/answers.ts';
import { checkMockFaults } from '../mocks/check-faults.ts';

/** Describes a target in one line for the console, with no secret in it. */
export const describeTarget = (t: Target): string =>
  `${t.profile.name}: ${t.live ? t.baseUrl || 'the base URL its spec names' : 'embedded mock'}${t.live && !t.writesAllowed ? ' (read-only)' : ''}`;

/** Fails fast with a SetupError when a live base URL does not answer at all; any HTTP status counts as an answer. */
async function assertReachable(target: Target, timeoutMs: number): Promise<void> {
  try {
    await answers(target.baseUrl, timeoutMs);
  } catch (error) {
    const cause = (error as { code?: string; cause?: { code?: string } }).code ?? (error as Error).message;
    throw new SetupError(
      'TARGET_UNREACHABLE',
      `${target.baseUrl} does not answer (${cause}); check ${target.profile.baseUrl?.env ?? 'the base URL'} and the network.`,
    );
  }
}

/** The reports directory exists (or is created now) and is a directory: found out before a run, not after it. */
function assertReportsDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new SetupError(
      'CONFIG_INVALID',
      `REPORTS_DIR=${dir} is a file, not a directory; point REPORTS_DIR at a directory (it is created if missing).`,
    );
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new SetupError(
      'CONFIG_INVALID',
      `REPORTS_DIR=${dir} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}); point REPORTS_DIR at a writable directory.`,
    );
  }
}

/**
 * Validates configuration, reports directory, profiles, mock faults and the baseline file before any test runs.
 * Returns the selected profiles.
 */
export function checkSettings(cfg: Config): Profile[] {
  assertReportsDir(cfg.reportsDir);
  selectChecks(cfg.checks);
  if (cfg.baselinePath) loadBaseline(cfg.baselinePath);
  const profiles = selectedProfiles(cfg);
  if (profiles.length === 0)
    throw new SetupError(
      'CONFIG_INVALID',
      'No profile selected: set CONFORMANCE_TARGETS or CONFORMANCE_PROFILE.',
    );
  checkMockFaults(cfg, profiles);
  return profiles;
}

/** Binds each profile to its target (credentials checked) and checks that live base URLs answer. */
export async function resolveTargets(profiles: readonly Profile[], cfg: Config): Promise<Target[]> {
  // Embedded mocks start later; a placeholder URL lets their profiles validate now.
  const targets = profiles.map((p) => resolveTarget(p, cfg, p.mock ? 'http://127.0.0.1:9' : undefined));
  // A target whose base URL comes from its spec's servers is checked when the spec is fetched.
  const known = targets.filter((t) => t.live && t.baseUrl !== '');
  await Promise.all(known.map((t) => assertReachable(t, Math.min(cfg.requestTimeoutMs, 15_000))));
  return targets;
}
