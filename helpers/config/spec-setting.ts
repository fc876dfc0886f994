import type { Profile } from './profile.ts';

/** The setting that chooses a profile's spec, for messages: `PULUMI_SPEC or spec.url in profile pulumi`. */
export function specSetting(profile: Pick<Profile, 'name' | 'spec'>): string {
  const key = profile.spec.url !== undefined ? 'spec.url' : 'spec.path';
  const own = `${key} in profile ${profile.name}`;
  return profile.spec.env ? `${profile.spec.env} or ${own}` : own;
}
