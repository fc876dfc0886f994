import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A resource this run created: its kind (blanked item path), its path values, and the operation that made it. */
export interface CreatedResource {
  readonly kind: string;
  readonly values: readonly string[];
  readonly createdBy: string;
  /** Made by a probe of a create, not by the run's own request (a delete of the run may still address it). */
  readonly byProbe?: boolean;
}

/** What the run created and has not deleted yet; kept on disk so an interrupted run can still clean up. */
export interface CreatedRegistry {
  readonly add: (resource: CreatedResource) => void;
  /** Forgets a resource (deleted), by kind and values. */
  readonly remove: (kind: string, values: readonly string[]) => void;
  /** A resource got new values (a rename): its entry follows it. */
  readonly move: (kind: string, from: readonly string[], to: readonly string[]) => void;
  /** Newest first: the order to delete in. */
  readonly pending: () => readonly CreatedResource[];
}

const same = (r: CreatedResource, kind: string, values: readonly string[]) =>
  r.kind === kind && r.values.length === values.length && r.values.every((v, i) => v === values[i]);

function load(file: string | undefined): CreatedResource[] {
  if (!file) return [];
  try {
    const items = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(items)
      ? items.filter((r): r is CreatedResource => typeof r?.kind === 'string' && Array.isArray(r?.values))
      : [];
  } catch {
    return [];
  }
}

/** A registry backed by a file (for live targets) or by memory alone (embedded mocks die with the run). */
export function createRegistry(file?: string): CreatedRegistry {
  const items = load(file);
  const save = () => {
    if (!file) return;
    if (items.length === 0) rmSync(file, { force: true });
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(items, null, 2));
    }
  };
  return {
    add(resource) {
      const at = items.findIndex((r) => same(r, resource.kind, resource.values));
      const entry = { ...resource, values: [...resource.values] };
      // A probe and the run's own request may name the same resource: the run's own claim wins, later ops use it.
      if (at < 0) items.push(entry);
      else if (items[at]?.byProbe && !resource.byProbe) items[at] = entry;
      else return;
      save();
    },
    remove(kind, values) {
      const at = items.findIndex((r) => same(r, kind, values));
      if (at >= 0) items.splice(at, 1);
      save();
    },
    move(kind, from, to) {
      const at = items.findIndex((r) => same(r, kind, from));
      const found = items[at];
      if (found) items[at] = { ...found, values: [...to] };
      save();
    },
    pending: () => [...items].reverse(),
  };
}
