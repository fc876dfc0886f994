import { describe, expect, it } from 'vitest';
import { reproduction } from './reproduction.ts';
import type { ExchangeRecord, TestRecord } from './test-record.ts';

const exchange = (
  operation: string,
  variant: string,
  method: string,
  url: string,
  status: number,
): ExchangeRecord => ({
  variant,
  operation,
  method,
  url,
  requestHeaders: {},
  status,
  responseHeaders: {},
  responseBody: '',
  elapsedMs: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  curl: `curl -X ${method} '${url}'`,
});

describe('reproduction', () => {
  it('of a lost write repeats the reads that never showed it, each by the operation that answered, not the write', () => {
    const record: TestRecord = {
      api: 'cp',
      tag: 'workspaces',
      operation: 'CreateWorkspace',
      method: 'POST',
      path: '/workspaces',
      check: 'consistency',
      outcome: 'failed',
      validated: true,
      findings: [
        {
          check: 'consistency',
          operation: 'CreateWorkspace',
          severity: 'error',
          title: 'Lost write: never visible',
          message: 'GetWorkspace after create: …',
          variant: 'read after CreateWorkspace #2',
          data: { read: 'GetWorkspace' },
        },
      ],
      exchanges: [
        exchange('CreateWorkspace', 'baseline', 'POST', 'http://h/workspaces', 201),
        exchange('GetWorkspace', 'read after CreateWorkspace #1', 'GET', 'http://h/workspaces/w1', 404),
        exchange('GetWorkspace', 'read after CreateWorkspace #2', 'GET', 'http://h/workspaces/w1', 404),
        // Same label, another read: not what the finding is about.
        exchange(
          'ListMembers',
          'read after CreateWorkspace #2',
          'GET',
          'http://h/workspaces/w1/members',
          200,
        ),
      ],
    };
    const text = reproduction(record);
    expect(text).toContain(
      "--- GetWorkspace (read after CreateWorkspace #2) ---\ncurl -X GET 'http://h/workspaces/w1'",
    );
    expect(text).not.toContain('-X POST');
    expect(text).not.toContain('/members');
    expect(text.match(/^--- /gm)).toHaveLength(1);
  });
});
