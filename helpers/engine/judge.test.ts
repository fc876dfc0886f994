import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import type { Exchange } from '../core/exchange.ts';
import { contextFor, exchange, GOOD_THING, jsonResponse, TEST_TARGET } from '../testing/fixtures.ts';
import { judgeOperation, readBacksOf } from './judge.ts';

const profile = { ...TEST_TARGET.profile, consistency: { windowMs: 1000, notYetVisible: [404] } };
const target = { ...TEST_TARGET, profile };
const checks = [CHECKS.status, CHECKS.schema, CHECKS.consistency];
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const create = exchange(jsonResponse(201, { id: 't1', name: 'One' }), {
  operation: 'CreateThing',
  request: { method: 'POST', url: 'http://127.0.0.1:4010/v1/things', headers: {}, body: '{"name":"One"}' },
});
const poll = (attempt: number, atMs: number, response: Exchange['response']): Exchange =>
  exchange(response, {
    purpose: { kind: 'poll', after: 'CreateThing', write: 'create', attempt },
    label: `read after CreateThing #${attempt}`,
    startedAt: new Date(T0 + atMs).toISOString(),
  });

/** Judges GetThing and CreateThing on a run's exchanges, as the engine does after a run. */
function judge(all: Exchange[]) {
  const of = (id: string) =>
    judgeOperation({
      checks,
      ctx: contextFor(id, target),
      answered: all.filter((e) => e.operation === id),
      readBacks: readBacksOf(id, all),
    });
  return { read: of('GetThing'), write: of('CreateThing') };
}
const errors = (
  outcome: { findings: readonly { severity: string; title: string; variant?: string }[] } | undefined,
) => (outcome?.findings ?? []).filter((f) => f.severity === 'error').map((f) => `${f.title} [${f.variant}]`);

describe('judging every exchange on the operation that answered it', () => {
  it('makes a broken body seen while polling a schema failure of the read, with that poll, not of the write', () => {
    const broken = jsonResponse(200, { id: 1 }, { 'x-request-id': 'r' });
    const { read, write } = judge([
      exchange(GOOD_THING),
      create,
      poll(1, 0, jsonResponse(404, {})),
      poll(2, 300, broken),
    ]);
    expect(errors(read.schema)).toContain('Response body violates the schema [read after CreateThing #2]');
    expect(read.schema?.status === 'failed' && read.schema.judged[0]?.label).toBe(
      'read after CreateThing #2',
    );
    expect(write.consistency?.status).toBe('passed');
  });

  it('makes a 5xx while polling a server error of the read, not a consistency failure of the write', () => {
    const { read, write } = judge([
      exchange(GOOD_THING),
      create,
      poll(1, 0, jsonResponse(500, { code: 500, message: 'boom' })),
      poll(2, 200, GOOD_THING),
      poll(3, 250, GOOD_THING),
    ]);
    expect(errors(read.status)).toEqual(['Server error [read after CreateThing #1]']);
    expect(write.consistency?.status).toBe('passed');
    expect(errors(write.consistency)).toEqual([]);
  });

  it('leaves lag answers of polls to the consistency check', () => {
    const { read } = judge([
      exchange(GOOD_THING),
      create,
      poll(1, 0, jsonResponse(404, {})),
      poll(2, 100, GOOD_THING),
    ]);
    expect(read.status).toMatchObject({ status: 'passed', findings: [] });
  });

  it('skips, with the reason, a check whose exchange was never sent', () => {
    const unsent = exchange(undefined, {
      notSent: 'the request budget is spent (MAX_REQUESTS=5)',
      error: 'not sent',
    });
    const { read } = judge([unsent]);
    expect(read.status).toEqual({
      status: 'skipped',
      reason: 'not sent: the request budget is spent (MAX_REQUESTS=5)',
      findings: [],
    });
  });
});
