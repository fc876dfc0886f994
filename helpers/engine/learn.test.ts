import { describe, expect, it } from 'vitest';
import { loadProfileFile } from '../config/load-profile.ts';
import { TASKBOARD_SPEC_PATH } from '../mocks/taskboard/taskboard-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createRouter } from '../spec/path-router.ts';
import { exchange, jsonResponse } from '../testing/fixtures.ts';
import { type LearnContext, learn } from './learn.ts';
import { planRun } from './plan.ts';
import { createStore, type Resource } from './resources.ts';

const spec = await loadSpec(TASKBOARD_SPEC_PATH);
const operations = enumerateOperations(spec);
const profile = loadProfileFile('suites/fixtures/taskboard/profile.yaml');
const plan = planRun(operations, profile, true);
const planned = (id: string) => {
  const found = [...plan.reads, ...plan.writes, ...plan.deletes].find((p) => p.operation.id === id);
  if (!found) throw new Error(id);
  return found;
};
const context = (): LearnContext => ({
  plan,
  operationsById: new Map(operations.map((o) => [o.id, o])),
  router: createRouter(spec.doc.paths ?? {}),
  basePath: '',
  profile,
  store: createStore({}, 'r1'),
});
const answer = (
  ctx: LearnContext,
  id: string,
  status: number,
  body: unknown,
  pathValues = {},
  uses: Resource[] = [],
) => learn(ctx, { planned: planned(id), pathValues, uses }, exchange(jsonResponse(status, body)));
const shown = (rs: readonly Resource[]) => rs.map((r) => `${r.origin} ${r.kind} ${r.values.join('/')}`);

describe('learning values from answers the spec says nothing about', () => {
  it('takes the id of the item path below a create from its body, whatever the parameter is called', () => {
    const ctx = context();
    const [project] = answer(ctx, 'createProject', 201, { id: 'prj_1', name: 'n' }).learned;
    expect(shown(project ? [project] : [])).toEqual(['created /projects/{} prj_1']);
    const task = answer(ctx, 'createTask', 201, { id: 'tsk_1', projectId: 'prj_1' }, { id: 'prj_1' }).learned;
    expect(shown(task)).toEqual(['created /projects/{}/tasks/{} prj_1/tsk_1']);
    expect(answer(ctx, 'createLabel', 400, { code: 'x', message: 'y' }).learned).toEqual([]);
  });

  it('feeds the item path from the ids of list items: inside what the run made, listed, or appeared since', () => {
    const ctx = context();
    expect(shown(answer(ctx, 'listProjects', 200, [{ id: 'prj_7' }]).learned)).toEqual([
      'listed /projects/{} prj_7',
    ]);
    expect(shown(answer(ctx, 'listProjects', 200, [{ id: 'prj_7' }, { id: 'prj_8' }]).learned)).toEqual([
      'listed /projects/{} prj_7',
      'appeared /projects/{} prj_8',
    ]);
    const mine = ctx.store.add({
      kind: '/projects/{}',
      values: ['prj_9'],
      origin: 'created',
      producedBy: 'createProject',
    });
    const tasks = answer(ctx, 'listTasks', 200, { items: [{ id: 'tsk_3' }], count: 1 }, { id: 'prj_9' }, [
      mine,
    ]);
    expect(shown(tasks.learned)).toEqual(['child /projects/{}/tasks/{} prj_9/tsk_3']);
  });
});
