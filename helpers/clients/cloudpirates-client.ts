import LinkHeader from 'http-link-header';
import { buildUrl } from '../url/build-url.ts';
import { callJson } from './http-json.ts';

/** A workspace as this client uses it. */
export interface Workspace {
  readonly workspaceId: string;
  readonly workspaceKey: string;
  readonly workspaceName: string;
}

/** One page of a list: the items, the total, and the next page's offset when there is one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly nextOffset?: number;
}

/**
 * A small typed CloudPirates client: `Authorization: ApiKey …` (or `Bearer …` for the endpoints that refuse keys),
 * URLs `{base}/{service}/{resource}` from the suite's builder, limit/offset pages read from x-Total and Link.
 */
export function cloudpiratesClient(baseUrl: string, credential: { apiKey: string } | { bearer: string }) {
  const headers = {
    Authorization: 'apiKey' in credential ? `ApiKey ${credential.apiKey}` : `Bearer ${credential.bearer}`,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const url = (path: string, params: Record<string, string> = {}, query: Record<string, string> = {}) =>
    buildUrl(baseUrl, path, params, query);
  return {
    me: async () =>
      (await callJson<{ identityId: string; email: string }>(url('/auth/me'), { headers })).data,
    listWorkspaces: async (limit = 20, offset = 0): Promise<Page<Workspace>> => {
      const { data, headers: h } = await callJson<Workspace[]>(
        url('/workspaces', {}, { limit: String(limit), offset: String(offset) }),
        { headers },
      );
      const next = LinkHeader.parse(h.get('link') ?? '').rel('next')[0]?.uri;
      const nextOffset = next ? Number(new URL(next, baseUrl).searchParams.get('offset')) : undefined;
      return {
        items: data,
        total: Number(h.get('x-total')),
        ...(nextOffset === undefined ? {} : { nextOffset }),
      };
    },
    workspace: async (workspaceId: string) =>
      (await callJson<Workspace>(url('/workspaces/{workspaceId}', { workspaceId }), { headers })).data,
    createWorkspace: async (workspaceName: string, workspaceKey: string) =>
      (
        await callJson<{ workspaceId: string }>(url('/workspaces'), {
          method: 'POST',
          headers,
          body: { workspaceName, workspaceKey },
        })
      ).data,
    deleteWorkspace: async (workspaceId: string) => {
      await callJson(url('/workspaces/{workspaceId}', { workspaceId }), { method: 'DELETE', headers });
    },
    changePassword: async (existingPassword: string, password: string) => {
      await callJson(url('/auth/change-password'), {
        method: 'POST',
        headers,
        body: { existingPassword, password },
      });
    },
    clusters: async (workspaceId: string) =>
      (
        await callJson<{ clusterId: string; clusterName: string }[]>(
          url('/workspaces/{workspaceId}/clusters', { workspaceId }),
          { headers },
        )
      ).data,
  };
}
