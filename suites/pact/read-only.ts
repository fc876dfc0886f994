import type { StateHandler } from './verify-provider.ts';

/** An interaction of a pact file, as far as the read-only rule reads it. */
export interface PactInteraction {
  readonly description: string;
  readonly request?: { readonly method?: string; readonly path?: string };
  readonly providerStates?: readonly { readonly name: string }[];
}

/** An interaction a verification did not send, and why. */
export interface LeftOut {
  readonly description: string;
  readonly reason: string;
}

/** The only methods a live target without writes allowed ever receives. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

const NOT_ALLOWED = 'writes are not allowed against a live target (ALLOW_WRITES)';

/**
 * The interactions a live target without writes allowed must not receive, each with its reason: any request that
 * is not a GET or HEAD (a refused write is still a write if the provider wrongly accepts it), and any whose
 * provider state is set up by writing.
 */
export function leftOutWhenReadOnly(
  interactions: readonly PactInteraction[],
  states: Readonly<Record<string, StateHandler>>,
): LeftOut[] {
  return interactions.flatMap((i) => {
    const method = (i.request?.method ?? 'GET').toUpperCase();
    if (!READ_METHODS.has(method))
      return [
        { description: i.description, reason: `it sends ${method} ${i.request?.path ?? ''}: ${NOT_ALLOWED}` },
      ];
    const writing = (i.providerStates ?? []).find((s) => states[s.name]?.writes);
    if (writing)
      return [
        { description: i.description, reason: `its provider state "${writing.name}" writes: ${NOT_ALLOWED}` },
      ];
    return [];
  });
}
