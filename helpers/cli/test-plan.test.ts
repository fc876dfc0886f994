import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/env.ts';
import { testPlan } from './test-plan.ts';
import { ALL_TESTS } from './vitest-settings.ts';

describe('what npm test runs', () => {
  it('is the whole test suite without a live target, embedded mocks only', () => {
    expect(testPlan(parseConfig({}))).toEqual({ include: ALL_TESTS });
    expect(testPlan(parseConfig({ CONFORMANCE_TARGETS: 'pulumi' }))).toEqual({ include: ALL_TESTS });
  });

  it.each([
    [
      { PULUMI_API_URL: 'https://pulumi.example.com', PULUMI_ACCESS_TOKEN: 't' },
      'pulumi',
      'PULUMI_API_URL',
      ['suites/pact/pulumi.pact.test.ts'],
    ],
    [
      { CLOUDPIRATES_API_URL: 'https://cp.example.com/v1' },
      'cloudpirates',
      'CLOUDPIRATES_API_URL',
      ['suites/pact/cloudpirates.pact.test.ts'],
    ],
    [
      { CONFORMANCE_TARGETS: 'none', CONFORMANCE_PROFILE: 'suites/fixtures/bookshop/profile.yaml' },
      'bookshop',
      'CONFORMANCE_PROFILE',
      [],
    ],
  ])(
    "with a live target (%o) is the conformance suites and that target's Pact verification, and says so",
    (env, name, setting, pacts) => {
      const plan = testPlan(parseConfig(env));
      expect(plan.include).toEqual(['suites/**/*.conformance.test.ts', ...pacts]);
      expect(plan.targetOnly).toBe(true);
      expect(plan.firstLine).toContain(`live target ${name} configured (${setting})`);
      expect(plan.firstLine).toContain(`unset ${setting} to run the project's own test suite`);
    },
  );

  it('says so in the first line of `npm test`, and lists only those files', () => {
    const listed = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', '--filesOnly'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CLOUDPIRATES_API_URL: 'https://cp.example.com/v1',
        CLOUDPIRATES_API_KEY: 'k',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^npm test: live target cloudpirates configured \(CLOUDPIRATES_API_URL\)/);
    const files = lines.slice(1).filter((l) => l.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /\.conformance\.test\.ts$|cloudpirates\.pact\.test\.ts$/.test(f))).toBe(true);
    expect(files).toContain('suites/pact/cloudpirates.pact.test.ts');
  });
});
