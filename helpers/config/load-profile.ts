import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { SetupError } from '../core/errors.ts';
import { parseYamlCached } from '../core/yaml-cache.ts';
import type { Profile } from './profile.ts';
import profileValidator from './profile-validator.cjs';

const PROFILES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../profiles');
// The profile schema is this project's own and is checked against the JSON Schema meta-schema by a test, not at
// every start. Its validator is compiled ahead of time (profile-validator-code.ts): compiling it took about 0.1 s
// in each thread that reads a profile, on the path of every run.
const compiled: ValidateFunction = profileValidator;
const validate = (data: unknown): boolean => compiled(data);

function describe(error: ErrorObject): string {
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `${at === '/' ? '' : at}/${key}: unknown key`;
  }
  return `${at}: ${error.message ?? 'is invalid'}`;
}

/** Validates parsed profile data; returns the profile or throws one SetupError listing each bad key. */
export function parseProfile(data: unknown, source: string, dir: string): Profile {
  if (!validate(data)) {
    const problems = [
      ...new Set(
        (compiled.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf').map(describe),
      ),
    ];
    throw new SetupError('PROFILE_INVALID', `Profile ${source} is malformed: ${problems.join('; ')}.`);
  }
  return Object.freeze({ ...(data as Omit<Profile, 'dir'>), dir });
}

/** Reads a profile file (YAML or JSON) and validates it against profiles/profile.schema.json. */
export function loadProfileFile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetupError(
      'PROFILE_INVALID',
      `Cannot read profile ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check CONFORMANCE_PROFILE.`,
    );
  }
  let data: unknown;
  try {
    data = parseYamlCached(text);
  } catch (error) {
    throw new SetupError(
      'PROFILE_INVALID',
      `Profile ${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return parseProfile(data, path, dirname(resolve(path)));
}

/** A built-in profile by name (profiles/<name>.yaml). */
export function builtInProfile(name: string): Profile {
  if (!/^[a-z0-9-]+$/.test(name))
    throw new SetupError('CONFIG_INVALID', `CONFORMANCE_TARGETS names an unknown profile "${name}".`);
  try {
    return loadProfileFile(resolve(PROFILES_DIR, `${name}.yaml`));
  } catch (error) {
    if (error instanceof SetupError && error.message.includes('Cannot read')) {
      throw new SetupError(
        'CONFIG_INVALID',
        `CONFORMANCE_TARGETS names an unknown profile "${name}"; built-in profiles are in profiles/.`,
      );
    }
    throw error;
  }
}

/** Names of the profiles that ship with the project. */
export function builtInProfileNames(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}
