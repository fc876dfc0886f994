import { defineConfig } from 'vitest/config';
import { config } from './helpers/config/env.ts';
import { ConformanceReporter } from './helpers/report/conformance-reporter.ts';
import { ConformanceJUnitReporter } from './helpers/report/junit-reporter.ts';

export default defineConfig({
  test: {
    include: ['helpers/**/*.test.ts', 'suites/**/*.test.ts'],
    globalSetup: ['suites/global-setup.ts'],
    reporters: [
      'default',
      new ConformanceJUnitReporter({
        outputFile: `${config().reportsDir}/junit.xml`,
        suiteName: 'api-conformance',
      }),
      new ConformanceReporter(config().reportsDir),
    ],
    testTimeout: 60_000,
    // A conformance suite runs its whole target in beforeAll; a slow live target needs the room.
    hookTimeout: 600_000,
  },
});
