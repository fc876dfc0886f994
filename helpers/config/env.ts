import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { SetupError } from '../core/errors.ts';

/** The run's settings, parsed and validated once from `.env` and the environment. */
export interface Config {
  /** Built-in profile names to run (`CONFORMANCE_TARGETS`), or undefined for every built-in profile. */
  readonly targets: readonly string[] | undefined;
  /** Known failures a run accepts until they expire (`CONFORMANCE_BASELINE`, a YAML or JSON file). */
  readonly baselinePath: string | undefined;
  /** Path of a user profile file to run as well (`CONFORMANCE_PROFILE`). */
  readonly profilePath: string | undefined;
  /** Writes against a live target (`ALLOW_WRITES`); embedded mocks always allow them. */
  readonly allowWrites: boolean;
  /** Checks switched on by name (`CONFORMANCE_CHECKS`), or undefined for all. */
  readonly checks: readonly string[] | undefined;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
  /** Retries of idempotent requests after connection errors and 502/503/504 (`RETRIES`). */
  readonly retries: number;
  readonly retryBackoffMs: number;
  /** The longest `Retry-After` honoured, in ms (`RETRY_AFTER_CAP_S`). */
  readonly retryAfterCapMs: number;
  /** Requests a run may send at most, 0 for no limit (`MAX_REQUESTS`). */
  readonly maxRequests: number;
  /** Requests per second at most, 0 for no limit (`RATE_LIMIT_RPS`). */
  readonly ratePerSecond: number;
  /** Whole-run deadline in ms, 0 for none (`RUN_DEADLINE_S`). */
  readonly runDeadlineMs: number;
  readonly specCacheDir: string;
  /** Where a run keeps state between processes: what a live run created, for cleanup after an interrupt. */
  readonly stateDir: string;
  readonly specCacheTtlMs: number;
  readonly reportsDir: string;
  /** Where a shard (`--shard=i/n`) writes its blob report for merging (`BLOB_DIR`). */
  readonly blobDir: string;
  readonly runId: string;
  /** Faults to switch the embedded mocks into (`MOCK_FAULTS=pulumi:accepts-no-credentials,cloudpirates:lost-write`). */
  readonly mockFaults: readonly string[];
  /** The embedded Pulumi mock misbehaves on the wire (`MOCK_CHAOS=true`): resets, stalls, broken JSON, 503s, 429s. */
  readonly mockChaos: boolean;
  /** Base projection lag of the embedded CloudPirates mock in ms (`CLOUDPIRATES_MOCK_LAG_MS`, jittered ×0.5–1.5). */
  readonly cloudpiratesMockLagMs: number;
  /** Fixes every generated value of the run (`SEED`); drawn at random when unset, and printed so it can be repeated. */
  readonly seed: number;
  /** Generated probes per operation and check at most (`EXAMPLES`). */
  readonly examples: number;
  /** No colour on the console (`NO_COLOR`, any non-empty value); colour is only ever used on a terminal. */
  readonly noColor: boolean;
  /** Looks up a variable a profile names (base URL, credential); the only door to the environment. */
  readonly variable: (name: string) => string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const MAX_SEED = 2 ** 31 - 1;
const randomSeed = () => Math.floor(Math.random() * MAX_SEED);

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SetupError(
      'CONFIG_INVALID',
      `${name}=${raw} is not a whole number from ${min} to ${max}; fix it in .env or the environment.`,
    );
  }
  return value;
}

function boolean(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0' || raw === 'no') return false;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  throw new SetupError(
    'CONFIG_INVALID',
    `${name}=${env[name]} must be true or false; fix it in .env or the environment.`,
  );
}

function list(env: Env, name: string): string[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function runIdOf(env: Env): string {
  const raw = env.RUN_ID?.trim();
  if (raw === undefined || raw === '') return `ct${Date.now().toString(36)}`;
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(raw)) {
    throw new SetupError(
      'CONFIG_INVALID',
      `RUN_ID=${raw} must be 1-31 lowercase letters, digits or hyphens; it names what the run creates.`,
    );
  }
  return raw;
}

/** Where reports go; readable on its own, so a run whose other settings are malformed still reports there. */
export function reportsDirOf(env: Env = readEnvironment()): string {
  return env.REPORTS_DIR?.trim() || 'reports';
}

/** Parses a configuration from an environment record; pure, so tests pass their own. */
export function parseConfig(env: Env): Config {
  const snapshot = Object.freeze({ ...env });
  return Object.freeze({
    targets: list(env, 'CONFORMANCE_TARGETS'),
    profilePath: env.CONFORMANCE_PROFILE?.trim() || undefined,
    baselinePath: env.CONFORMANCE_BASELINE?.trim() || undefined,
    allowWrites: boolean(env, 'ALLOW_WRITES'),
    checks: list(env, 'CONFORMANCE_CHECKS'),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    concurrency: integer(env, 'CONCURRENCY', 4, 1, 64),
    retries: integer(env, 'RETRIES', 2, 0, 10),
    retryBackoffMs: integer(env, 'RETRY_BACKOFF_MS', 200, 0, 60_000),
    retryAfterCapMs: integer(env, 'RETRY_AFTER_CAP_S', 30, 0, 3_600) * 1000,
    maxRequests: integer(env, 'MAX_REQUESTS', 20_000, 0, 10_000_000),
    ratePerSecond: integer(env, 'RATE_LIMIT_RPS', 0, 0, 10_000),
    runDeadlineMs: integer(env, 'RUN_DEADLINE_S', 0, 0, 86_400) * 1000,
    specCacheDir: env.SPEC_CACHE_DIR?.trim() || '.cache/specs',
    stateDir: env.CONFORMANCE_STATE_DIR?.trim() || '.cache',
    specCacheTtlMs: integer(env, 'SPEC_CACHE_TTL_HOURS', 24, 0, 24 * 365) * 3_600_000,
    reportsDir: reportsDirOf(env),
    blobDir: env.BLOB_DIR?.trim() || '.vitest-reports',
    runId: runIdOf(env),
    mockFaults: list(env, 'MOCK_FAULTS') ?? [],
    mockChaos: boolean(env, 'MOCK_CHAOS'),
    cloudpiratesMockLagMs: integer(env, 'CLOUDPIRATES_MOCK_LAG_MS', 300, 0, 60_000),
    seed: integer(env, 'SEED', randomSeed(), 0, MAX_SEED),
    examples: integer(env, 'EXAMPLES', 3, 1, 1_000),
    noColor: (env.NO_COLOR ?? '') !== '',
    variable: (name: string) => {
      const value = snapshot[name]?.trim();
      return value === '' ? undefined : value;
    },
  });
}

/** Reads `.env` (if present) under the process environment, which wins. */
function readEnvironment(envFile = '.env'): Env {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(readEnvironment());
  return cached;
}

/** Hands the run id and seed to the processes a run starts (vitest workers), so all of them name and generate alike. */
export function shareRunId(cfg: Config): void {
  process.env.RUN_ID ??= cfg.runId;
  process.env.SEED ??= String(cfg.seed);
}
