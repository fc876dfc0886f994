import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { RunnerTask, SerializedError } from 'vitest';
import type { TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { JUnitReporter } from 'vitest/node';
import { collectRun } from './collect-run.ts';
import { escapeXml } from './escape.ts';
import { reproduction } from './reproduction.ts';
import type { TestRecord } from './test-record.ts';

type Attrs = Record<string, unknown>;
/** The parts of vitest's JUnit reporter this subclass writes through (private in its typings). */
interface JUnitInternals {
  baseLog: (text: string) => Promise<void>;
  logger: { log: (text: string) => Promise<void>; indent: () => void; unindent: () => void };
  reportFile?: string;
  writeLogs: (task: RunnerTask, type: 'out' | 'err') => Promise<void>;
}

// The base class formats every duration with `toLocaleString`, which builds a number format per call: 60,000
// testcases spent three seconds there. Same output, one format.
const SECONDS = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 10 });
const seconds = (ms: number) => SECONDS.format(ms / 1000);
type IndentedLogger = new (log: (text: string) => Promise<void>) => JUnitInternals['logger'];

/**
 * Vitest's JUnit reporter, changed where CI test tabs need it: conformance testcases are named
 * `api.tag.operation` / `check (METHOD path)` so they group by API and operation; a failure's message is its
 * findings and its body the reproduction (curl, status, headers, body excerpt); a skipped testcase carries its
 * reason as `<skipped message>`; the run and each suite carry their start time; a run whose set-up failed
 * before any file ran gets one failing `run` testcase saying so. It leaves printing the file's path to the console.
 */
export class ConformanceJUnitReporter extends JUnitReporter {
  private readonly records = new Map<string, TestRecord>();
  private readonly skipNotes = new Map<string, string>();
  private readonly suiteStarts = new Map<string, string>();
  private readonly runStart = new Date().toISOString();
  private planned = 0;
  private setupFailure: string | undefined;
  private readonly lines: string[] = [];

  /**
   * The base class awaits one file write per line: 12,000 testcases took 12 s after the run, most of it waiting
   * on the file system. Lines are kept in memory instead and the file is written once, at the end.
   */
  override async onInit(ctx: Vitest): Promise<void> {
    await super.onInit(ctx);
    const self = this as unknown as JUnitInternals;
    if (self.reportFile === undefined) return;
    self.baseLog = async (text) => {
      this.lines.push(text);
    };
    self.logger = new (self.logger.constructor as IndentedLogger)(self.baseLog);
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.planned = specifications.length;
  }

  override async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
    reason: TestRunEndReason = 'passed',
  ): Promise<void> {
    for (const module of testModules) {
      const starts = [...module.children.allTests()].flatMap((t) => t.diagnostic()?.startTime ?? []);
      if (starts.length > 0)
        this.suiteStarts.set(
          relative(process.cwd(), module.moduleId),
          new Date(Math.min(...starts)).toISOString(),
        );
      for (const test of module.children.allTests()) {
        const record = test.meta().conformance;
        if (record) this.records.set(test.fullName, record);
        const result = test.result();
        // A test skipped without a reason of its own says why in its name or in a suite's (a profile not
        // selected, a live target not configured): the full name carries both.
        const note =
          result.state === 'skipped' ? (record?.reason ?? result.note ?? test.fullName) : undefined;
        if (note) this.skipNotes.set(test.fullName, note);
      }
    }
    if (testModules.length === 0 && this.planned > 0)
      this.setupFailure = collectRun(testModules, unhandledErrors, reason, this.planned).errors.join(' | ');
    const self = this as unknown as JUnitInternals;
    const file = self.reportFile;
    // Without its file name the base class skips its own console line; the console reporter prints the path.
    self.reportFile = undefined;
    try {
      await super.onTestRunEnd(testModules);
    } finally {
      self.reportFile = file;
    }
    if (file !== undefined) await writeFile(file, `${this.lines.splice(0).join('\n')}\n`);
  }

  /**
   * Conformance testcases are written here; the project's own tests by the base class, as vitest writes them.
   * Written for the options `reporters.ts` sets (an output file, a suite name): `classnameTemplate` and
   * `addFileAttribute` are not applied to conformance testcases.
   */
  override async writeTasks(tasks: RunnerTask[], filename: string): Promise<void> {
    for (const task of tasks) {
      const record = task.type === 'test' ? this.records.get(task.name) : undefined;
      if (record) await this.writeCase(task, `${record.api}.${record.tag}.${record.operation}`, record);
      // A test skipped without a record (a profile not selected) still says why.
      else if (this.skipNotes.has(task.name)) await this.writeCase(task, filename, undefined);
      else await super.writeTasks([task], filename);
    }
  }

  /**
   * One testcase, in the base class's layout; a conformance test's is named by API, operation and check; a skip
   * carries its reason as `<skipped message>` (CI test tabs show it); the test's notes (its meta) and annotations
   * are properties; a failure's message is its findings and its body the reproduction (curl, status, headers,
   * body).
   */
  private async writeCase(task: RunnerTask, classname: string, r: TestRecord | undefined): Promise<void> {
    const self = this as unknown as JUnitInternals;
    const { logger } = self;
    const name = r ? `${r.check} (${r.method} ${r.path})` : task.name;
    const time = seconds(task.result?.duration ?? 0);
    await logger.log(
      `<testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="${time}">`,
    );
    logger.indent();
    await self.writeLogs(task, 'out');
    await self.writeLogs(task, 'err');
    if (task.mode === 'skip' || task.mode === 'todo') {
      const note = this.skipNotes.get(task.name);
      await logger.log(note === undefined ? '<skipped/>' : `<skipped message="${escapeXml(note)}"/>`);
    }
    const notes = [...(task.type === 'test' ? task.annotations : []), ...(task.meta.conformanceNotes ?? [])];
    if (notes.length > 0) {
      await logger.log('<properties>');
      logger.indent();
      for (const n of notes) {
        await logger.log(`<property name="${escapeXml(n.type)}" value="${escapeXml(n.message)}">`);
        await logger.log('</property>');
      }
      logger.unindent();
      await logger.log('</properties>');
    }
    if (r && task.result?.state === 'fail') {
      const message = r.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.title}: ${f.message}`)
        .join(' | ');
      for (const error of task.result.errors ?? []) {
        const type = error?.name === undefined ? '' : ` type="${escapeXml(error.name)}"`;
        await logger.log(`<failure message="${escapeXml(message)}"${type}>`);
        logger.indent();
        // The body is raw text written by the reporter's own writer, escaped here.
        await self.baseLog(escapeXml(reproduction(r)));
        logger.unindent();
        await logger.log('</failure>');
      }
    }
    logger.unindent();
    await logger.log('</testcase>');
  }

  override async writeElement(name: string, attrs: Attrs, children: () => Promise<void>): Promise<void> {
    let write = children;
    let out = attrs;
    if (name === 'testsuites') {
      out = { ...attrs, timestamp: this.runStart };
      const failure = this.setupFailure;
      if (failure !== undefined) {
        out = { ...out, tests: 1, failures: 1 };
        write = () => this.writeSetupFailure(failure);
      }
    }
    if (name === 'testsuite')
      out = { ...attrs, timestamp: this.suiteStarts.get(String(attrs.name)) ?? attrs.timestamp };
    await super.writeElement(name, out, write);
  }

  /** One suite with one failing testcase: the run's set-up failed, and why. */
  private async writeSetupFailure(message: string): Promise<void> {
    const { baseLog } = this as unknown as JUnitInternals;
    const suite = {
      name: 'run',
      timestamp: this.runStart,
      hostname: 'localhost',
      tests: 1,
      failures: 1,
      errors: 0,
      skipped: 0,
      time: 0,
    };
    await super.writeElement('testsuite', suite, () =>
      super.writeElement('testcase', { classname: 'run', name: 'run setup-error', time: 0 }, () =>
        super.writeElement('failure', { message, type: 'SetupFailure' }, () => baseLog(escapeXml(message))),
      ),
    );
  }
}
