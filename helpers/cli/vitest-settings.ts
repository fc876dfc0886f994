/** Every test file of the project: unit tests beside the helpers, and the suites. */
export const ALL_TESTS = ['helpers/**/*.test.ts', 'suites/**/*.test.ts'];
/** The conformance suites, one file per built-in profile and one for CONFORMANCE_PROFILE. */
export const CONFORMANCE_SUITES = ['suites/**/*.conformance.test.ts'];
/** The APIs with Pact consumer contracts and their provider verification: one file each, `suites/pact/<api>.pact.test.ts`. */
export const PACT_APIS = ['pulumi', 'cloudpirates'] as const;
/** The Pact files of the selected targets, which the release gate adds: a contract of an API not selected is not run. */
export const pactSuites = (targets: readonly string[]): string[] =>
  PACT_APIS.filter((api) => targets.includes(api)).map((api) => `suites/pact/${api}.pact.test.ts`);
/**
 * Set in the test workers of a run about a target (the main job, the gate, `npm test` with a live target): the
 * project's tests of its own machinery that run beside a target's (the Pact verifier shown a broken provider)
 * are left out there, since they say nothing of the target; the whole test suite runs them.
 */
export const TARGET_RUN = 'CONFORMANCE_TARGET_RUN';

/** A conformance suite runs its whole target in beforeAll; a slow live target needs the room. */
export const TIMEOUTS = { testTimeout: 60_000, hookTimeout: 600_000 } as const;
