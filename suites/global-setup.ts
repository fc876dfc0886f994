import type { TestProject } from 'vitest/node';
import { config, shareRunId } from '../helpers/config/env.ts';
import { selectedProfiles } from '../helpers/config/select-profiles.ts';
import { startEmbeddedMocks } from '../helpers/mocks/start-embedded.ts';

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
  const mocks = await startEmbeddedMocks(selectedProfiles(cfg), cfg);
  project.provide('mockUrls', mocks.urls);
  return mocks.close;
}
