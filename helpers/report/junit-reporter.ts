import { relative } from 'node:path';
import type { TestModule } from 'vitest/node';
import { JUnitReporter } from 'vitest/node';
import { escapeXml } from './escape.ts';
import { reproduction } from './reproduction.ts';
import type { TestRecord } from './test-record.ts';

type Attrs = Record<string, unknown>;

/**
 * Vitest's JUnit reporter, changed in three places: conformance testcases are named `api.tag.operation` / `check`
 * so CI test tabs group them by API and operation; a failure's message is its findings and its body the
 * reproduction (curl, status, headers, body excerpt); the run and each suite carry their start time.
 */
export class ConformanceJUnitReporter extends JUnitReporter {
  private readonly records = new Map<string, TestRecord>();
  private readonly suiteStarts = new Map<string, string>();
  private readonly runStart = new Date().toISOString();
  private current: TestRecord | undefined;

  override async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
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
      }
    }
    await super.onTestRunEnd(testModules);
  }

  override async writeElement(name: string, attrs: Attrs, children: () => Promise<void>): Promise<void> {
    let write = children;
    let out = attrs;
    if (name === 'testsuites') out = { ...attrs, timestamp: this.runStart };
    if (name === 'testsuite')
      out = { ...attrs, timestamp: this.suiteStarts.get(String(attrs.name)) ?? attrs.timestamp };
    if (name === 'testcase') {
      this.current = this.records.get(String(attrs.name));
      const r = this.current;
      if (r)
        out = {
          ...attrs,
          classname: `${r.api}.${r.tag}.${r.operation}`,
          name: `${r.check} (${r.method} ${r.path})`,
        };
    }
    const record = this.current;
    if (name === 'failure' && record) {
      const errors = record.findings.filter((f) => f.severity === 'error');
      out = { ...attrs, message: errors.map((f) => `${f.title}: ${f.message}`).join(' | ') };
      // `baseLog` is the reporter's own writer to the report file; the body is raw text, escaped here.
      const log = (this as unknown as { baseLog: (text: string) => Promise<void> }).baseLog;
      write = () => log(escapeXml(reproduction(record)));
    }
    await super.writeElement(name, out, write);
  }
}
