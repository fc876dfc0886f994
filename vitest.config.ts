import { defineConfig } from 'vitest/config';
import { config } from './helpers/config/env.ts';
import { reporters } from './helpers/report/reporters.ts';

export default defineConfig({
  test: {
    include: ['helpers/**/*.test.ts', 'suites/**/*.test.ts'],
    globalSetup: ['suites/global-setup.ts'],
    reporters: reporters(config(), 'vitest'),
    testTimeout: 60_000,
    // A conformance suite runs its whole target in beforeAll; a slow live target needs the room.
    hookTimeout: 600_000,
  },
});
