import { escapeXml } from './escape.ts';
import type { Summary } from './summary.ts';

/**
 * A JUnit file written from the summary, for runs that end before vitest's JUnit reporter can write (a setup
 * error, an interrupt). Same names as the regular file; the run's errors become one failing `run` testcase.
 */
export function junitFromSummary(summary: Summary): string {
  const cases = summary.tests.map((t) => {
    const name = `classname="${escapeXml(`${t.api}.${t.tag}.${t.operation}`)}" name="${escapeXml(`${t.check} (${t.method} ${t.path})`)}" time="${(t.durationMs / 1000).toFixed(3)}"`;
    const errors = t.findings.filter((f) => f.severity === 'error');
    if (t.outcome === 'skipped')
      return `        <testcase ${name}>\n            <skipped message="${escapeXml(t.reason ?? '')}"/>\n        </testcase>`;
    if (t.outcome === 'failed')
      return `        <testcase ${name}>\n            <failure message="${escapeXml(errors.map((f) => `${f.title}: ${f.message}`).join(' | '))}" type="ConformanceFailure"/>\n        </testcase>`;
    return `        <testcase ${name}/>`;
  });
  if (summary.errors.length > 0) {
    const message = escapeXml(summary.errors.join(' | '));
    cases.push(
      `        <testcase classname="run" name="${escapeXml(`run ${summary.endReason}`)}" time="0">\n            <failure message="${message}" type="IncompleteRun">${message}</failure>\n        </testcase>`,
    );
  }
  const failures = summary.totals.failed + (summary.errors.length > 0 ? 1 : 0);
  const seconds = (summary.durationMs / 1000).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<testsuites name="api-conformance" ${counts} time="${seconds}" timestamp="${summary.startedAt}">\n    <testsuite name="conformance (${escapeXml(summary.endReason)})" timestamp="${summary.startedAt}" hostname="localhost" ${counts} skipped="${summary.totals.skipped}" time="${seconds}">\n${cases.join('\n')}\n    </testsuite>\n</testsuites>\n`;
}
