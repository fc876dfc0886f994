import { describe, expect, it } from 'vitest';
import { exchange, jsonResponse } from '../testing/fixtures.ts';
import { type Attempt, classify, expectationOf, observable, timingStats, visibility } from './visibility.ts';

const at = (atMs: number, v: Attempt['visibility']): Attempt => ({ atMs, visibility: v });

describe('classify', () => {
  it.each([
    [
      'consistent',
      'create',
      [at(0, 'visible'), at(50, 'visible')],
      { outcome: 'consistent', timeToVisibleMs: 0 },
    ],
    [
      'race',
      'create',
      [at(0, 'not-yet'), at(50, 'not-yet'), at(310, 'visible'), at(360, 'visible')],
      { outcome: 'race', timeToVisibleMs: 310 },
    ],
    [
      'window exceeded',
      'create',
      [at(0, 'not-yet'), at(1100, 'not-yet'), at(1200, 'visible')],
      { outcome: 'window-exceeded', timeToVisibleMs: 1200 },
    ],
    [
      'a late poll, not a late write: the last read that missed it began within the window',
      'create',
      [at(0, 'not-yet'), at(1083, 'visible'), at(1200, 'visible')],
      { outcome: 'race', timeToVisibleMs: 1083 },
    ],
    [
      'window exceeded, seen by a read that began after it',
      'delete',
      [at(0, 'not-yet'), at(1001, 'not-yet'), at(1083, 'visible')],
      { outcome: 'window-exceeded', timeToVisibleMs: 1083 },
    ],
    ['lost write', 'create', [at(0, 'not-yet'), at(2100, 'not-yet')], { outcome: 'never-visible' }],
    ['lost update', 'update', [at(0, 'not-yet'), at(2100, 'not-yet')], { outcome: 'lost-update' }],
    [
      'delete not effective',
      'delete',
      [at(0, 'not-yet'), at(2100, 'not-yet')],
      { outcome: 'delete-not-effective' },
    ],
    [
      'flapping',
      'create',
      [at(0, 'not-yet'), at(200, 'visible'), at(250, 'not-yet'), at(300, 'visible')],
      { outcome: 'flapping', timeToVisibleMs: 200 },
    ],
    ['a failed read', 'create', [at(0, 'not-yet'), at(50, 'failed')], { outcome: 'read-failed' }],
    [
      'a 5xx left out',
      'create',
      [at(0, 'visible'), at(50, 'unanswered'), at(100, 'visible')],
      { outcome: 'consistent', timeToVisibleMs: 0 },
    ],
    ['nothing answered', 'create', [at(0, 'unanswered')], { outcome: 'unanswered' }],
  ] as const)('%s', (_, kind, attempts, expected) => {
    expect(classify(kind, attempts, 1000)).toEqual(expected);
  });

  it('fails any lag when the window is 0', () => {
    expect(classify('create', [at(0, 'not-yet'), at(50, 'visible')], 0).outcome).toBe('window-exceeded');
  });
});

describe('visibility', () => {
  const read = (status: number, body: unknown = {}) => exchange(jsonResponse(status, body));
  it('treats the profile statuses as lag, other errors as failure, and a 5xx as no answer', () => {
    expect(visibility('create', read(404), [404, 403])).toBe('not-yet');
    expect(visibility('create', read(403), [404, 403])).toBe('not-yet');
    expect(visibility('create', read(200), [404, 403])).toBe('visible');
    expect(visibility('create', read(500), [404, 403])).toBe('unanswered');
    expect(visibility('delete', read(503), [404])).toBe('unanswered');
    expect(visibility('create', read(403), [404])).toBe('failed');
  });

  it('sees a delete once the resource is gone', () => {
    expect(visibility('delete', read(200), [404, 403])).toBe('not-yet');
    expect(visibility('delete', read(404), [404, 403])).toBe('visible');
    expect(visibility('delete', read(410), [404])).toBe('visible');
  });

  it('sees an update once the read shows the fields it set', () => {
    const write = exchange(jsonResponse(204, {}), {
      request: {
        method: 'PUT',
        url: 'http://h/x/1/name',
        headers: {},
        body: '{"name":"new","nested":{"a":1}}',
      },
    });
    const expected = expectationOf(write);
    expect(expected).toEqual({ fields: { name: 'new' } });
    expect(visibility('update', read(200, { id: 1, name: 'old' }), [404], expected)).toBe('not-yet');
    expect(visibility('update', read(200, { id: 1, name: 'new' }), [404], expected)).toBe('visible');
    expect(observable(expected, read(200, { id: 1 }))).toBeUndefined();
    expect(expectationOf({ ...write, request: { ...write.request, body: 'values:\n  a: 1\n' } })).toEqual({
      text: 'values:\n  a: 1',
    });
  });
});

describe('timingStats', () => {
  it('gives count, nearest-rank p50 and p95, and max', () => {
    expect(timingStats([300, 100, 200, 400])).toEqual({ count: 4, p50: 200, p95: 400, max: 400 });
    expect(timingStats([])).toEqual({ count: 0, p50: 0, p95: 0, max: 0 });
  });
});
