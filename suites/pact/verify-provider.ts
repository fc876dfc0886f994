import { readFileSync, writeFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';

/** A provider state: set up through the provider's own API; `writes` says whether it needs to create anything. */
export interface StateHandler {
  readonly writes: boolean;
  /** Sets the state up; may return values the interaction's request takes (`fromProviderState`). */
  readonly setup: () => Promise<Record<string, string> | undefined>;
}

/** Verification settings: where the provider is, the credential to put in place of the consumer's placeholder. */
export interface VerifyOptions {
  readonly provider: string;
  readonly baseUrl: string;
  readonly pactFile: string;
  readonly header: string;
  /** The placeholder credential value the consumer tests recorded, and the real one to send instead. */
  readonly placeholder: string;
  readonly credential: string;
  readonly states: Readonly<Record<string, StateHandler>>;
  /** Live targets: interactions whose state needs writes are left out unless writes are allowed. */
  readonly writesAllowed: boolean;
}

/** Verifies a pact file against a provider; resolves with the interactions left out, rejects when verification fails. */
export async function verifyProvider(options: VerifyOptions): Promise<string[]> {
  const pact = JSON.parse(readFileSync(options.pactFile, 'utf8')) as {
    interactions: { description: string; providerStates?: { name: string }[] }[];
  };
  const needsWrites = (i: (typeof pact.interactions)[number]) =>
    (i.providerStates ?? []).some((s) => options.states[s.name]?.writes);
  const left = options.writesAllowed ? [] : pact.interactions.filter(needsWrites).map((i) => i.description);
  let file = options.pactFile;
  if (left.length > 0) {
    file = options.pactFile.replace(/\.json$/, '.read-only.json');
    writeFileSync(
      file,
      JSON.stringify({ ...pact, interactions: pact.interactions.filter((i) => !needsWrites(i)) }),
    );
  }
  await new Verifier({
    provider: options.provider,
    providerBaseUrl: options.baseUrl,
    pactUrls: [file],
    logLevel: 'warn',
    stateHandlers: Object.fromEntries(
      Object.entries(options.states).map(([name, handler]) => [name, () => handler.setup()]),
    ),
    // The consumer recorded a placeholder credential; the provider gets the real one, from the environment.
    requestFilter: (
      req: { headers: Record<string, string | string[] | undefined> },
      _res: unknown,
      next: () => void,
    ) => {
      const value = req.headers[options.header.toLowerCase()];
      if (typeof value === 'string' && value.includes(options.placeholder))
        req.headers[options.header.toLowerCase()] = value.replace(options.placeholder, options.credential);
      next();
    },
  }).verifyProvider();
  return left;
}
