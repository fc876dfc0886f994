import type { Config } from './env.ts';
import { builtInProfile, builtInProfileNames, loadProfileFile } from './load-profile.ts';
import type { Profile } from './profile.ts';

/** The profiles a run covers: the built-in targets, plus the user's profile file when one is named. */
export function selectedProfiles(cfg: Config): Profile[] {
  const profiles = targetNames(cfg).map(builtInProfile);
  if (cfg.profilePath) profiles.push(loadProfileFile(cfg.profilePath));
  return profiles;
}

/** Names of the built-in profiles a run covers: `CONFORMANCE_TARGETS`, or all of them; `none` for only a user profile. */
export function targetNames(cfg: Config): string[] {
  return (cfg.targets ?? builtInProfileNames()).filter((name) => name !== 'none');
}
