/** A project as both models hold it. */
export interface ProjectRecord {
  readonly id: string;
  name: string;
  description: string | null;
  readonly createdAt: string;
}

/** A task as both models hold it; `revision` counts its writes. */
export interface TaskRecord {
  readonly id: string;
  readonly projectId: string;
  title: string;
  done: boolean;
  due: string | null;
  revision: number;
  readonly createdAt: string;
}

/** A label as both models hold it. */
export interface LabelRecord {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** One model of the Taskboard: the write model commands check, or the read model queries see. */
export interface Model {
  readonly projects: Map<string, ProjectRecord>;
  readonly tasks: Map<string, TaskRecord>;
  readonly labels: Map<string, LabelRecord>;
}

/** A change to a model; the write model takes it at once, the read model when the projector reaches it. */
export type Change = (model: Model) => void;

/** How far the read model lags: a base, spread ×0.5–1.5 per change by a seeded generator (so runs repeat). */
export interface LagSettings {
  readonly lagMs: number;
  readonly seed?: number;
}

/** The Taskboard's state: an immediate write model, a log of changes, and a read model that trails the log. */
export interface TaskboardState {
  readonly write: Model;
  /** The read model as of now: every change whose lag has passed, applied in order. */
  readonly read: () => Model;
  /** Applies a change to the write model now and queues it for the read model. */
  readonly commit: (change: Change) => void;
  /** `prj_1`, `tsk_1`, `lbl_1`: ids of each collection counted on their own. */
  readonly nextId: (prefix: string) => string;
}

const emptyModel = (): Model => ({ projects: new Map(), tasks: new Map(), labels: new Map() });

/** mulberry32: a tiny seeded generator, so the lag of the n-th change is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Empty state. Records are copied into each model, so the read model never sees a write before its turn. The
 * projector is lazy: a read applies, in order, the changes whose time has come; no timers.
 */
export function createState({ lagMs, seed = 7 }: LagSettings, now: () => number = Date.now): TaskboardState {
  const write = emptyModel();
  const read = emptyModel();
  const log: { due: number; change: Change }[] = [];
  const random = seeded(seed);
  const counters = new Map<string, number>();
  let projected = 0;
  let lastDue = 0;
  return {
    write,
    read() {
      while (projected < log.length && (log[projected]?.due ?? Infinity) <= now()) {
        log[projected]?.change(read);
        projected++;
      }
      return read;
    },
    commit(change) {
      change(write);
      // In order: a change is never projected before the one committed ahead of it.
      lastDue = Math.max(lastDue, now() + lagMs * (0.5 + random()));
      log.push({ due: lastDue, change });
    },
    nextId(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${n}`;
    },
  };
}
