import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { checkMockFaults, usesEmbeddedMock } from './check-faults.ts';
import { EMBEDDED_MOCKS } from './index.ts';
import type { RunningMock } from './mock-server.ts';

/** The embedded mocks a run started: their base URLs by profile name, and how to stop them all. */
export interface EmbeddedMocks {
  readonly urls: Record<string, string>;
  readonly close: () => Promise<void>;
}

/** Starts the embedded mock of every profile that has no live target configured. */
export async function startEmbeddedMocks(profiles: readonly Profile[], cfg: Config): Promise<EmbeddedMocks> {
  checkMockFaults(cfg, profiles);
  const running: RunningMock[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const profile of profiles.filter((p) => usesEmbeddedMock(p, cfg))) {
      const mock = await EMBEDDED_MOCKS[profile.mock ?? '']?.(profile, cfg);
      if (!mock) continue;
      running.push(mock);
      urls[profile.name] = mock.url;
    }
  } catch (error) {
    await Promise.all(running.map((m) => m.close()));
    throw error;
  }
  return { urls, close: async () => void (await Promise.all(running.map((m) => m.close()))) };
}
