import { describe, expect, it } from 'vitest';
import type { Exchange } from '../core/exchange.ts';
import {
  contextFor,
  exchange,
  exchanges,
  GOOD_THING,
  jsonResponse,
  TEST_TARGET,
} from '../testing/fixtures.ts';
import type { ReadBack } from './check.ts';
import { readAfterWrite } from './read-after-write.ts';

const profile = { ...TEST_TARGET.profile, consistency: { windowMs: 1000, notYetVisible: [404] } };
const ctx = { ...contextFor('CreateThing'), target: { ...TEST_TARGET, profile } };
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const write = exchange(jsonResponse(201, { id: 't1', name: 'One' }), {
  operation: 'CreateThing',
  elapsedMs: 0,
  startedAt: new Date(T0).toISOString(),
});
const reads = (...statuses: [number, number][]): Exchange[] =>
  statuses.map(([status, atMs], i) => {
    const response = status === 200 ? GOOD_THING : jsonResponse(status, { code: status, message: 'x' });
    return exchange(response, {
      purpose: { kind: 'poll', after: 'CreateThing', write: 'create', attempt: i + 1 },
      label: `read after CreateThing #${i + 1}`,
      startedAt: new Date(T0 + atMs).toISOString(),
    });
  });
const verdicts = (polled: Exchange[]) => {
  const readBacks: ReadBack[] =
    polled.length > 0 ? [{ read: 'GetThing', kind: 'create', reads: polled }] : [];
  return readAfterWrite.verify(ctx, { ...exchanges(write), readBacks }).map((f) => [f.severity, f.title]);
};

describe('consistency check', () => {
  it('applies to writes only', () => {
    expect(readAfterWrite.notApplicable?.(ctx)).toBeUndefined();
    expect(readAfterWrite.notApplicable?.(contextFor('GetThing'))).toBe('the operation is not a write');
  });

  it('notes a consistent read and flags a race inside the window as a warning with its time', () => {
    expect(verdicts(reads([200, 0], [200, 50], [200, 100]))).toEqual([
      ['note', 'Consistent: visible on the first read'],
    ]);
    expect(verdicts(reads([404, 0], [404, 50], [200, 320], [200, 370]))).toEqual([
      ['warning', 'Read-after-write race: visible after 320 ms'],
    ]);
  });

  it.each([
    [
      'late (a read that began after the window still missed it)',
      [
        [404, 0],
        [404, 1100],
        [200, 1300],
        [200, 1350],
      ],
      'Visible only after the consistency window',
    ],
    [
      'never',
      [
        [404, 0],
        [404, 2100],
      ],
      'Lost write: never visible',
    ],
    [
      'flapping',
      [
        [404, 0],
        [200, 200],
        [404, 250],
        [200, 300],
      ],
      'Flapping read: visible, then not visible again',
    ],
    [
      'a 401',
      [
        [404, 0],
        [401, 50],
      ],
      'Read after write failed',
    ],
  ] as [string, [number, number][], string][])('fails a read that is %s', (_, statuses, title) => {
    expect(verdicts(reads(...statuses))).toEqual([['error', title]]);
  });

  it('takes a poll that came late for a race, not for a late write: the last miss began within the window', () => {
    expect(verdicts(reads([404, 0], [200, 1083], [200, 1200]))).toEqual([
      ['warning', 'Read-after-write race: visible after 1083 ms'],
    ]);
  });

  it('leaves a 5xx to the read: it is neither lag nor the resource, and the reads go on', () => {
    expect(verdicts(reads([404, 0], [500, 50], [200, 300], [200, 350]))).toEqual([
      ['warning', 'Read-after-write race: visible after 300 ms'],
    ]);
    expect(verdicts(reads([500, 0], [500, 50]))).toEqual([['note', 'Read never answered']]);
  });

  it('notes a write that no read reflects', () => {
    expect(verdicts([])).toEqual([['note', 'No read to check']]);
  });
});
