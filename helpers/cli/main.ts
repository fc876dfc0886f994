import { startVitest } from 'vitest/node';
import { config } from '../config/env.ts';
import { isSetupError } from '../core/errors.ts';
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
    writeSetupFailureReports(reportsDirOrDefault(), error.message, startedAt);
    return error.exitCode;
  }
  console.log(`Conformance run: ${targets.map(describeTarget).join('; ')}`);
  const vitest = await startVitest('test', ['suites/'], {
    run: true,
    watch: false,
    include: ['suites/**/*.conformance.test.ts'],
  });
  const failed = vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  await vitest.close();
  return failed || process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main();

/** The reports folder, also when the configuration itself is what failed to parse. */
function reportsDirOrDefault(): string {
  try {
    return config().reportsDir;
  } catch {
    return 'reports';
  }
}
