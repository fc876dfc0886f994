import { SetupError } from '../core/errors.ts';

/** What the command line asks for beyond the environment. */
export interface CliArguments {
  /** `--shard=i/n`: run one of n parts and write a blob report to merge later. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** `--gate`: the release gate: the conformance suites and the Pact contracts with their provider verification. */
  readonly gate?: boolean;
  /** `--help`: print the usage and exit 0. */
  readonly help?: boolean;
}

/** The usage line, as the README states it. */
export const USAGE = 'usage: npm run conformance [-- [--shard=<i>/<n>] [--gate] [--help]]';

/** What `--help` prints. */
export const HELP = `${USAGE}

Runs the conformance suites of the selected targets and writes reports/junit.xml, index.html and summary.json.
Targets and settings come from .env and the environment (see .env.example): CONFORMANCE_TARGETS,
CONFORMANCE_PROFILE, PULUMI_API_URL, CLOUDPIRATES_API_URL, ...

  --shard=<i>/<n>  run part i of n and write a blob report for \`npm run conformance:merge\`
  --gate           the release gate (\`npm run gate\`): the conformance suites and the Pact contracts
  --help           print this help

Exit codes: 0 every check passed, 1 contract failures, 2 configuration or usage error,
3 a live base URL does not answer, 130 interrupted (SIGINT or SIGTERM).`;

/** Parses the command line; anything unknown is a usage error (exit 2) naming the flag. */
export function parseArguments(argv: readonly string[]): CliArguments {
  let shard: CliArguments['shard'];
  let gate = false;
  let help = false;
  for (const arg of argv) {
    const m = /^--shard=(\d+)\/(\d+)$/.exec(arg);
    if (arg === '--gate') gate = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]))
      shard = { index: Number(m[1]), count: Number(m[2]) };
    else throw new SetupError('CONFIG_INVALID', `Unknown or malformed argument ${arg}; ${USAGE}`);
  }
  return { ...(shard ? { shard } : {}), ...(gate ? { gate } : {}), ...(help ? { help } : {}) };
}
