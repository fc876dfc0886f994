import type { Config } from '../config/env.ts';
import { selectedProfiles } from '../config/select-profiles.ts';
import { usesEmbeddedMock } from '../mocks/check-faults.ts';
import { ALL_TESTS, CONFORMANCE_SUITES, pactSuites } from './vitest-settings.ts';

/** What `npm test` runs, and the line that says so first when it is not the whole test suite. */
export interface TestPlan {
  readonly include: readonly string[];
  readonly firstLine?: string;
  /** Only what concerns the live target: the project's tests of its own machinery are left out (`TARGET_RUN`). */
  readonly targetOnly?: boolean;
}

/**
 * `npm test` is the project's whole test suite (what CI runs), unless a live target is configured: then it is
 * the on-demand test of that target, the conformance suites and the Pact verification, as `npm run gate` runs.
 */
export function testPlan(cfg: Config): TestPlan {
  const live = selectedProfiles(cfg).filter((p) => !usesEmbeddedMock(p, cfg));
  if (live.length === 0) return { include: ALL_TESTS };
  const settings = live.map((p) => (p.mock ? (p.baseUrl?.env ?? p.name) : 'CONFORMANCE_PROFILE'));
  return {
    include: [...CONFORMANCE_SUITES, ...pactSuites(live.map((p) => p.name))],
    targetOnly: true,
    firstLine: `npm test: live target ${live.map((p) => p.name).join(', ')} configured (${[...new Set(settings)].join(', ')}): running only the conformance suites and the Pact verification against it, as npm run gate does; unset ${[...new Set(settings)].join(' and ')} to run the project's own test suite.`,
  };
}
