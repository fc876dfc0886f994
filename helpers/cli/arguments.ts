import { SetupError } from '../core/errors.ts';

/** What the command line asks for beyond the environment. */
export interface CliArguments {
  /** `--shard=i/n`: run one of n parts and write a blob report to merge later. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** `--gate`: the release gate: the conformance suites and the Pact contracts with their provider verification. */
  readonly gate?: boolean;
}

const USAGE = 'usage: npm run conformance [-- --shard=<i>/<n>] [--gate]';

/** Parses the command line; anything unknown is a usage error (exit 2) naming the flag. */
export function parseArguments(argv: readonly string[]): CliArguments {
  let shard: CliArguments['shard'];
  let gate = false;
  for (const arg of argv) {
    const m = /^--shard=(\d+)\/(\d+)$/.exec(arg);
    if (arg === '--gate') gate = true;
    else if (m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]))
      shard = { index: Number(m[1]), count: Number(m[2]) };
    else throw new SetupError('CONFIG_INVALID', `Unknown or malformed argument ${arg}; ${USAGE}`);
  }
  return { ...(shard ? { shard } : {}), ...(gate ? { gate } : {}) };
}
