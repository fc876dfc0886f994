import { relative } from 'node:path';
import type { SerializedError } from 'vitest';
import type { TestModule, TestRunEndReason } from 'vitest/node';
import type { FinishedTest } from './summary.ts';
import type { ExchangeRecord, RunRecord } from './test-record.ts';

/** What the reporters read from vitest's finished modules: tests, suite records, exchanges and errors. */
export interface CollectedRun {
  readonly tests: FinishedTest[];
  /** The judged exchanges of each conformance test, by its index among the tests that have a record. */
  readonly exchanges: Record<number, readonly ExchangeRecord[]>;
  readonly runs: RunRecord[];
  readonly errors: string[];
}

/** The first line of an error message: the reports and the console show one line per error. */
export const firstLine = (text: string | undefined): string => (text ?? 'unknown error').split('\n')[0] ?? '';

/**
 * Collects what each conformance test and suite left in its meta, and every error of a module, suite or the
 * run. `planned` is how many test files the run set out to run: none finishing means its set-up failed.
 */
export function collectRun(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
  planned: number,
): CollectedRun {
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
      for (const error of suite.errors()) errors.push(`${file} › ${suite.name}: ${firstLine(error.message)}`);
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
  // A global set-up that throws (an embedded mock that cannot start) ends the run before any file runs, and
  // vitest reports no error to reporters: without this the reports would read 0 of 0, complete.
  if (planned > 0 && testModules.length === 0 && reason !== 'interrupted' && errors.length === 0)
    errors.push(
      `The run's set-up failed before any of its ${planned} test files ran (global set-up: starting the embedded mocks); the error is on the console`,
    );
  return { tests, exchanges, runs, errors };
}
