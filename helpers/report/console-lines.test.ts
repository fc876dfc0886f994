import { describe, expect, it } from 'vitest';
import { closingLines, failureLine, paint, targetLine } from './console-lines.ts';
import { type Summary, type Totals, zero } from './summary.ts';

const totals = (t: Partial<Totals>): Totals => ({ ...zero(), ...t });
const plain = paint(false);

describe('console lines', () => {
  it('says per target what passed, failed and was skipped, races and warnings apart', () => {
    const t = totals({ tests: 10, passed: 6, failed: 1, skipped: 3, races: 2, warnings: 1 });
    expect(
      targetLine('demo (embedded mock)', { totals: t, durationMs: 2345, errors: 0, noun: 'check' }, plain),
    ).toBe('✗ demo (embedded mock)  10 checks: 6 passed (2 races, 1 warning), 1 failed, 3 skipped · 2.3 s');
  });

  it('keeps one failure on one line, the rest of its findings counted', () => {
    const line = failureLine(
      'demo › getItem › schema (GET /items/{id})',
      'Bad: Received: 1 / Documented: string\nMore: …\n',
      plain,
    );
    expect(line).toBe(
      '✗ demo › getItem › schema (GET /items/{id}): Bad: Received: 1 / Documented: string (+1 more)',
    );
    expect(failureLine('x', 'y'.repeat(5_000), plain).length).toBeLessThan(320);
  });

  it('colours only when asked, so files and CI logs get plain text', () => {
    expect(paint(true).red('✗')).toBe('\u001b[31m✗\u001b[39m');
    expect(paint(false).red('✗')).toBe('✗');
  });

  it('ends with the totals and the three report paths, and says when the run is incomplete', () => {
    const summary = {
      complete: false,
      endReason: 'failed',
      errors: ["The run's set-up failed"],
      durationMs: 1500,
      totals: totals({}),
      otherTests: totals({}),
    } as unknown as Summary;
    expect(closingLines(summary, ['r/junit.xml', 'r/index.html', 'r/summary.json'], plain)).toEqual([
      'Incomplete run (failed):',
      "  error: The run's set-up failed",
      'Conformance: 0 checks: 0 passed, 0 failed, 0 skipped · 1.5 s',
      'Reports: r/junit.xml',
      '         r/index.html',
      '         r/summary.json',
    ]);
  });
});
