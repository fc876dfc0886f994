import { startVitest } from 'vitest/node';
import { isSetupError } from '../core/errors.ts';
import { describeTarget, preflight } from './preflight.ts';

/** Exit codes: 0 all conform, 1 contract failures, 2 configuration or usage error, 3 target unreachable. */
async function main(): Promise<number> {
  let targets: Awaited<ReturnType<typeof preflight>>;
  try {
    targets = await preflight();
  } catch (error) {
    if (!isSetupError(error)) throw error;
    console.error(`error: ${error.message}`);
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
