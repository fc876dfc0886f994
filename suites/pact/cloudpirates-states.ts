import { cloudpiratesClient } from '../../helpers/clients/cloudpirates-client.ts';
import { ApiError } from '../../helpers/clients/http-json.ts';
import type { StateHandler } from './verify-provider.ts';

/** The API key placeholder the CloudPirates consumer tests record; verification swaps in the real key. */
export const CLOUDPIRATES_PLACEHOLDER = 'consumer-placeholder-key';
const KEY = 'pact-ws';

/** Reads until the eventually consistent API shows (or no longer shows) the workspace, for at most 5 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 100) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Provider states of CloudPirates, set up through its own API with the real client (`baseUrl` ends in /v1). */
export function cloudpiratesStates(baseUrl: string, apiKey: string): Record<string, StateHandler> {
  const client = cloudpiratesClient(baseUrl, { apiKey });
  const find = async () => (await client.listWorkspaces(100, 0)).items.find((w) => w.workspaceKey === KEY);
  const ensure = async () => {
    // A 409 means it exists already, perhaps not yet in the read model: either way, wait until it is readable.
    if (!(await find()))
      await client
        .createWorkspace('Pact', KEY)
        .catch((e: unknown) => (e instanceof ApiError && e.status === 409 ? undefined : Promise.reject(e)));
    let found: Awaited<ReturnType<typeof find>>;
    await until(async () => {
      found = await find();
      return (
        found !== undefined &&
        (await client.workspace(found.workspaceId).then(
          () => true,
          () => false,
        ))
      );
    });
    return { workspaceId: found?.workspaceId ?? '' };
  };
  return {
    'an API key': { writes: false, setup: async () => undefined },
    'several workspaces exist': { writes: false, setup: async () => undefined },
    'a workspace with a cluster exists': {
      writes: false,
      setup: async () => {
        for (const w of (await client.listWorkspaces(100, 0)).items)
          if ((await client.clusters(w.workspaceId)).length > 0) return { workspaceId: w.workspaceId };
        return undefined;
      },
    },
    'no workspace with the key pact-ws exists': {
      writes: true,
      setup: async () => {
        const found = await find();
        if (found) {
          await client.deleteWorkspace(found.workspaceId);
          await until(async () => (await find()) === undefined);
        }
        return undefined;
      },
    },
    'the workspace pact-ws exists': { writes: true, setup: ensure },
  };
}
