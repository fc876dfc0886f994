const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Calls `stop` on SIGINT and SIGTERM with how many interrupts there have been. A terminal's Ctrl-C reaches every
 * process of the group and npm hands it on once more, so a repeat within a second counts as the same interrupt.
 */
export function onInterrupt(stop: (signal: NodeJS.Signals, count: number) => void): void {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      const now = performance.now();
      if (now - last < 1_000) return;
      last = now;
      stop(signal, ++count);
    });
  }
}

/**
 * Runs `start` and removes the SIGINT and SIGTERM listeners it added: vitest installs its own, which would
 * exit at once, before the reports of what finished are written and what the run created is deleted.
 */
export async function withoutTheirSignalListeners<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  try {
    return await start();
  } finally {
    for (const signal of SIGNALS)
      for (const listener of process.listeners(signal))
        if (!before.get(signal)?.has(listener)) process.off(signal, listener as () => void);
  }
}
