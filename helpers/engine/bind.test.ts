import { describe, expect, it } from 'vitest';
import { loadProfileFile } from '../config/load-profile.ts';
import { TASKBOARD_SPEC_PATH } from '../mocks/taskboard/taskboard-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { type BindOptions, bind } from './bind.ts';
import { planRun } from './plan.ts';
import { createStore, type Origin } from './resources.ts';

const plan = planRun(
  enumerateOperations(await loadSpec(TASKBOARD_SPEC_PATH)),
  loadProfileFile('suites/fixtures/taskboard/profile.yaml'),
  true,
);
const op = (id: string) => {
  const found = [...plan.reads, ...plan.writes, ...plan.deletes].find((p) => p.operation.id === id);
  if (!found) throw new Error(id);
  return found;
};
const options: BindOptions = { live: true, owned: new Set(), explicit: {} };
const add = (store: ReturnType<typeof createStore>, kind: string, values: string[], origin: Origin) =>
  store.add({ kind, values, origin, producedBy: 'test' });

describe('bind', () => {
  it('gives every {id} the value of its own kind, by position', () => {
    const store = createStore({}, 'r1');
    add(store, '/projects/{}', ['prj_1'], 'created');
    add(store, '/labels/{}', ['lbl_1'], 'created');
    add(store, '/projects/{}/tasks/{}', ['prj_1', 'tsk_1'], 'created');
    const values = (id: string) => {
      const b = bind(op(id), store, options);
      return b.ok ? b.pathValues : b.missing;
    };
    expect(values('getProject')).toEqual({ id: 'prj_1' });
    expect(values('getLabel')).toEqual({ id: 'lbl_1' });
    expect(values('listTasks')).toEqual({ id: 'prj_1' });
    expect(values('getTask')).toEqual({ projectId: 'prj_1', id: 'tsk_1' });
  });

  it('lets writes address only what the run made or what lives inside it; what appeared, only on a mock', () => {
    const store = createStore({}, 'r1');
    add(store, '/projects/{}', ['prj_9'], 'listed');
    expect(bind(op('getProject'), store, options)).toMatchObject({ ok: true, pathValues: { id: 'prj_9' } });
    expect(bind(op('updateProject'), store, options)).toEqual({ ok: false, missing: ['id'] });
    expect(bind(op('createTask'), store, options)).toEqual({ ok: false, missing: ['id'] });
    add(store, '/projects/{}', ['prj_2'], 'appeared');
    expect(bind(op('deleteProject'), store, options)).toEqual({ ok: false, missing: ['id'] });
    expect(bind(op('deleteProject'), store, { ...options, live: false })).toMatchObject({
      ok: true,
      pathValues: { id: 'prj_2' },
    });
    const mine = add(store, '/projects/{}', ['prj_3'], 'created');
    add(store, '/projects/{}/tasks/{}', ['prj_3', 'tsk_5'], 'child');
    expect(bind(op('deleteTask'), store, options)).toMatchObject({
      ok: true,
      pathValues: { projectId: 'prj_3', id: 'tsk_5' },
    });
    // What is still being made is not addressed until it is visible.
    store.setPending(mine, true);
    expect(bind(op('getProject'), store, options)).toMatchObject({ pathValues: { id: 'prj_2' } });
  });

  it('prefers the resource a step is about, then what the run made, then what the profile names', () => {
    const store = createStore({ id: 'named-1' }, 'r1');
    const first = add(store, '/labels/{}', ['lbl_1'], 'created');
    add(store, '/labels/{}', ['lbl_2'], 'created');
    expect(bind(op('getLabel'), store, options)).toMatchObject({ pathValues: { id: 'lbl_2' } });
    expect(bind(op('getLabel'), store, { ...options, prefer: first })).toMatchObject({
      pathValues: { id: 'lbl_1' },
    });
    expect(bind(op('getLabel'), store, { ...options, explicit: { id: 'x' } })).toMatchObject({
      pathValues: { id: 'x' },
    });
  });
});
