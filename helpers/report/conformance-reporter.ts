import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason, TestSpecification } from 'vitest/node';
import { collectRun } from './collect-run.ts';
import { summarize } from './summary.ts';
import { writeReports } from './write-reports.ts';

/**
 * Writes reports/summary.json and the self-contained reports/index.html at the end of every run, also a failed
 * or interrupted one (then marked incomplete), from what each conformance test left in its meta.
 */
export class ConformanceReporter implements Reporter {
  private readonly startedAt = new Date().toISOString();
  private readonly start = performance.now();
  /** Set once the interrupted reports are written: nothing vitest reports after that may overwrite them. */
  private interrupted = false;
  /** How many test files the run set out to run. */
  private planned = 0;
  constructor(private readonly dir: string) {}

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.planned = specifications.length;
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    if (!this.interrupted) this.write(testModules, unhandledErrors, reason, false);
  }

  /** Writes the reports of an interrupted run from what has finished so far, JUnit included; synchronous. */
  writeInterrupted(testModules: ReadonlyArray<TestModule>): void {
    this.interrupted = true;
    this.write(
      testModules,
      [{ message: 'The run was interrupted (SIGINT or SIGTERM) before every check finished' }],
      'interrupted',
      true,
    );
  }

  private write(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
    junit: boolean,
  ): void {
    const { tests, exchanges, runs, errors } = collectRun(testModules, unhandledErrors, reason, this.planned);
    const summary = summarize({
      tests,
      runs,
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.start),
      endReason: reason,
      errors,
    });
    // A run whose set-up failed leaves no JUnit file of vitest's behind: write the incomplete one.
    writeReports(this.dir, summary, exchanges, junit || (this.planned > 0 && testModules.length === 0));
  }
}
