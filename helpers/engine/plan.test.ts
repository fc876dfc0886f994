import { describe, expect, it } from 'vitest';
import { builtInProfile, loadProfileFile } from '../config/load-profile.ts';
import { PULUMI_SPEC_PATH } from '../mocks/pulumi/pulumi-mock.ts';
import { TASKBOARD_SPEC_PATH } from '../mocks/taskboard/taskboard-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { type PlannedOperation, planRun } from './plan.ts';

const pulumi = enumerateOperations(await loadSpec(PULUMI_SPEC_PATH));
const taskboard = enumerateOperations(await loadSpec(TASKBOARD_SPEC_PATH));
const profile = builtInProfile('pulumi');
const terse = loadProfileFile('suites/fixtures/taskboard/profile.yaml');
const ids = (ops: readonly PlannedOperation[]) => ops.map((o) => o.operation.id);
const role = (plan: ReturnType<typeof planRun>, id: string) =>
  [...plan.reads, ...plan.writes, ...plan.deletes].find((p) => p.operation.id === id);

describe('planRun', () => {
  it('finds what each operation makes and lists from the paths alone, {id} or not', () => {
    const plan = planRun(taskboard, terse, true);
    expect(role(plan, 'createProject')).toMatchObject({ role: 'create', produces: ['/projects/{}'] });
    expect(role(plan, 'createTask')).toMatchObject({
      role: 'create',
      kinds: ['/projects/{}'],
      produces: ['/projects/{}/tasks/{}'],
    });
    // `{id}` is the project in one path and the task in the other: positions, not names, tell them apart.
    expect(role(plan, 'listTasks')).toMatchObject({
      kinds: ['/projects/{}'],
      lists: '/projects/{}/tasks/{}',
    });
    expect(role(plan, 'getTask')?.kinds).toEqual(['/projects/{}', '/projects/{}/tasks/{}']);
    expect(role(plan, 'updateTask')?.role).toBe('update');
    expect(plan.idNames.get('/projects/{}')).toEqual(['id', 'projectId']);
    expect(plan.idNames.get('/projects/{}/tasks/{}')).toEqual(['id']);
  });

  it('orders writes: creates (parents first), then updates, then renames; deletes apart', () => {
    const plan = planRun(taskboard, terse, true);
    expect(ids(plan.writes)).toEqual([
      'createProject',
      'createLabel',
      'createTask',
      'updateProject',
      'updateTask',
    ]);
    expect(ids(plan.deletes)).toEqual(['deleteProject', 'deleteTask', 'deleteLabel']);
    const stacks = planRun(pulumi, profile, true);
    const writes = ids(stacks.writes);
    expect(writes.indexOf('CreateStack')).toBeLessThan(writes.indexOf('UpdateStackTags'));
    expect(writes.at(-1)).toBe('RenameStack');
    expect(role(stacks, 'RenameStack')?.role).toBe('move');
    // A create that posts to a fixed path names its product by a link and a capture.
    expect(role(stacks, 'CreatePulumiTeam')).toMatchObject({
      role: 'create',
      produces: ['/api/orgs/{}/teams/{}'],
    });
    expect(stacks.skipped.size).toBe(0);
  });

  it('skips every write, with the reason, when writes are off', () => {
    const plan = planRun(pulumi, profile, false);
    expect(plan.writes).toEqual([]);
    expect(plan.deletes).toEqual([]);
    expect(plan.skipped.get('DeleteStack')).toBe(
      'writes are off against a live target (set ALLOW_WRITES=true or writes.allowed in the profile)',
    );
  });

  it('honours operations.exclude and writes.exclude', () => {
    const plan = planRun(
      pulumi,
      { ...profile, operations: { exclude: ['GetStack'] }, writes: { exclude: ['DeleteStack'] } },
      true,
    );
    expect(plan.skipped.get('GetStack')).toBe('excluded by the profile (operations.exclude)');
    expect(plan.skipped.get('DeleteStack')).toBe('write excluded by the profile (writes.exclude)');
  });
});
