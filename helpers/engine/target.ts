import { credentialFrom, NO_CREDENTIAL } from '../config/credential-placement.ts';
import type { Config } from '../config/env.ts';
import { resolveEnvRefs } from '../config/env-refs.ts';
import type { CredentialSpec, Profile } from '../config/profile.ts';
import type { Credential, Target } from '../config/target.ts';
import { SetupError } from '../core/errors.ts';

export { authorizationValue, type Credential, type Target } from '../config/target.ts';

function credentialOf(
  spec: CredentialSpec,
  config: Config,
  live: boolean,
  profile: string,
): Credential | undefined {
  const value = live ? config.variable(spec.env) : (spec.mockValue ?? config.variable(spec.env));
  if (value === undefined) return undefined;
  if (/[\r\n]/.test(value))
    throw new SetupError(
      'CONFIG_INVALID',
      `${spec.env} contains a line break; paste the ${profile} credential on one line.`,
    );
  return credentialFrom(spec, value);
}

function checkUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value;
  } catch {
    throw new SetupError(
      'CONFIG_INVALID',
      `${name}=${value} is not an http(s) URL; set it to the API's base URL, e.g. https://api.example.com.`,
    );
  }
}

/**
 * Binds a profile to the run. Live when the profile's base-URL variable is set, else the embedded mock at
 * `mockBaseUrl`. A live target without its credential is a set-up error naming the variable.
 */
export function resolveTarget(declared: Profile, config: Config, mockBaseUrl?: string): Target {
  const { profile, secrets: profileSecrets } = resolveEnvRefs(declared, config.variable);
  const liveUrl = profile.baseUrl?.env ? config.variable(profile.baseUrl.env) : undefined;
  const live = liveUrl !== undefined || mockBaseUrl === undefined;
  // No base URL anywhere: the spec's first `servers` entry, filled in by prepare() once the spec is loaded.
  const chosen = liveUrl ?? mockBaseUrl ?? profile.baseUrl?.default;
  const baseUrl = chosen === undefined ? '' : checkUrl(profile.baseUrl?.env ?? 'baseUrl', chosen);
  // A profile without a credential describes an API without authentication.
  const credential = profile.credential
    ? credentialOf(profile.credential, config, live, profile.name)
    : NO_CREDENTIAL;
  if (!credential) {
    throw new SetupError(
      'CREDENTIAL_MISSING',
      `${profile.credential?.env} is not set: the ${profile.name} profile needs it to call ${baseUrl || 'its target'}; add it to .env or the environment.`,
    );
  }
  const extraCredentials = Object.fromEntries(
    Object.entries(profile.extraCredentials ?? {}).map(([scheme, spec]) => [
      scheme,
      credentialOf(spec, config, live, profile.name),
    ]),
  );
  const override = profile.spec.env ? config.variable(profile.spec.env) : undefined;
  const url = profile.spec.url?.replace('{baseUrl}', baseUrl.replace(/\/+$/, ''));
  const path = profile.spec.path ? `${profile.dir}/${profile.spec.path}` : undefined;
  const specSource = override ?? url ?? path;
  if (!specSource)
    throw new SetupError(
      'PROFILE_INVALID',
      `Profile ${profile.name} names no spec: set spec.path or spec.url.`,
    );
  const headers = Object.fromEntries(
    (profile.requiredHeaders ?? []).map((h) => [h.name, (h.env && config.variable(h.env)) || h.value]),
  );
  const secrets = [credential, ...Object.values(extraCredentials)]
    .filter((c): c is Credential => c !== undefined && c.value !== '')
    .map((c) => ({ value: c.value, name: c.env }))
    .concat(profileSecrets);
  return Object.freeze({
    profile,
    live,
    baseUrl,
    specSource,
    credential,
    extraCredentials,
    headers,
    writesAllowed: !live || config.allowWrites || profile.writes?.allowed === true,
    runId: config.runId,
    secrets,
  });
}
