import { describe, expect, it } from 'vitest';
import { SetupError } from '../core/errors.ts';
import { parseConfig } from './env.ts';

describe('parseConfig', () => {
  it('has defaults for an empty environment and is frozen', () => {
    const cfg = parseConfig({});
    expect(cfg).toMatchObject({
      targets: undefined,
      allowWrites: false,
      requestTimeoutMs: 10_000,
      concurrency: 4,
      reportsDir: 'reports',
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(cfg.runId).toMatch(/^ct[a-z0-9]+$/);
  });

  it('reads lists, booleans and numbers', () => {
    const cfg = parseConfig({
      CONFORMANCE_TARGETS: 'pulumi, x',
      ALLOW_WRITES: 'true',
      CONFORMANCE_CHECKS: 'auth,schema',
      CONCURRENCY: '8',
      RUN_ID: 'nightly-1',
    });
    expect(cfg).toMatchObject({
      targets: ['pulumi', 'x'],
      allowWrites: true,
      checks: ['auth', 'schema'],
      concurrency: 8,
      runId: 'nightly-1',
    });
  });

  it.each([
    [{ CONCURRENCY: 'many' }, 'CONCURRENCY=many is not a whole number from 1 to 64'],
    [{ REQUEST_TIMEOUT_MS: '5' }, 'REQUEST_TIMEOUT_MS=5 is not a whole number from 100 to 600000'],
    [{ ALLOW_WRITES: 'maybe' }, 'ALLOW_WRITES=maybe must be true or false'],
    [{ RUN_ID: 'Has Spaces' }, 'RUN_ID=Has Spaces must be 1-31 lowercase letters'],
  ])('names the variable of a malformed value: %o', (env, message) => {
    const error = (() => {
      try {
        parseConfig(env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SetupError);
    expect((error as SetupError).message).toContain(message);
    expect((error as SetupError).message).not.toContain('\n');
    expect((error as SetupError).exitCode).toBe(2);
  });

  it('looks variables up for profiles, treating blank as unset', () => {
    const cfg = parseConfig({ PULUMI_ACCESS_TOKEN: ' abc ', EMPTY: '  ' });
    expect(cfg.variable('PULUMI_ACCESS_TOKEN')).toBe('abc');
    expect(cfg.variable('EMPTY')).toBeUndefined();
  });
});
