import { SetupError } from '../core/errors.ts';
import type { Secret } from '../core/redact.ts';
import type { Profile } from './profile.ts';

const ENV_REF = /\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A profile with its `{env:VAR}` values filled in, and those values as secrets for redaction. */
export interface ResolvedProfile {
  readonly profile: Profile;
  readonly secrets: readonly Secret[];
}

/**
 * Fills `{env:VAR}` in the parts of a profile that may hold secrets (parameters.fixed, requests,
 * requiredHeaders values) from the environment, so a login password need not sit in the profile file.
 * Each value is a secret: reports show `$VAR` instead. An unset variable is a set-up error naming the key.
 */
export function resolveEnvRefs(
  profile: Profile,
  variable: (name: string) => string | undefined,
): ResolvedProfile {
  const secrets = new Map<string, string>();
  const fill = (value: unknown, key: string): unknown => {
    if (typeof value === 'string')
      return value.replace(ENV_REF, (_, name: string) => {
        const found = variable(name);
        if (found === undefined)
          throw new SetupError(
            'CONFIG_INVALID',
            `${key} in profile ${profile.name} names {env:${name}}, which is not set; add ${name} to .env or the environment.`,
          );
        secrets.set(name, found);
        return found;
      });
    if (Array.isArray(value)) return value.map((v, i) => fill(v, `${key}/${i}`));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, `${key}/${k}`)]));
    return value;
  };
  const resolved = {
    ...profile,
    ...(profile.parameters?.fixed
      ? { parameters: { ...profile.parameters, fixed: fill(profile.parameters.fixed, '/parameters/fixed') } }
      : {}),
    ...(profile.requests ? { requests: fill(profile.requests, '/requests') } : {}),
    ...(profile.requiredHeaders
      ? {
          requiredHeaders: profile.requiredHeaders.map((h, i) => ({
            ...h,
            value: fill(h.value, `/requiredHeaders/${i}/value`),
          })),
        }
      : {}),
  } as Profile;
  return {
    profile: Object.freeze(resolved),
    secrets: [...secrets].map(([name, value]) => ({ name, value })),
  };
}
