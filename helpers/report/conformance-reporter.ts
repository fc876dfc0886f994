import { relative } from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';
import { type FinishedTest, summarize } from './summary.ts';
import type { ExchangeRecord, RunRecord } from './test-record.ts';
import { writeReports } from './write-reports.ts';

const firstLine = (text: string | undefined) => (text ?? 'unknown error').split('\n')[0] ?? '';

/**
 * Writes reports/summary.json and the self-contained reports/index.html at the end of every run, also a failed
 * or interrupted one (then marked incomplete), from what each conformance test left in its meta.
 */
export class ConformanceReporter implements Reporter {
  private readonly startedAt = new Date().toISOString();
  private readonly start = performance.now();
  /** Set once the interrupted reports are written: nothing vitest reports after that may overwrite them. */
  private interrupted = false;
  constructor(private readonly dir: string) {}

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
    const tests: FinishedTest[] = [];
    const exchanges: Record<number, readonly ExchangeRecord[]> = {};
    const runs: RunRecord[] = [];
    const errors: string[] = [];
    let index = 0;
    for (const module of testModules) {
      const file = relative(process.cwd(), module.moduleId);
      for (const error of module.errors()) errors.push(`${file}: ${firstLine(error.message)}`);
      for (const suite of module.children.allSuites()) {
        const run = suite.meta().conformanceRun;
        if (run) runs.push(run);
        for (const error of suite.errors())
          errors.push(`${file} › ${suite.name}: ${firstLine(error.message)}`);
      }
      for (const test of module.children.allTests()) {
        const record = test.meta().conformance;
        const state = test.result().state;
        if (reason === 'interrupted' && state === 'pending') continue;
        tests.push({
          ...(record ? { record } : {}),
          state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
        });
        if (record) exchanges[index++] = record.exchanges;
      }
    }
    for (const error of unhandledErrors) errors.push(firstLine(error.message));
    const summary = summarize({
      tests,
      runs,
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.start),
      endReason: reason,
      errors,
    });
    writeReports(this.dir, summary, exchanges, junit);
  }
}
