import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.ts';
import { summarize } from './summary.ts';
import type { TestRecord } from './test-record.ts';

const record = (operation: string, check: string, findings: Finding[]): TestRecord => ({
  api: 'demo',
  tag: 'items',
  operation,
  method: 'GET',
  path: `/${operation}`,
  check,
  outcome: 'passed',
  validated: true,
  findings,
  exchanges: [],
});
const warning = (check: string, title: string, data?: Record<string, unknown>): Finding => ({
  check,
  operation: 'x',
  severity: 'warning',
  title,
  message: 'Received: … / Documented: …',
  ...(data ? { data } : {}),
});

describe('summarize', () => {
  it('counts only read-after-write races as races, and every other warning apart', () => {
    const summary = summarize({
      tests: [
        {
          record: record('a', 'consistency', [
            warning('consistency', 'Read-after-write race', { outcome: 'race' }),
          ]),
          state: 'passed',
          durationMs: 1,
        },
        {
          record: record('b', 'status', [warning('status', 'Answered after 2 retries')]),
          state: 'passed',
          durationMs: 1,
        },
        {
          record: record('c', 'pagination', [warning('pagination', 'Walk stopped early')]),
          state: 'passed',
          durationMs: 1,
        },
        { record: record('d', 'schema', []), state: 'passed', durationMs: 1 },
        {
          record: record('e', 'status', [warning('status', 'Answered after 1 retries')]),
          state: 'failed',
          durationMs: 1,
        },
      ],
      runs: [],
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 5,
      endReason: 'failed',
      errors: [],
    });
    expect(summary.totals).toMatchObject({ tests: 5, passed: 4, failed: 1, races: 1, warnings: 2 });
    expect(summary.tests.map((t) => t.outcome)).toEqual(['race', 'warning', 'warning', 'passed', 'failed']);
    expect(summary.apis.demo).toEqual(summary.totals);
  });
});
