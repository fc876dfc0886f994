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
import { probeVariant, readAfterWrite } from './read-after-write.ts';

const profile = { ...TEST_TARGET.profile, consistency: { windowMs: 1000, notYetVisible: [404] } };
const ctx = { ...contextFor('CreateThing'), target: { ...TEST_TARGET, profile } };
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const write = exchange(jsonResponse(201, { id: 't1', name: 'One' }), {
  operation: 'CreateThing',
  elapsedMs: 0,
  startedAt: new Date(T0).toISOString(),
});
const reads = (...statuses: [number, number][]): Record<string, Exchange> =>
  Object.fromEntries(
    statuses.map(([status, atMs], i) => {
      const name = probeVariant('create', 'GetThing', i + 1);
      const response = status === 200 ? GOOD_THING : jsonResponse(status, { code: status, message: 'x' });
      return [name, exchange(response, { variant: name, startedAt: new Date(T0 + atMs).toISOString() })];
    }),
  );
const verdicts = (probe: Record<string, Exchange>) =>
  readAfterWrite.verify(ctx, exchanges(write, probe)).map((f) => [f.severity, f.title]);

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
      'late',
      [
        [404, 0],
        [404, 600],
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
      'a 500',
      [
        [404, 0],
        [500, 50],
      ],
      'Read after write failed',
    ],
  ] as [string, [number, number][], string][])('fails a read that is %s', (_, statuses, title) => {
    expect(verdicts(reads(...statuses))).toEqual([['error', title]]);
  });

  it('validates the read that finally shows the write against its schema', () => {
    const name = probeVariant('create', 'GetThing', 1);
    const bad = {
      [name]: exchange(jsonResponse(200, { id: 1 }, { 'x-request-id': 'r' }), {
        variant: name,
        startedAt: new Date(T0).toISOString(),
      }),
    };
    expect(verdicts(bad).map(([, title]) => title)).toContain('Response body violates the schema');
  });

  it('notes a write that no read reflects', () => {
    expect(verdicts({})).toEqual([['note', 'No read to check']]);
  });
});
