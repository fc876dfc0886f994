import { describe, expect, it } from 'vitest';
import { loadProfileFile } from '../config/load-profile.ts';
import { TASKBOARD_SPEC_PATH } from '../mocks/taskboard/taskboard-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { bind } from './bind.ts';
import { planRun } from './plan.ts';
import { createStore } from './resources.ts';
import { type Executor, schedule } from './scheduler.ts';

const operations = enumerateOperations(await loadSpec(TASKBOARD_SPEC_PATH));
const plan = planRun(operations, loadProfileFile('suites/fixtures/taskboard/profile.yaml'), true);

/** Runs the scheduler over an empty API simulated in memory: creates make resources, deletes remove them. */
async function simulate(
  fail?: { readonly operation: string; readonly when: 'run' | 'settled' },
  steps: string[] = [],
) {
  const store = createStore({}, 'r1');
  let n = 0;
  const executor: Executor = {
    async run({ planned, purpose, binding }) {
      const values = Object.values(binding.pathValues);
      steps.push(`${planned.operation.id} ${purpose.kind} ${values.join('/')}`.trim());
      // Each request takes a moment, as over the wire: a failure can come while one is under way.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const learned = planned.produces.map((kind) =>
        store.add({
          kind,
          values: [...values, `v${++n}`],
          origin: 'created',
          producedBy: planned.operation.id,
        }),
      );
      const gone = planned.role === 'delete' ? binding.uses.at(-1) : undefined;
      if (gone) store.remove(gone);
      const broken =
        fail?.operation === planned.operation.id ? new Error(`${fail.operation} broke`) : undefined;
      if (broken && fail?.when === 'run') throw broken;
      // The failure comes a moment later, as a read-back's would: the marker says when.
      const failing = (error: Error) =>
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            steps.push('-- failed --');
            reject(error);
          }, 0),
        );
      return { learned, settled: broken ? failing(broken) : Promise.resolve() };
    },
  };
  const missing = await schedule({
    plan,
    store,
    bind: (planned, prefer) =>
      bind(planned, store, { live: false, owned: new Set(), explicit: {}, ...(prefer ? { prefer } : {}) }),
    executor,
    deletesSent: () => steps.push('-- deletes sent --'),
  });
  return { steps, missing };
}

describe('the data-flow schedule on an empty API', () => {
  it('reaches every operation: reads of what a create made run once it exists, lists run again, deletes last', async () => {
    const { steps, missing } = await simulate();
    expect([...missing.keys()]).toEqual([]);
    const at = (step: string) => {
      const i = steps.indexOf(step);
      expect(i, `${step} in\n${steps.join('\n')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const project = steps.find((s) => s.startsWith('getProject baseline'))?.split(' ')[2] ?? '';
    const task = steps.find((s) => s.startsWith('getTask baseline'))?.split(' ')[2] ?? '';
    expect(at('listProjects baseline')).toBeLessThan(at('createProject baseline'));
    expect(at(`getProject baseline ${project}`)).toBeGreaterThan(at('createProject baseline'));
    expect(at('listProjects reread')).toBeGreaterThan(at('createProject baseline'));
    expect(at(`createTask baseline ${project}`)).toBeGreaterThan(at('createProject baseline'));
    expect(at(`listTasks reread ${project}`)).toBeGreaterThan(at(`createTask baseline ${project}`));
    expect(at(`getTask baseline ${task}`)).toBeGreaterThan(at(`createTask baseline ${project}`));
    expect(at(`updateTask baseline ${task}`)).toBeGreaterThan(at(`getTask baseline ${task}`));
    // Deletes come last, the newest resource first: the task before its project.
    const deletes = steps.filter((s) => s.startsWith('delete'));
    expect(steps.slice(-deletes.length - 1, -1)).toEqual(deletes);
    // Told once, when the last delete was answered: what probes made may go beside the deletes' read-backs.
    expect(steps.filter((s) => s === '-- deletes sent --')).toHaveLength(1);
    expect(steps.at(-1)).toBe('-- deletes sent --');
    expect(deletes.map((s) => s.split(' ')[0])).toEqual(['deleteTask', 'deleteLabel', 'deleteProject']);
    expect(steps.filter((s) => s.endsWith('baseline') || s.includes(' baseline ')).length).toBe(
      operations.length,
    );
  });
});

describe('work nobody awaits directly', () => {
  it.each([
    ['a read that throws', { operation: 'listProjects', when: 'run' }],
    ['a read whose probes fail', { operation: 'listProjects', when: 'settled' }],
    ['a write whose read-backs fail', { operation: 'createProject', when: 'settled' }],
  ] as const)('stops the run with its error: %s', async (_, fail) => {
    await expect(simulate(fail)).rejects.toThrow(`${fail.operation} broke`);
  });
});

describe('a run that failed', () => {
  it('sends no write once the failure is known', async () => {
    const steps: string[] = [];
    await expect(simulate({ operation: 'deleteTask', when: 'settled' }, steps)).rejects.toThrow(
      'deleteTask broke',
    );
    const failedAt = steps.indexOf('-- failed --');
    expect(failedAt).toBeGreaterThanOrEqual(0);
    const writesAfter = steps
      .slice(failedAt + 1)
      .filter((s) => /^(create|update|rename|delete)\w* baseline/.test(s));
    expect(writesAfter, steps.join('\n')).toEqual([]);
  });
});
