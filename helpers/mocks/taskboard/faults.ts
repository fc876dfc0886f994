import { type Fault, withJson } from '../faults.ts';

/** Faults of the Taskboard fixture: each one non-conformance one check must catch on one operation. */
export const TASKBOARD_FAULTS: Readonly<Record<string, Fault>> = {
  'missing-field': {
    description: 'getProject leaves out createdAt, which the Project schema requires',
    operation: 'getProject',
    check: 'schema',
    alter: (res) => withJson(res, ({ createdAt: _createdAt, ...rest }) => rest),
  },
  'wrong-type': {
    description: 'getProject answers taskCount as a string',
    operation: 'getProject',
    check: 'schema',
    alter: (res) => withJson(res, (body) => ({ ...body, taskCount: String(body.taskCount) })),
  },
  'wrong-auth-status': {
    description: 'getTask, the nested read, refuses a bad credential with 403 instead of 401',
    operation: 'getTask',
    check: 'auth',
    on: 'refusal',
    alter: (res) => (res.status === 401 ? { ...res, status: 403 } : res),
  },
  'bad-format-in-list': {
    description: 'listTasks answers items whose createdAt is not a date-time',
    operation: 'listTasks',
    check: 'schema',
    alter: (res) =>
      withJson(res, (body) => ({
        ...body,
        items: (body.items as Record<string, unknown>[]).map((t) => ({ ...t, createdAt: 'yesterday' })),
      })),
  },
  'server-error-after-write': {
    description: 'getTask answers 500 the first time it would show a task written since it was last read',
    operation: 'getTask',
    check: 'status',
    // Each revision of a task fails once, on the first read that reaches it: the read right after the write.
    alter: (res, req, memory) => {
      const revision = Number((res.json as { revision?: number } | undefined)?.revision);
      const task = req.params.id ?? '';
      if (res.status !== 200 || memory.get(task) === revision) return res;
      memory.set(task, revision);
      return { status: 500, json: { code: 'internal', message: 'read model replica unavailable' } };
    },
  },
};
