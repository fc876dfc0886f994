import { describe, expect, it } from 'vitest';
import { leftOutWhenReadOnly } from './read-only.ts';

const states = {
  reads: { writes: false, setup: async () => undefined },
  creates: { writes: true, setup: async () => undefined },
};

describe('interactions a live target without writes allowed must not receive', () => {
  it('are every request but GET and HEAD, and every one whose provider state writes, each with its reason', () => {
    const left = leftOutWhenReadOnly(
      [
        { description: 'read', request: { method: 'GET', path: '/a' }, providerStates: [{ name: 'reads' }] },
        { description: 'head', request: { method: 'HEAD', path: '/a' } },
        { description: 'refused write', request: { method: 'POST', path: '/auth/change-password' } },
        { description: 'put', request: { method: 'put', path: '/a' } },
        {
          description: 'read after a write',
          request: { method: 'GET', path: '/b' },
          providerStates: [{ name: 'creates' }],
        },
        {
          description: 'unknown state',
          request: { method: 'GET', path: '/c' },
          providerStates: [{ name: 'none' }],
        },
      ],
      states,
    );
    expect(left).toEqual([
      {
        description: 'refused write',
        reason:
          'it sends POST /auth/change-password: writes are not allowed against a live target (ALLOW_WRITES)',
      },
      {
        description: 'put',
        reason: 'it sends PUT /a: writes are not allowed against a live target (ALLOW_WRITES)',
      },
      {
        description: 'read after a write',
        reason:
          'its provider state "creates" writes: writes are not allowed against a live target (ALLOW_WRITES)',
      },
    ]);
  });
});
