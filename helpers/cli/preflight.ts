import { selectChecks } from '../checks/index.ts';
import { loadBaseline } from '../config/baseline.ts';
import { config } from '../config/env.ts';
import { selectedProfiles } from '../config/select-profiles.ts';
import { SetupError } from '../core/errors.ts';
import { resolveTarget, type Target } from '../engine/target.ts';
import { getText } from '../http/get-text.ts';

/** Describes a target in one line for the console, with no secret in it. */
export const describeTarget = (t: Target): string =>
  `${t.profile.name}: ${t.live ? t.baseUrl : 'embedded mock'}${t.live && !t.writesAllowed ? ' (read-only)' : ''}`;

/** Fails fast with a SetupError when a live base URL does not answer at all; any HTTP status counts as an answer. */
async function assertReachable(target: Target, timeoutMs: number): Promise<void> {
  try {
    await getText(target.baseUrl, {}, timeoutMs);
  } catch (error) {
    const cause = (error as { code?: string; cause?: { code?: string } }).code ?? (error as Error).message;
    throw new SetupError(
      'TARGET_UNREACHABLE',
      `${target.baseUrl} does not answer (${cause}); check ${target.profile.baseUrl?.env ?? 'the base URL'} and the network.`,
    );
  }
}

/** Validates configuration, profiles and credentials, and that live targets answer, before any test runs. */
export async function preflight(): Promise<Target[]> {
  const cfg = config();
  selectChecks(cfg.checks);
  if (cfg.baselinePath) loadBaseline(cfg.baselinePath);
  const profiles = selectedProfiles(cfg);
  if (profiles.length === 0)
    throw new SetupError(
      'CONFIG_INVALID',
      'No profile selected: set CONFORMANCE_TARGETS or CONFORMANCE_PROFILE.',
    );
  // Embedded mocks are started later by the test run; a placeholder URL lets their profiles validate now.
  const targets = profiles.map((p) => resolveTarget(p, cfg, p.mock ? 'http://127.0.0.1:9' : undefined));
  // A target whose base URL comes from its spec's servers is checked when the spec is fetched.
  const known = targets.filter((t) => t.live && t.baseUrl !== '');
  await Promise.all(known.map((t) => assertReachable(t, Math.min(cfg.requestTimeoutMs, 15_000))));
  return targets;
}
