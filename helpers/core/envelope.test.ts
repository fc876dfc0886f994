import { describe, expect, it } from 'vitest';
import { readAfterWrite } from '../checks/read-after-write.ts';
import { contextFor, exchange, exchanges, jsonResponse, TEST_TARGET } from '../testing/fixtures.ts';
import { inEnvelope } from './envelope.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const update = exchange(jsonResponse(200, { data: { id: 't1', name: 'Two' } }), {
  operation: 'CreateThing',
  request: {
    method: 'PATCH',
    url: 'http://127.0.0.1:4010/v1/things/t1',
    headers: {},
    body: '{"name":"Two"}',
  },
  startedAt: new Date(T0).toISOString(),
  elapsedMs: 0,
});
const read = (name: string) =>
  exchange(jsonResponse(200, { data: { id: 't1', name } }), {
    purpose: { kind: 'poll', after: 'CreateThing', write: 'update', attempt: 1 },
    label: 'read after CreateThing #1',
    startedAt: new Date(T0 + 5).toISOString(),
  });

describe('response envelope', () => {
  it('reads the payload inside the envelope, and leaves bodies without one alone', () => {
    expect(inEnvelope(read('Two'), '/data').response?.body).toBe('{"id":"t1","name":"Two"}');
    expect(inEnvelope(update, '/data').request.body).toBe('{"name":"Two"}');
    expect(inEnvelope(read('Two'), undefined).response?.body).toBe('{"data":{"id":"t1","name":"Two"}}');
  });

  it('makes an update read back through {data: …} observable', () => {
    const verdict = (envelope: string | undefined, name: string) => {
      const profile = { ...TEST_TARGET.profile, ...(envelope ? { response: { envelope } } : {}) };
      const ctx = { ...contextFor('CreateThing'), target: { ...TEST_TARGET, profile } };
      const probe = read(name);
      return readAfterWrite
        .verify(ctx, {
          ...exchanges(update),
          readBacks: [{ read: 'GetThing', kind: 'update', reads: [probe] }],
        })
        .map((f) => f.title)
        .filter((t) => !t.startsWith('Response body')); // the tiny spec's read documents no envelope
    };
    expect(verdict(undefined, 'Two')).toEqual(['Update not observable']);
    expect(verdict('/data', 'Two')).toEqual(['Consistent: visible on the first read']);
    expect(verdict('/data', 'One')).toEqual(['Lost update: the change never showed']);
  });
});
