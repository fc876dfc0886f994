import type { Reporter } from 'vitest/node';

/** A reporter that can be shut off: an interrupted run writes its own reports, and nothing may overwrite them. */
export interface GatedReporter {
  readonly reporter: Reporter;
  /** Stops forwarding hooks; resolves once the hooks already under way (a file being written) have settled. */
  readonly close: () => Promise<void>;
}

/** Wraps a reporter so that, once closed, vitest's later calls (the end of a cancelled run) do nothing. */
export function gateReporter(inner: Reporter): GatedReporter {
  let open = true;
  const running = new Set<Promise<unknown>>();
  const reporter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string' || !key.startsWith('on')) return value;
      return (...args: unknown[]) => {
        if (!open) return undefined;
        const result = value.apply(target, args);
        if (result instanceof Promise) {
          running.add(result);
          void result.finally(() => running.delete(result)).catch(() => {});
        }
        return result;
      };
    },
  });
  return {
    reporter,
    close: async () => {
      open = false;
      await Promise.allSettled([...running]);
    },
  };
}
