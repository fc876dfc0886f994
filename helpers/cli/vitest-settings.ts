/** Every test file of the project: unit tests beside the helpers, and the suites. */
export const ALL_TESTS = ['helpers/**/*.test.ts', 'suites/**/*.test.ts'];
/** The conformance suites, one file per built-in profile and one for CONFORMANCE_PROFILE. */
export const CONFORMANCE_SUITES = ['suites/**/*.conformance.test.ts'];
/** The Pact consumer contracts and their provider verification, which the release gate adds. */
export const PACT_SUITES = ['suites/pact/**/*.pact.test.ts'];

/** A conformance suite runs its whole target in beforeAll; a slow live target needs the room. */
export const TIMEOUTS = { testTimeout: 60_000, hookTimeout: 600_000 } as const;
