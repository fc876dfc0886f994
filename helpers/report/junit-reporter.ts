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
  logger: { log: (text: string) => Promise<void> };
  reportFile?: string;
}
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
  private current: TestRecord | undefined;
  private currentNote: string | undefined;
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

  /** A test's notes (its meta) are written as properties, as the base class writes annotations. */
  override async writeTasks(tasks: RunnerTask[], filename: string): Promise<void> {
    const noted = tasks.map((task) => {
      const notes = task.type === 'test' ? task.meta.conformanceNotes : undefined;
      return notes && task.type === 'test' ? { ...task, annotations: [...task.annotations, ...notes] } : task;
    });
    await super.writeTasks(noted, filename);
  }

  override async writeElement(name: string, attrs: Attrs, children: () => Promise<void>): Promise<void> {
    const self = this as unknown as JUnitInternals;
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
    if (name === 'testcase') {
      this.current = this.records.get(String(attrs.name));
      this.currentNote = this.skipNotes.get(String(attrs.name));
      const r = this.current;
      if (r)
        out = {
          ...attrs,
          classname: `${r.api}.${r.tag}.${r.operation}`,
          name: `${r.check} (${r.method} ${r.path})`,
        };
      // The base class writes a bare `<skipped/>`; CI test tabs show a skip's `message`, so it carries the reason.
      const note = this.currentNote;
      if (note !== undefined) write = () => this.withSkipMessage(note, children);
    }
    const record = this.current;
    if (name === 'failure' && record) {
      const errors = record.findings.filter((f) => f.severity === 'error');
      out = { ...attrs, message: errors.map((f) => `${f.title}: ${f.message}`).join(' | ') };
      // The body is raw text written by the reporter's own writer, escaped here.
      write = () => self.baseLog(escapeXml(reproduction(record)));
    }
    await super.writeElement(name, out, write);
  }

  private async withSkipMessage(note: string, children: () => Promise<void>): Promise<void> {
    const { logger } = this as unknown as JUnitInternals;
    const log = logger.log;
    logger.log = (text) =>
      log.call(logger, text === '<skipped/>' ? `<skipped message="${escapeXml(note)}"/>` : text);
    try {
      await children();
    } finally {
      logger.log = log;
    }
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
