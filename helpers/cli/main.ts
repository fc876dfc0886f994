import type { Reporter, Vitest } from 'vitest/node';
import { type Config, config, reportsDirOf, shareRunId } from '../config/env.ts';
import { isSetupError } from '../core/errors.ts';
import type { Target } from '../engine/target.ts';
import { announceInterrupt } from '../http/interrupt.ts';
import { usesEmbeddedMock } from '../mocks/check-faults.ts';
import type { EmbeddedMocks } from '../mocks/start-embedded.ts';
import type { ConformanceReporter } from '../report/conformance-reporter.ts';
import { writeSetupFailureReports } from '../report/write-reports.ts';
import { type CliArguments, HELP, parseArguments } from './arguments.ts';
import { compiledSuite } from './compiled-suite.ts';
import { onInterrupt, withoutTheirSignalListeners } from './interrupt.ts';
import { checkSettings, describeTarget, resolveTargets } from './preflight.ts';
import { type GatedReporter, gateReporter } from './reporter-gate.ts';
import { firstSetupError } from './setup-errors.ts';
import { CONFORMANCE_SUITES, pactSuites, TARGET_RUN, TIMEOUTS } from './vitest-settings.ts';

/** What an interrupt has to stop, write and clean up, as far as the run has got. */
interface RunState {
  cfg?: Config;
  targets: Target[];
  mocks?: EmbeddedMocks;
  vitest?: Vitest;
  /** The run's reporters: the console, JUnit (shut off on an interrupt) and the HTML and JSON reports. */
  reporters: (Reporter | 'default')[];
  /** Writes summary.json and index.html, and the whole interrupted report set. */
  reporter?: ConformanceReporter;
  /** Vitest's JUnit reporter, shut off on an interrupt so that it cannot overwrite the interrupted reports. */
  junit?: GatedReporter;
  /** The test run, once started. */
  running?: Promise<unknown>;
  /** Set on the first interrupt: from then on the interrupt handler alone ends the process. */
  interrupted?: boolean;
  /** Cuts the wait for a graceful end short (a second interrupt). */
  hurry?: () => void;
}

const EXIT_INTERRUPTED = 130;
/** The longest an interrupted run gets to finish its requests in flight and tear down before its workers are stopped. */
const GRACE_MS = 60_000;

const settled = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms))]);

/**
 * Stops the test workers now. A first cancel lets the workers finish what they run (the whole target, in a
 * conformance suite's beforeAll); a second one, as for a second Ctrl-C in vitest's own command line, stops them.
 */
async function stopWorkers(vitest: Vitest): Promise<void> {
  void vitest.cancelCurrentRun('keyboard-input');
  await vitest.cancelCurrentRun('keyboard-input');
}

/**
 * Ctrl-C or SIGTERM: the runs stop sending (what is in flight finishes and is judged, the rest is "not sent")
 * and tear down what they created, as when a budget runs out; then the reports of what finished are written,
 * marked interrupted, and the process exits 130. A second interrupt stops the workers at once and deletes what
 * the run had registered as created; a third exits.
 */
async function interrupt(state: RunState, signal: NodeJS.Signals, count: number): Promise<void> {
  if (count === 2) return state.hurry?.();
  if (count > 2) {
    console.error('interrupted again: stopped before cleanup finished');
    process.exit(EXIT_INTERRUPTED);
  }
  state.interrupted = true;
  announceInterrupt(signal);
  // vitest's JUnit reporter would write a complete-looking file at the end of the run: the interrupted one replaces it.
  if (state.junit) await settled(state.junit.close(), 2_000);
  if (state.running && state.vitest) {
    const hurried = new Promise<void>((resolve) => {
      state.hurry = resolve;
    });
    // A worker still loading its suite may not listen yet: say it again until the run ends.
    const repeat = setInterval(() => announceInterrupt(signal), 200);
    const ended = await Promise.race([
      state.running.then(() => true),
      hurried.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), GRACE_MS)),
    ]);
    clearInterval(repeat);
    if (!ended) await settled(stopWorkers(state.vitest), 5_000);
  }
  let written = 'reports written';
  try {
    const reporter = state.reporter ?? (await defaultReporter(reportsDirOf()));
    reporter.writeInterrupted(state.vitest?.state.getTestModules() ?? []);
  } catch (error) {
    written = `reports not written (${(error as Error).message})`;
  }
  const { cleanupAfterInterrupt } = await import('../engine/cleanup-after-interrupt.ts');
  const leftovers = state.cfg ? await cleanupAfterInterrupt(state.targets, state.cfg) : [];
  await state.mocks?.close();
  for (const l of leftovers) console.error(`left behind: ${l}`);
  console.error(
    `interrupted: ${written}, ${leftovers.length === 0 ? 'nothing left behind' : `${leftovers.length} resources left behind`}`,
  );
  process.exit(EXIT_INTERRUPTED);
}

/** Vitest's options for this run: no config file (everything is here), worker threads sharing one module graph. */
function vitestOptions(cfg: Config, args: CliArguments, state: RunState, suite: string | undefined) {
  const pacts = args.gate ? pactSuites(state.targets.map((t) => t.profile.name)) : [];
  // A shard writes a blob report for `npm run conformance:merge`, which writes the usual reports from all shards.
  const reporting = args.shard
    ? {
        shard: `${args.shard.index}/${args.shard.count}`,
        reporters: ['default', 'blob'],
        outputFile: { blob: `${cfg.blobDir}/blob-${args.shard.index}-${args.shard.count}.json` },
      }
    : { reporters: state.reporters };
  return {
    config: false as const,
    root: process.cwd(),
    run: true,
    watch: false,
    include: [...CONFORMANCE_SUITES, ...pacts],
    // The suites keep no state between files and do I/O, not computation: threads start faster than
    // processes and share this one's signals; one thread per target runs the targets side by side, and the
    // files of targets not selected (one skipped test each) go to a thread already loaded.
    pool: 'threads' as const,
    isolate: false,
    maxWorkers: Math.max(1, state.targets.length + pacts.length),
    // The compiled suite module is imported as it is, like a package, not transformed module by module.
    // (vitest reads a string here as a package name under node_modules; a pattern matches the file itself).
    ...(suite
      ? { server: { deps: { external: [new RegExp(`^${suite.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)] } } }
      : {}),
    ...TIMEOUTS,
    ...reporting,
  };
}

/** Vite's options: the suites' TypeScript module replaced by its compiled form, when there is one. */
const viteOptions = (suite: string | undefined) =>
  suite ? { resolve: { alias: [{ find: /^\.\/define-conformance-suite\.ts$/, replacement: suite }] } } : {};

/** The reporter that writes summary.json and index.html, for an interrupt before the run's own exist. */
async function defaultReporter(dir: string): Promise<ConformanceReporter> {
  const { ConformanceReporter } = await import('../report/conformance-reporter.ts');
  return new ConformanceReporter(dir);
}

/** The run's reporters, with handles on those an interrupt needs and vitest's JUnit reporter behind a gate. */
async function useReporters(state: RunState, cfg: Config): Promise<void> {
  const { reporters } = await import('../report/reporters.ts');
  const { ConformanceReporter } = await import('../report/conformance-reporter.ts');
  const { ConformanceJUnitReporter } = await import('../report/junit-reporter.ts');
  state.reporters = reporters(cfg, 'conformance').map((r) => {
    if (r instanceof ConformanceReporter) state.reporter = r;
    if (!(r instanceof ConformanceJUnitReporter)) return r;
    state.junit = gateReporter(r);
    return state.junit.reporter;
  });
}

/** Exit codes: 0 all conform, 1 contract failures, 2 configuration or usage error, 3 target unreachable, 130 interrupted. */
async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  const state: RunState = { targets: [], reporters: [] };
  onInterrupt((signal, count) => void interrupt(state, signal, count));
  let args: CliArguments;
  try {
    args = parseArguments(process.argv.slice(2));
    if (args.help) {
      console.log(HELP);
      return 0;
    }
    const cfg = config();
    state.cfg = cfg;
    const profiles = checkSettings(cfg);
    state.targets = await resolveTargets(profiles, cfg);
    // What only some runs need is loaded when they need it: a run that stops here stops quickly.
    if (profiles.some((p) => usesEmbeddedMock(p, cfg))) {
      const { startEmbeddedMocks } = await import('../mocks/start-embedded.ts');
      state.mocks = await startEmbeddedMocks(profiles, cfg);
    }
    if (cfg.baselinePath) {
      const { checkBaseline } = await import('./check-baseline.ts');
      await checkBaseline(cfg, profiles, state.mocks?.urls ?? {});
    }
    await useReporters(state, cfg);
  } catch (error) {
    if (!isSetupError(error)) throw error;
    console.error(`error: ${error.message}`);
    await state.mocks?.close();
    // Reports are written on every run: here an incomplete one that says why, unless REPORTS_DIR is the problem.
    try {
      writeSetupFailureReports(reportsDirOf(), error.message, startedAt);
    } catch {}
    return error.exitCode;
  }
  const cfg = state.cfg;
  // Generated probes repeat exactly with the same seed: the line says how.
  console.log(
    `Conformance run: ${state.targets.map(describeTarget).join('; ')}; seed ${cfg.seed} (SEED=${cfg.seed} repeats it)`,
  );
  shareRunId(cfg);
  process.env[TARGET_RUN] = '1';
  const suite = compiledSuite();
  const { createVitest } = await import('vitest/node');
  const vitest = await withoutTheirSignalListeners(() =>
    createVitest('test', vitestOptions(cfg, args, state, suite), viteOptions(suite)),
  );
  state.vitest = vitest;
  vitest.provide('mockUrls', state.mocks?.urls ?? {});
  if (state.interrupted) await new Promise(() => {}); // interrupted while starting: the handler exits
  state.running = vitest.start().then(
    () => undefined,
    (error: unknown) => error ?? 'crashed',
  );
  const crash = await state.running;
  if (state.interrupted) await new Promise(() => {}); // the interrupt handler writes, cleans up and exits
  if (crash !== undefined) {
    const { setupCrashed } = await import('./setup-crash.ts');
    return setupCrashed(vitest, crash, cfg.reportsDir, startedAt);
  }
  const modules = vitest.state.getTestModules();
  const setupError = firstSetupError(modules, vitest.state.getUnhandledErrors());
  const failed = vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  await vitest.close();
  await state.mocks?.close();
  if (setupError) {
    console.error(`error: ${setupError.message}`);
    return setupError.exitCode;
  }
  return failed || process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main();
