import { pulumiClient } from '../../helpers/clients/pulumi-client.ts';
import type { StateHandler } from './verify-provider.ts';

/** The credential placeholder the Pulumi consumer tests record; verification swaps in the real token. */
export const PULUMI_PLACEHOLDER = 'consumer-placeholder-token';

/** Provider states of Pulumi Cloud, set up through its own API with the real client. */
export function pulumiStates(baseUrl: string, token: string): Record<string, StateHandler> {
  const client = pulumiClient(baseUrl, token);
  const remove = (name: string) =>
    client.deleteStack('acme', 'website', name).then(
      () => undefined,
      () => undefined,
    );
  const create = (name: string) =>
    client.createStack('acme', 'website', name).then(
      () => undefined,
      () => undefined,
    );
  return {
    'a user in the organization acme': { writes: false, setup: async () => undefined },
    'the stack acme/website/production exists': { writes: false, setup: async () => undefined },
    'no stack acme/website/pact-new exists': { writes: true, setup: () => remove('pact-new') },
    'the stack acme/website/pact-new exists': { writes: true, setup: () => create('pact-new') },
    'the stack acme/website/pact-old exists': { writes: true, setup: () => create('pact-old') },
  };
}
