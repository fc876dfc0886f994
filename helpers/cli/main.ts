import { createVitest, type Reporter } from 'vitest/node';
import { config, reportsDirOf, shareRunId } from '../config/env.ts';
import { isSetupError } from '../core/errors.ts';
import { cleanupAfterInterrupt } from '../engine/cleanup-after-interrupt.ts';
import type { ConformanceReporter } from '../report/conformance-reporter.ts';
import { reporters } from '../report/reporters.ts';
import { writeSetupFailureReports } from '../report/write-reports.ts';
import { parseArguments } from './arguments.ts';
import { describeTarget, preflight } from './preflight.ts';
import { setupCrashed } from './setup-crash.ts';

/** Exit codes: 0 all conform, 1 contract failures, 2 configuration or usage error, 3 target unreachable, 130 interrupted. */
async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  let targets: Awaited<ReturnType<typeof preflight>>;
  let args: ReturnType<typeof parseArguments>;
  try {
    args = parseArguments(process.argv.slice(2));
    targets = await preflight();
  } catch (error) {
    if (!isSetupError(error)) throw error;
    console.error(`error: ${error.message}`);
    // Reports are written on every run: here an incomplete one that says why.
    writeSetupFailureReports(reportsDirOf(), error.message, startedAt);
    return error.exitCode;
  }
  console.log(`Conformance run: ${targets.map(describeTarget).join('; ')}`);
  const cfg = config();
  shareRunId(cfg);
  // A shard writes a blob report for `npm run conformance:merge`, which writes the usual reports from all shards.
  const shard = args.shard
    ? {
        shard: `${args.shard.index}/${args.shard.count}`,
        reporters: ['default', 'blob'],
        outputFile: { blob: `${cfg.blobDir}/blob-${args.shard.index}-${args.shard.count}.json` },
      }
    : {};
  const vitest = await createVitest('test', {
    run: true,
    watch: false,
    include: ['suites/**/*.conformance.test.ts', ...(args.gate ? ['suites/pact/**/*.pact.test.ts'] : [])],
    reporters: reporters(cfg, 'conformance'),
    ...shard,
  });
  // Ctrl-C, SIGTERM from CI: vitest would exit at once. Instead: write the reports of what finished (marked
  // incomplete), stop the workers, delete what the run created on live targets, then exit 130.
  let interrupted = false;
  const interrupt = async () => {
    if (interrupted) return;
    interrupted = true;
    // vitest.config.ts loads its own copy of the reporter module, so the instance is found by its method.
    const { reporters } = vitest as unknown as { reporters: Reporter[] };
    const reporter = reporters.find(
      (r): r is Reporter & Pick<ConformanceReporter, 'writeInterrupted'> => 'writeInterrupted' in r,
    );
    const modules = vitest.state.getTestModules();
    // Closing stops the workers, and may let reporters write what they have: the interrupted reports come after.
    await Promise.race([vitest.close(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    reporter?.writeInterrupted(modules);
    const leftovers = await cleanupAfterInterrupt(targets, cfg);
    for (const l of leftovers) console.error(`left behind: ${l}`);
    console.error(
      `interrupted: reports written, ${leftovers.length === 0 ? 'nothing left behind' : `${leftovers.length} resources left behind`}`,
    );
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void interrupt());
  }
  const crash = await vitest.start(['suites/']).then(
    () => undefined,
    (error: unknown) => error ?? 'crashed',
  );
  if (crash !== undefined) return setupCrashed(vitest, crash, cfg.reportsDir, startedAt);
  const failed = vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  await vitest.close();
  if (interrupted) await new Promise(() => {}); // the interrupt handler exits
  return failed || process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main();
