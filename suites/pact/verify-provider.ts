import { readFileSync, writeFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';
import { type LeftOut, leftOutWhenReadOnly, type PactInteraction, READ_METHODS } from './read-only.ts';

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
  /** Live targets: only GET and HEAD, and only states set up by reading, unless writes are allowed. */
  readonly writesAllowed: boolean;
}

/** Where the verifier asks its proxy to set provider states up; answered by the proxy itself, never forwarded. */
const STATE_SETUP_PATH = '/_pactSetup';

/** Verifies a pact file against a provider; resolves with the interactions left out, rejects when verification fails. */
export async function verifyProvider(options: VerifyOptions): Promise<LeftOut[]> {
  const pact = JSON.parse(readFileSync(options.pactFile, 'utf8')) as { interactions: PactInteraction[] };
  const left = options.writesAllowed ? [] : leftOutWhenReadOnly(pact.interactions, options.states);
  let file = options.pactFile;
  if (left.length > 0) {
    const out = new Set(left.map((l) => l.description));
    file = options.pactFile.replace(/\.json$/, '.read-only.json');
    writeFileSync(
      file,
      JSON.stringify({ ...pact, interactions: pact.interactions.filter((i) => !out.has(i.description)) }),
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
    // Read-only: a write that got past the pact file's filter is answered here and never reaches the provider.
    requestFilter: (req: FilteredRequest, res: FilterResponse, next: () => void) => {
      if (!options.writesAllowed && !READ_METHODS.has(req.method) && req.path !== STATE_SETUP_PATH) {
        res
          .status(405)
          .send(`not sent: ${req.method} ${req.path}: writes are not allowed against a live target`);
        return;
      }
      const value = req.headers[options.header.toLowerCase()];
      if (typeof value === 'string' && value.includes(options.placeholder))
        req.headers[options.header.toLowerCase()] = value.replace(options.placeholder, options.credential);
      next();
    },
  }).verifyProvider();
  return left;
}

/** What the request filter reads of the verifier proxy's (express) request and response. */
interface FilteredRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
}
interface FilterResponse {
  status: (code: number) => { send: (body: string) => unknown };
}
