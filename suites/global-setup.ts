import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { TARGET_RUN } from '../helpers/cli/vitest-settings.ts';
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
  // The project's own tests run the command line some thirty-five times, several at once from the start: built here
  // once, before any of them, the compiled command line is not built by each of the first few at the same time.
  if (!process.env[TARGET_RUN])
    spawnSync(process.execPath, ['helpers/cli/launch.mjs', '--help'], { stdio: 'ignore' });
  const cfg = config();
  shareRunId(cfg);
  const mocks = await startEmbeddedMocks(selectedProfiles(cfg), cfg);
  project.provide('mockUrls', mocks.urls);
  return mocks.close;
}
