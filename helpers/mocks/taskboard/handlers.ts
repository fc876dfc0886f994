import { type Handler, json, type MockRequest, type MockResponse } from '../mock-types.ts';
import type { Model, ProjectRecord, TaskboardState, TaskRecord } from './state.ts';

/** The Taskboard's error body. */
export const problem = (status: number, code: string, message: string): MockResponse =>
  json(status, { code, message });
/** Not found, or not in the read model yet: the API says the same for both. */
export const NOT_FOUND = problem(404, 'not_found', 'No such resource');
const bodyOf = (req: MockRequest): Record<string, unknown> =>
  req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
const id = (req: MockRequest) => req.params.id ?? '';

const project = (p: ProjectRecord, model: Model) => ({
  ...p,
  taskCount: [...model.tasks.values()].filter((t) => t.projectId === p.id).length,
});
const tasksOf = (model: Model, projectId: string) =>
  [...model.tasks.values()].filter((t) => t.projectId === projectId).map((t) => ({ ...t }));
/** The task a nested path names, only under the project it belongs to. */
const taskAt = (model: Model, req: MockRequest): TaskRecord | undefined => {
  const task = model.tasks.get(id(req));
  return task && task.projectId === req.params.projectId ? task : undefined;
};

/** The Taskboard's operations: commands check and change the write model, queries read the lagging read model. */
export const TASKBOARD_HANDLERS: Record<string, Handler<TaskboardState>> = {
  listProjects: (_, s) => {
    const model = s.read();
    return json(
      200,
      [...model.projects.values()].map((p) => project(p, model)),
    );
  },
  createProject: (req, s) => {
    const body = bodyOf(req);
    const record: ProjectRecord = {
      id: s.nextId('prj'),
      name: String(body.name),
      description: (body.description as string | null | undefined) ?? null,
      createdAt: new Date().toISOString(),
    };
    s.commit((m) => m.projects.set(record.id, { ...record }));
    return json(201, project(record, s.write));
  },
  getProject: (req, s) => {
    const model = s.read();
    const found = model.projects.get(id(req));
    return found ? json(200, project(found, model)) : NOT_FOUND;
  },
  updateProject: (req, s) => {
    const target = id(req);
    if (!s.write.projects.has(target)) return NOT_FOUND;
    const body = bodyOf(req);
    s.commit((m) => {
      const p = m.projects.get(target);
      if (!p) return;
      if (typeof body.name === 'string') p.name = body.name;
      if ('description' in body) p.description = (body.description as string | null) ?? null;
    });
    const changed = s.write.projects.get(target) as ProjectRecord;
    return json(200, project(changed, s.write));
  },
  deleteProject: (req, s) => {
    const target = id(req);
    if (!s.write.projects.has(target)) return NOT_FOUND;
    s.commit((m) => {
      m.projects.delete(target);
      for (const [k, t] of m.tasks) if (t.projectId === target) m.tasks.delete(k);
    });
    return { status: 204 };
  },
  listTasks: (req, s) => {
    const model = s.read();
    if (!model.projects.has(id(req))) return NOT_FOUND;
    const items = tasksOf(model, id(req));
    return json(200, { items, count: items.length });
  },
  createTask: (req, s) => {
    const projectId = id(req);
    if (!s.write.projects.has(projectId)) return NOT_FOUND;
    const body = bodyOf(req);
    const record: TaskRecord = {
      id: s.nextId('tsk'),
      projectId,
      title: String(body.title),
      done: false,
      due: (body.due as string | null | undefined) ?? null,
      revision: 1,
      createdAt: new Date().toISOString(),
    };
    s.commit((m) => m.tasks.set(record.id, { ...record }));
    return json(201, record);
  },
  getTask: (req, s) => {
    const task = taskAt(s.read(), req);
    return task ? json(200, { ...task }) : NOT_FOUND;
  },
  updateTask: (req, s) => {
    const found = taskAt(s.write, req);
    if (!found) return NOT_FOUND;
    const body = bodyOf(req);
    s.commit((m) => {
      const t = m.tasks.get(found.id);
      if (!t) return;
      t.title = String(body.title);
      t.done = body.done === true;
      t.due = (body.due as string | null | undefined) ?? null;
      t.revision++;
    });
    return json(200, { ...(s.write.tasks.get(found.id) as TaskRecord) });
  },
  deleteTask: (req, s) => {
    const found = taskAt(s.write, req);
    if (!found) return NOT_FOUND;
    s.commit((m) => m.tasks.delete(found.id));
    return { status: 204 };
  },
  listLabels: (_, s) => json(200, { items: [...s.read().labels.values()].map((l) => ({ ...l })) }),
  createLabel: (req, s) => {
    const body = bodyOf(req);
    const record = { id: s.nextId('lbl'), name: String(body.name), color: String(body.color) };
    s.commit((m) => m.labels.set(record.id, { ...record }));
    return json(201, record);
  },
  getLabel: (req, s) => {
    const label = s.read().labels.get(id(req));
    return label ? json(200, { ...label }) : NOT_FOUND;
  },
  deleteLabel: (req, s) => {
    if (!s.write.labels.has(id(req))) return NOT_FOUND;
    const target = id(req);
    s.commit((m) => m.labels.delete(target));
    return { status: 204 };
  },
};
