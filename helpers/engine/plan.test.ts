import { describe, expect, it } from 'vitest';
import { builtInProfile } from '../config/load-profile.ts';
import { PULUMI_SPEC_PATH } from '../mocks/pulumi/pulumi-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { planRun } from './plan.ts';

const operations = enumerateOperations(await loadSpec(PULUMI_SPEC_PATH));
const profile = builtInProfile('pulumi');
const ids = (ops: readonly { id: string }[]) => ops.map((o) => o.id);

describe('planRun', () => {
  it('discovers first, then reads, creates before updates before renames, and deletes last', () => {
    const plan = planRun(operations, profile, true);
    expect(ids(plan.discover)).toEqual([
      'GetCurrentUser',
      'ListUserStacks',
      'ListTeams',
      'ListOrganizationWebhooks',
      'ListOrgEnvironments_esc',
    ]);
    expect(plan.reads.every((o) => o.method === 'GET' || o.method === 'HEAD')).toBe(true);
    const writes = ids(plan.writes);
    expect(writes.indexOf('CreateStack')).toBeLessThan(writes.indexOf('UpdateStackTags'));
    expect(writes.at(-1)).toBe('RenameStack');
    expect(plan.deletes.every((o) => o.method === 'DELETE')).toBe(true);
    expect(plan.skipped.size).toBe(0);
  });

  it('skips every write, with the reason, when writes are off', () => {
    const plan = planRun(operations, profile, false);
    expect(plan.writes).toEqual([]);
    expect(plan.deletes).toEqual([]);
    expect(plan.skipped.get('DeleteStack')).toBe(
      'writes are off against a live target (set ALLOW_WRITES=true or writes.allowed in the profile)',
    );
  });

  it('honours operations.exclude and writes.exclude', () => {
    const plan = planRun(
      operations,
      { ...profile, operations: { exclude: ['GetStack'] }, writes: { exclude: ['DeleteStack'] } },
      true,
    );
    expect(plan.skipped.get('GetStack')).toBe('excluded by the profile (operations.exclude)');
    expect(plan.skipped.get('DeleteStack')).toBe('write excluded by the profile (writes.exclude)');
  });
});
