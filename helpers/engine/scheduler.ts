import type { Binding } from './bind.ts';
import type { Plan, PlannedOperation } from './plan.ts';
import type { Resource, ResourceStore } from './resources.ts';

/** Why a step runs: an operation's first run, or a read run again once what a write `after` made is visible. */
export type StepPurpose =
  | { readonly kind: 'baseline' }
  | { readonly kind: 'reread'; readonly after?: string };

/** One request of the run to make: an operation, why, and the path values it is bound to. */
export interface Step {
  readonly planned: PlannedOperation;
  readonly purpose: StepPurpose;
  readonly binding: Extract<Binding, { ok: true }>;
}

/** What a step did: the resources it made or listed, and when the rest of its work is done. */
export interface StepResult {
  readonly learned: readonly Resource[];
  /** Resolves once a write is seen by its reads and a read's probes are answered (at once if nothing was sent). */
  readonly settled: Promise<unknown>;
}

/** Sends steps; the scheduler decides which and when. Tests pass a fake one, so the order is testable offline. */
export interface Executor {
  readonly run: (step: Step) => Promise<StepResult>;
}

/** What the scheduler works with: the plan, the store of values, binding, and the executor. */
export interface SchedulerContext {
  readonly plan: Plan;
  readonly store: ResourceStore;
  readonly bind: (planned: PlannedOperation, prefer?: Resource) => Binding;
  readonly executor: Executor;
  /**
   * Called once every delete the run sends has been answered (their read-backs may still be under way): what no
   * operation of the run addresses any more may go meanwhile.
   */
  readonly deletesSent?: () => void;
}

/**
 * Work under way per resource. A write waits for what is under way on the resource it addresses (for a create,
 * the one it creates under: the reads about a new project, its lists walked page by page, finish before a task
 * appears in them), a delete also for what is under way inside it (a project is deleted after its tasks). Writes
 * to different resources overlap.
 */
function createLocks(store: ResourceStore, released: () => void) {
  const work = new Map<number, Set<Promise<unknown>>>();
  const descendants = (r: Resource) => store.all().filter((d) => d !== r && store.chain(d).includes(r));
  const waitFor = (uses: readonly Resource[], role: PlannedOperation['role']) => {
    const target = uses.at(-1);
    if (!target) return [];
    const also = role === 'delete' ? descendants(target) : [];
    return [target, ...also].flatMap((r) => [...(work.get(r.seq) ?? [])]);
  };
  return {
    busy: (uses: readonly Resource[], role: PlannedOperation['role']) => waitFor(uses, role).length > 0,
    /** True while some work holds a resource: a release is still to come (and wakes the scheduler). */
    held: () => [...work.values()].some((own) => own.size > 0),
    before: (uses: readonly Resource[], role: PlannedOperation['role']) => Promise.all(waitFor(uses, role)),
    /** Registers work on resources until it is done. */
    hold(resources: readonly Resource[], done: Promise<unknown>) {
      for (const r of resources) {
        const own = work.get(r.seq) ?? new Set();
        own.add(done);
        work.set(r.seq, own);
        const release = () => {
          own.delete(done);
          released();
        };
        done.then(release, release);
      }
    },
  };
}

/**
 * Wakes whoever waits whenever some work of the run finishes. Written here rather than awaiting
 * `Promise.race(pending)`: a race adds a handler to every pending promise each time it is called, which grows with
 * the square of the operations in a large spec; one fresh promise per wait costs the same whatever is pending.
 */
function createWakeUp() {
  let wake = () => {};
  let next = new Promise<void>((resolve) => {
    wake = resolve;
  });
  return {
    notify() {
      const woken = wake;
      next = new Promise<void>((resolve) => {
        wake = resolve;
      });
      woken();
    },
    /** Resolves at the next `notify`: scans run synchronously before it, so no finish between them is missed. */
    next: () => next,
  };
}

const about = (read: PlannedOperation, r: Resource) => read.kinds.at(-1) === r.kind || read.lists === r.kind;

/**
 * Runs the plan as data flow: each operation as soon as its inputs exist. Reads run first, over and over while
 * they teach values to other reads. Writes follow one at a time, creates before updates before renames, each as
 * soon as the resources it addresses exist and are visible; once a create's resource is visible, the reads about
 * it run (for the first time, with all their checks, or again: its collection now lists it). A write blocked on a
 * kind of resource has that kind's collection read again, to see what the run's writes made appear. Deletes run
 * last, newest resource first. Returns why each operation that never ran could not.
 */
export async function schedule(ctx: SchedulerContext): Promise<Map<string, readonly string[]>> {
  const { plan, store, executor } = ctx;
  const ran = new Set<string>();
  const missing = new Map<string, readonly string[]>();
  const finished = createWakeUp();
  const locks = createLocks(store, finished.notify);
  const background = new Set<Promise<unknown>>();
  const refreshed = new Set<string>();
  // The first error of work nobody awaits directly: the run stops on it as it would on an awaited one.
  let failure: { readonly error: unknown } | undefined;
  const failed = (error: unknown) => {
    failure ??= { error };
    finished.notify();
  };
  const stopIfFailed = () => {
    if (failure) throw failure.error;
  };
  const woken = async () => {
    stopIfFailed();
    await finished.next();
    stopIfFailed();
  };
  // Reads under way that nothing awaits yet: a failed run waits for them before teardown starts.
  const reading = new Set<Promise<unknown>>();

  const attempt = (planned: PlannedOperation, prefer?: Resource) => {
    const binding = ctx.bind(planned, prefer);
    if (!binding.ok) missing.set(planned.operation.id, binding.missing);
    return binding.ok ? binding : undefined;
  };
  const track = (work: Promise<unknown>) => {
    const tracked = work.finally(() => background.delete(tracked));
    tracked.then(finished.notify, failed);
    background.add(tracked);
    return tracked;
  };
  // Every read that can run starts at once; each one that finishes may have taught what another needs.
  // Reads not started yet, narrowed at every pass: a pass scans only these, not the whole plan again after
  // each read that finishes (5,000 reads: 25 million look-ups).
  let unstarted: readonly PlannedOperation[] = plan.reads;
  const readsToFixpoint = async (): Promise<void> => {
    const running = new Set<Promise<unknown>>();
    for (;;) {
      stopIfFailed();
      unstarted = unstarted.filter((planned) => !ran.has(planned.operation.id));
      for (const planned of unstarted) {
        const binding = attempt(planned);
        if (!binding) continue;
        ran.add(planned.operation.id);
        const run = executor
          .run({ planned, purpose: { kind: 'baseline' }, binding })
          .then((result) => {
            track(result.settled);
          })
          .catch(failed)
          .finally(() => {
            running.delete(run);
            reading.delete(run);
            finished.notify();
          });
        running.add(run);
        reading.add(run);
      }
      if (running.size === 0) return;
      await woken();
    }
  };
  const readsAbout = async (made: Resource, after: string) => {
    const parent = store.chain(made).at(-2);
    await Promise.all(
      plan.reads
        .filter((read) => about(read, made))
        .map(async (read) => {
          stopIfFailed();
          const prefer = read.lists === made.kind ? parent : made;
          const binding = attempt(read, prefer);
          if (!binding || (prefer && !binding.uses.includes(prefer))) return;
          const first = !ran.has(read.operation.id);
          ran.add(read.operation.id);
          const purpose: StepPurpose = first ? { kind: 'baseline' } : { kind: 'reread', after };
          // Its probes too: a list walked page by page is done before a write adds to it.
          await (await executor.run({ planned: read, purpose, binding })).settled;
        }),
    );
    await readsToFixpoint();
  };
  const write = async (planned: PlannedOperation, binding: Step['binding']) => {
    stopIfFailed();
    ran.add(planned.operation.id);
    await locks.before(binding.uses, planned.role);
    stopIfFailed();
    const result = await executor.run({ planned, purpose: { kind: 'baseline' }, binding });
    const made = planned.role === 'create' ? result.learned.filter((r) => r.origin === 'created') : [];
    for (const r of made) store.setPending(r, true);
    const done = track(
      result.settled.then(async () => {
        for (const r of made) store.setPending(r, false);
        await Promise.all(made.map((r) => readsAbout(r, planned.operation.id)));
      }),
    );
    // A create leaves its parent free (siblings may be created or changed meanwhile); other writes hold what they address.
    locks.hold(planned.role === 'create' ? made : [...binding.uses.slice(-1), ...made], done);
  };
  // A blocked write needs a kind nobody made yet: read that kind's collection again to see what appeared.
  const refresh = async (blocked: readonly PlannedOperation[]) => {
    const kinds = new Set(blocked.flatMap((b) => b.kinds));
    const again = plan.reads.flatMap((read) => {
      if (!read.lists || !kinds.has(read.lists) || !ran.has(read.operation.id)) return [];
      const binding = attempt(read);
      const key = `${read.operation.id} ${JSON.stringify(binding?.pathValues)}`;
      if (!binding || refreshed.has(key)) return [];
      refreshed.add(key);
      return [{ read, binding }];
    });
    await Promise.all(
      again.map(async ({ read, binding }) =>
        track((await executor.run({ planned: read, purpose: { kind: 'reread' }, binding })).settled),
      ),
    );
    return again.length > 0;
  };
  // The first candidate, in order, that binds and whose resources no work under way holds.
  const firstFree = <C>(
    candidates: readonly C[],
    bindOf: (c: C) => Step['binding'] | undefined,
    roleOf: (c: C) => PlannedOperation['role'],
  ) => {
    for (const planned of candidates) {
      const binding = bindOf(planned);
      if (binding && !locks.busy(binding.uses, roleOf(planned))) return { planned, binding };
    }
    return undefined;
  };
  const writeLoop = async (roles: readonly PlannedOperation['role'][]) => {
    for (;;) {
      stopIfFailed();
      const waiting = plan.writes.filter((w) => roles.includes(w.role) && !ran.has(w.operation.id));
      // The first ready write in plan order whose resources are free; others wait for work under way. Those
      // after it are bound on a later turn (binding them all at every turn grew with writes × turns).
      const next = firstFree(
        waiting,
        (planned) => attempt(planned),
        (p) => p.role,
      );
      if (next) await write(next.planned, next.binding);
      else if (background.size > 0 || locks.held()) await woken();
      else if (waiting.length === 0 || !(await refresh(waiting))) return;
    }
  };
  // Newest resource first, each delete once; a delete whose resource has work under way waits its turn.
  let sentAll = false;
  const allSent = () => {
    if (!sentAll) ctx.deletesSent?.();
    sentAll = true;
  };
  const deleteLoop = async () => {
    for (;;) {
      stopIfFailed();
      const candidates = store
        .all()
        .reverse()
        .flatMap((made) =>
          plan.deletes.flatMap((del) =>
            ran.has(del.operation.id) || del.kinds.at(-1) !== made.kind ? [] : [{ del, made }],
          ),
        );
      if (candidates.length === 0) allSent();
      const next = firstFree(
        candidates,
        ({ del, made }) => {
          const binding = attempt(del, made);
          return binding?.uses.includes(made) ? binding : undefined;
        },
        () => 'delete',
      );
      if (next) await write(next.planned.del, next.binding);
      else if (background.size > 0 || locks.held()) await woken();
      else return allSent();
    }
  };

  try {
    await readsToFixpoint();
    // The reads' probes are answered before the first write changes what they read.
    await Promise.all(background);
    await writeLoop(['create', 'update']);
    // Renames last: every other write that could address the old name has run.
    await writeLoop(['move']);
    await Promise.all(background);
    await deleteLoop();
    await Promise.all(background);
    stopIfFailed();
  } catch (error) {
    // Nothing new is sent after a failure; what is under way finishes before teardown reads the registry.
    failure ??= { error };
    while (background.size > 0 || reading.size > 0) await Promise.allSettled([...background, ...reading]);
    throw failure.error;
  }
  for (const planned of [...plan.reads, ...plan.writes, ...plan.deletes])
    if (ran.has(planned.operation.id)) missing.delete(planned.operation.id);
    else if (!missing.has(planned.operation.id)) attempt(planned);
  return missing;
}
