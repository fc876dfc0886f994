import { buildUrl } from '../url/build-url.ts';
import { callJson } from './http-json.ts';

/** The stack fields this client relies on. */
export interface Stack {
  readonly orgName: string;
  readonly projectName: string;
  readonly stackName: string;
  readonly version: number;
}

/**
 * A small typed Pulumi Cloud client: `Authorization: token …`, the versioned Accept and JSON content type on every
 * request, URLs from the suite's builder (managed or self-hosted, with or without a path prefix).
 */
export function pulumiClient(baseUrl: string, token: string, apiVersion = 8) {
  const headers = {
    Authorization: `token ${token}`,
    Accept: `application/vnd.pulumi+${apiVersion}`,
    'Content-Type': 'application/json',
  };
  const url = (path: string, params: Record<string, string> = {}, query: Record<string, string> = {}) =>
    buildUrl(baseUrl, path, params, query);
  const get = async <T>(path: string, params?: Record<string, string>, query?: Record<string, string>) =>
    (await callJson<T>(url(path, params, query), { headers })).data;
  return {
    currentUser: () =>
      get<{ githubLogin: string; name: string; organizations: { githubLogin: string }[] }>('/api/user'),
    organization: (orgName: string) =>
      get<{ githubLogin: string; name: string }>('/api/orgs/{orgName}', { orgName }),
    /** One page of the user's stacks; pass the returned token back for the next page. */
    listStacks: (organization: string, continuationToken?: string) =>
      get<{
        stacks: { orgName: string; projectName: string; stackName: string }[];
        continuationToken?: string;
      }>('/api/user/stacks', {}, { organization, ...(continuationToken ? { continuationToken } : {}) }),
    stack: (orgName: string, projectName: string, stackName: string) =>
      get<Stack>('/api/stacks/{orgName}/{projectName}/{stackName}', { orgName, projectName, stackName }),
    createStack: async (orgName: string, projectName: string, stackName: string) => {
      await callJson(url('/api/stacks/{orgName}/{projectName}', { orgName, projectName }), {
        method: 'POST',
        headers,
        body: { stackName },
      });
    },
    deleteStack: async (orgName: string, projectName: string, stackName: string) => {
      await callJson(
        url('/api/stacks/{orgName}/{projectName}/{stackName}', { orgName, projectName, stackName }),
        { method: 'DELETE', headers },
      );
    },
    teams: (orgName: string) =>
      get<{ teams: { name: string; displayName: string }[] }>('/api/orgs/{orgName}/teams', { orgName }),
  };
}
