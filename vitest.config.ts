import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { type TestPlan, testPlan } from './helpers/cli/test-plan.ts';
import { TARGET_RUN, TIMEOUTS } from './helpers/cli/vitest-settings.ts';
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
// The test workers inherit it: tests of the project's own machinery stay out of a run about a target.
if (plan.targetOnly) process.env[TARGET_RUN] = '1';

/**
 * The files that take longest on a 2-core machine, longest first. With four workers, a long file that starts
 * last would run on alone at the end; started first, it overlaps the many short ones. A fresh clone (CI) has no
 * durations of earlier runs for vitest to order by, hence this list; it orders the files and decides nothing else.
 */
const LONGEST = [
  'suites/reports.test.ts',
  'suites/fault-matrix.test.ts',
  'suites/cli.test.ts',
  'suites/report-page.test.ts',
  'suites/safety.test.ts',
  'helpers/engine/run-conformance.test.ts',
  'suites/real-documents.test.ts',
  'suites/console.test.ts',
  'suites/consistency-oracle.test.ts',
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST.length : i;
    };
    // Array.prototype.sort is stable: the other files keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
