import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A resource this run created: the variable that names it, its value, and the operation that made it. */
export interface CreatedResource {
  readonly variable: string;
  readonly value: string;
  readonly createdBy: string;
  /** Other path values known when it was created (its workspace, organization…), for its delete. */
  readonly context: Readonly<Record<string, string>>;
}

/** What the run created and has not deleted yet; kept on disk so an interrupted run can still clean up. */
export interface CreatedRegistry {
  readonly add: (resource: CreatedResource) => void;
  readonly remove: (value: string) => void;
  /** Newest first: the order to delete in. */
  readonly pending: () => readonly CreatedResource[];
}

function load(file: string | undefined): CreatedResource[] {
  if (!file) return [];
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CreatedResource[];
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
      items.push(resource);
      save();
    },
    remove(value) {
      const at = items.findIndex((r) => r.value === value);
      if (at >= 0) items.splice(at, 1);
      save();
    },
    pending: () => [...items].reverse(),
  };
}
