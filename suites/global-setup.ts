import type { TestProject } from 'vitest/node';
import { config, shareRunId } from '../helpers/config/env.ts';
import { selectedProfiles } from '../helpers/config/select-profiles.ts';
import { EMBEDDED_MOCKS } from '../helpers/mocks/index.ts';
import type { RunningMock } from '../helpers/mocks/mock-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URLs of the embedded mocks started for this run, by profile name. */
    mockUrls: Record<string, string>;
  }
}

/** Starts an embedded mock for every selected profile that has no live target configured. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cfg = config();
  shareRunId(cfg);
  const running: RunningMock[] = [];
  const mockUrls: Record<string, string> = {};
  for (const profile of selectedProfiles(cfg)) {
    const start = profile.mock ? EMBEDDED_MOCKS[profile.mock] : undefined;
    const live = profile.baseUrl?.env !== undefined && cfg.variable(profile.baseUrl.env) !== undefined;
    if (live || !start) continue;
    const mock = await start(profile, cfg);
    running.push(mock);
    mockUrls[profile.name] = mock.url;
  }
  project.provide('mockUrls', mockUrls);
  return async () => {
    await Promise.all(running.map((m) => m.close()));
  };
}
