import { apply, type CpEvent, permissionChange, type ReadModel } from './events.ts';

/** How long projections take: a base lag with jitter, or 0 for immediately consistent reads. */
export interface LagSettings {
  /** Base lag in milliseconds; each event is projected after base × (0.5 … 1.5). */
  readonly lagMs: number;
  /** Random source in [0, 1), injectable for repeatable tests. */
  readonly random?: () => number;
  /** Clock in milliseconds, injectable for tests. */
  readonly now?: () => number;
  /** Consistency faults that make the mock non-conforming on purpose (CLOUDPIRATES_FAULTS in faults.ts). */
  readonly faults?: readonly string[];
}

/** Faults carried out by the projectors (described in faults.ts): an event type dropped, or projected late. */
const DROPPED: Record<string, string> = {
  'lost-write': 'WorkspaceCreated',
  'lost-update': 'WorkspaceRenamed',
  'delete-not-effective': 'WorkspaceDeleted',
};
const LATE_MS = 2_500;

interface Stored {
  readonly event: CpEvent;
  /** When the read-model projector has applied it. */
  readonly projectedAt: number;
  /** When the permission (ReBAC) sync has applied it. */
  readonly permittedAt: number;
}

/** The event log with two asynchronous projectors, evaluated lazily: a view at time t folds what was projected by t. */
export interface EventStore {
  readonly append: (event: CpEvent) => void;
  /** The read model queries see now. */
  readonly readModel: () => ReadModel;
  /** Resource ids the caller may read now. */
  readonly permitted: () => Set<string>;
  /** The write model: every event applied, what commands validate against. */
  readonly writeModel: () => ReadModel;
}

const empty = (): ReadModel => ({ workspaces: new Map(), clusters: new Map(), billing: new Map() });

/**
 * Appends events with a projection time per projector; the two projectors lag independently, so a fresh
 * resource is first missing (404), then present but not yet permitted (403), then readable — or the other way.
 */
export function createEventStore(
  settings: LagSettings,
  ownerEmail: string,
  seed: readonly CpEvent[] = [],
): EventStore {
  const random = settings.random ?? Math.random;
  const now = settings.now ?? Date.now;
  const log: Stored[] = seed.map((event) => ({ event, projectedAt: 0, permittedAt: 0 }));
  const faults = new Set(settings.faults ?? []);
  const dropped = new Set([...faults].flatMap((f) => DROPPED[f] ?? []));
  const lag = () => (settings.lagMs === 0 ? 0 : settings.lagMs * (0.5 + random()));
  const fold = (until: number, key: 'projectedAt' | 'permittedAt' | 'all') => {
    const model = empty();
    for (const s of log) if (key === 'all' || s[key] <= until) apply(model, s.event, ownerEmail);
    return model;
  };
  return {
    append(event) {
      const t = now();
      const never = dropped.has(event.type) ? Number.POSITIVE_INFINITY : 0;
      const late = faults.has('late-projection') && event.type === 'WorkspaceCreated' ? LATE_MS : 0;
      log.push({ event, projectedAt: t + lag() + never + late, permittedAt: t + lag() + never + late });
    },
    readModel: () => fold(now(), 'projectedAt'),
    permitted() {
      const t = now();
      const ids = new Set<string>();
      for (const s of log) {
        if (s.permittedAt > t) continue;
        const change = permissionChange(s.event);
        if (change.grant) ids.add(change.grant);
        if (change.revoke) ids.delete(change.revoke);
      }
      return ids;
    },
    writeModel: () => fold(Number.POSITIVE_INFINITY, 'all'),
  };
}
