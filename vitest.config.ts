import { defineConfig } from 'vitest/config';
import { type TestPlan, testPlan } from './helpers/cli/test-plan.ts';
import { TIMEOUTS } from './helpers/cli/vitest-settings.ts';
import { type Config, config } from './helpers/config/env.ts';
import { isSetupError } from './helpers/core/errors.ts';
import { reporters } from './helpers/report/reporters.ts';

/** The configuration and what to run; a malformed .env or profile is one line and its exit code, as for the CLI. */
function settings(): { cfg: Config; plan: TestPlan } {
  try {
    const cfg = config();
    return { cfg, plan: testPlan(cfg) };
  } catch (error) {
    if (!isSetupError(error)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(error.exitCode);
  }
}

const { cfg, plan } = settings();
// `npm run conformance:merge` reads this file as well, and only merges: nothing to announce there.
if (plan.firstLine && !process.argv.some((a) => a.startsWith('--merge-reports'))) console.log(plan.firstLine);

export default defineConfig({
  test: {
    include: [...plan.include],
    globalSetup: ['suites/global-setup.ts'],
    reporters: reporters(cfg, 'vitest'),
    ...TIMEOUTS,
    // Most test files wait (on a child process, a lag, a timeout) rather than compute: four at a time keep both
    // cores of a CI runner busy (two at a time left them half idle: 170 s against 137 s for the whole suite).
    // No file leaves state behind for the next, so a process serves many files.
    pool: 'forks',
    isolate: false,
    maxWorkers: 4,
  },
});
