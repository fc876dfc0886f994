import { isAbsolute, join, relative, resolve } from 'node:path';
import type { SerializedError, UserConsoleLog } from 'vitest';
import type {
  Reporter,
  TestCase,
  TestModule,
  TestRunEndReason,
  TestSpecification,
  TestSuite,
} from 'vitest/node';
import { collectRun, firstLine } from './collect-run.ts';
import {
  closingLines,
  failureLine,
  MAX_FAILURE_LINES,
  type Paint,
  paint,
  targetLine,
} from './console-lines.ts';
import { type FinishedTest, summarize } from './summary.ts';

/** Where the console reporter writes and how. */
export interface ConsoleOptions {
  readonly reportsDir: string;
  /** ANSI colours: only on a terminal, and never with NO_COLOR. */
  readonly color: boolean;
  /** Progress lines redrawn in place: only on a terminal; elsewhere each target prints one line when it ends. */
  readonly live: boolean;
  readonly out?: { write: (text: string) => unknown };
}

/** A test as the summary counts it. */
const finished = (test: TestCase): FinishedTest => {
  const record = test.meta().conformance;
  return {
    ...(record ? { record } : {}),
    state: test.result().state,
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
};

/** Where a failed test is, for its console line: `api › operation › check (METHOD path)`, or its vitest name. */
function whereOf(test: TestCase): string {
  const r = test.meta().conformance;
  return r ? `${r.api} › ${r.operation} › ${r.check} (${r.method} ${r.path})` : test.fullName;
}

/**
 * The console of `npm run conformance`: one line per target (redrawn while it runs on a terminal), then one line
 * per failed operation × check with what was received and documented, the totals, and where the reports are. A
 * run with a few failures fits on one screen whatever the size of the spec; the reports hold the rest.
 */
export class ConsoleReporter implements Reporter {
  private readonly p: Paint;
  private readonly out: { write: (text: string) => unknown };
  private readonly started = performance.now();
  private readonly running = new Map<
    string,
    { suite: TestSuite; done: number; total: number; since: number }
  >();
  /** Lines of the live region now on screen (a terminal only), so they can be redrawn in place. */
  private drawn = 0;
  private lastDraw = 0;
  private planned = 0;
  /** Redraws the live region every second while targets run, so a long first phase still shows it is alive. */
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: ConsoleOptions) {
    this.p = paint(options.color);
    this.out = options.out ?? process.stdout;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.planned = specifications.length;
    if (this.options.live) this.ticker = setInterval(() => this.draw(true), 1_000).unref();
  }

  onTestSuiteReady(suite: TestSuite): void {
    if (suite.parent.type !== 'module') return;
    this.running.set(suite.id, {
      suite,
      done: 0,
      total: [...suite.children.allTests()].length,
      since: performance.now(),
    });
    this.draw(true);
  }

  onTestCaseResult(test: TestCase): void {
    let parent = test.parent;
    while (parent.type === 'suite' && parent.parent.type === 'suite') parent = parent.parent;
    const progress = this.running.get(parent.id);
    if (!progress) return;
    progress.done++;
    this.draw(false);
  }

  onTestSuiteResult(suite: TestSuite): void {
    if (suite.parent.type !== 'module') return;
    this.running.delete(suite.id);
    const tests = [...suite.children.allTests()];
    const errors = suite.errors().length;
    // A suite of one placeholder test (a profile not selected) says why in one line.
    const [only] = tests;
    if (tests.length === 1 && only && !only.meta().conformance && only.result().state === 'skipped') {
      this.print([`${this.p.dim('–')} ${suite.name}  ${this.p.dim(`skipped: ${only.name}`)}`]);
      return;
    }
    const { totals, otherTests } = summarize({
      tests: tests.map(finished),
      runs: [],
      startedAt: '',
      durationMs: 0,
      endReason: '',
      errors: [],
    });
    const durationMs =
      suite.meta().conformanceRun?.durationMs ??
      tests.reduce((n, t) => n + (t.diagnostic()?.duration ?? 0), 0);
    const noun = totals.tests > 0 ? 'check' : 'test';
    const counted = totals.tests > 0 ? totals : otherTests;
    // Tests beside the checks (the cleanup test) fail the target too.
    const failedBeside = totals.tests > 0 ? otherTests.failed : 0;
    this.print([
      targetLine(suite.name, { totals: counted, durationMs, errors: errors + failedBeside, noun }, this.p),
    ]);
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    this.print([log.content.replace(/\n$/, '')]);
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    clearInterval(this.ticker);
    this.running.clear();
    const failures = testModules
      .flatMap((m) => [...m.children.allTests()])
      .filter((t) => t.result().state === 'failed');
    const lines: string[] = [];
    if (failures.length > 0) lines.push('', this.p.bold(`Failed (${failures.length}):`));
    for (const test of failures.slice(0, MAX_FAILURE_LINES)) {
      const result = test.result();
      const message = result.state === 'failed' ? result.errors.map((e) => e.message).join('\n') : '';
      lines.push(failureLine(whereOf(test), message || firstLine(undefined), this.p));
    }
    if (failures.length > MAX_FAILURE_LINES)
      lines.push(
        `… and ${failures.length - MAX_FAILURE_LINES} more: index.html (outcome: failed) lists them all`,
      );
    if (failures.length > 0)
      lines.push(
        this.p.dim(
          "Each failure's curl command and the response: index.html (click the ✗ cell) and the <failure> bodies of junit.xml",
        ),
      );
    const run = collectRun(testModules, unhandledErrors, reason, this.planned);
    const summary = summarize({
      ...run,
      startedAt: '',
      durationMs: Math.round(performance.now() - this.started),
      endReason: reason,
    });
    lines.push('', ...closingLines(summary, this.reportPaths(), this.p));
    this.print(lines);
  }

  /** The three reports, relative to the working directory when they are under it. */
  private reportPaths(): string[] {
    return ['junit.xml', 'index.html', 'summary.json'].map((name) => {
      const path = resolve(this.options.reportsDir, name);
      const near = relative(process.cwd(), path);
      return near.startsWith('..') || isAbsolute(near) ? path : join(near);
    });
  }

  /** Prints lines above the live region, then redraws it. */
  private print(lines: readonly string[]): void {
    this.clear();
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
    this.draw(true);
  }

  private clear(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  /** The live region: one line per running target; redrawn at most every 100 ms unless forced. */
  private draw(force: boolean): void {
    if (!this.options.live) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.clear();
    const lines = [...this.running.values()].map((r) =>
      targetLine(r.suite.name, { done: r.done, total: r.total, ms: now - r.since }, this.p),
    );
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
