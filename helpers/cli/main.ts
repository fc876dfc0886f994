import { createVitest, type Reporter } from 'vitest/node';
import { reportsDirOf } from '../config/env.ts';
import { isSetupError } from '../core/errors.ts';
import type { ConformanceReporter } from '../report/conformance-reporter.ts';
import { writeSetupFailureReports } from '../report/write-reports.ts';
import { describeTarget, preflight } from './preflight.ts';

/** Exit codes: 0 all conform, 1 contract failures, 2 configuration or usage error, 3 target unreachable. */
async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  let targets: Awaited<ReturnType<typeof preflight>>;
  try {
    targets = await preflight();
  } catch (error) {
    if (!isSetupError(error)) throw error;
    console.error(`error: ${error.message}`);
    // Reports are written on every run: here an incomplete one that says why.
    writeSetupFailureReports(reportsDirOf(), error.message, startedAt);
    return error.exitCode;
  }
  console.log(`Conformance run: ${targets.map(describeTarget).join('; ')}`);
  const vitest = await createVitest('test', {
    run: true,
    watch: false,
    include: ['suites/**/*.conformance.test.ts'],
  });
  // Ctrl-C or a CI timeout: vitest exits at once, so the reports of what finished are written here, first,
  // synchronously, marked incomplete.
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    // vitest.config.ts loads its own copy of the reporter module, so the instance is found by its method.
    const { reporters } = vitest as unknown as { reporters: Reporter[] };
    const reporter = reporters.find(
      (r): r is Reporter & Pick<ConformanceReporter, 'writeInterrupted'> => 'writeInterrupted' in r,
    );
    reporter?.writeInterrupted(vitest.state.getTestModules());
  };
  process.prependOnceListener('SIGINT', interrupt);
  process.prependOnceListener('SIGTERM', interrupt);
  await vitest.start(['suites/']);
  const failed = vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  await vitest.close();
  if (interrupted) return 130;
  return failed || process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main();
