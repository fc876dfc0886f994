import { type Handler, json, type MockResponse } from '../mock-types.ts';
import { type PulumiState, stackKey } from './state.ts';

const AVATAR = 'https://avatars.example.com/u/1';
const USER_INFO = {
  name: 'Conformance User',
  githubLogin: 'conformance-user',
  avatarUrl: AVATAR,
  email: 'user@example.com',
};
const notFound = (what: string): MockResponse =>
  json(404, { code: 404, message: `Not Found: ${what} not found` });
const badRequest = (detail: string): MockResponse =>
  json(400, { code: 400, message: `Bad Request: ${detail}` });
const conflict = (detail: string): MockResponse => json(409, { code: 409, message: `Conflict: ${detail}` });
const noContent: MockResponse = { status: 204 };

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const orgMatches = (s: PulumiState, org: string | undefined) => org === s.org;
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function stackOf(s: PulumiState, p: Readonly<Record<string, string>>) {
  return orgMatches(s, p.orgName)
    ? s.stacks.get(stackKey(p.orgName ?? '', p.projectName ?? '', p.stackName ?? ''))
    : undefined;
}

function hookView(
  s: PulumiState,
  hook: { name: string; displayName: string; payloadUrl: string; active: boolean; format: string },
) {
  return { organizationName: s.org, ...hook, hasSecret: false, secretCiphertext: '' };
}

function environmentView(
  s: PulumiState,
  e: { project: string; name: string; created: string; modified: string },
) {
  return {
    id: `env-${e.project}-${e.name}`,
    organization: s.org,
    project: e.project,
    name: e.name,
    created: e.created,
    modified: e.modified,
    ownedBy: USER_INFO,
    tags: {},
    settings: { deletionProtected: false },
    referrerMetadata: { environmentReferrerCount: 0, insightsAccountReferrerCount: 0, stackReferrerCount: 0 },
  };
}

/** The Pulumi mock's operations, keyed by operationId as in the project's spec. */
export const PULUMI_HANDLERS: Record<string, Handler<PulumiState>> = {
  GetCurrentUser: (_, s) =>
    json(200, {
      id: 'user-1',
      ...USER_INFO,
      hasMFA: false,
      identities: ['github.com'],
      organizations: [{ githubLogin: s.org, name: 'ACME Corp', avatarUrl: AVATAR, role: 'admin' }],
      isOrgManaged: false,
      isManagedByMultiOrg: false,
    }),
  ListUserStacks: (req, s) => {
    const org = req.query.get('organization');
    const stacks = [...s.stacks.values()]
      .filter((st) => !org || st.orgName === org)
      .map((st) => ({
        id: st.id,
        orgName: st.orgName,
        projectName: st.projectName,
        stackName: st.stackName,
        lastUpdate: 1767607200,
        resourceCount: 4,
      }));
    return json(200, { stacks });
  },
  ListPersonalTokens: (_, s) =>
    json(200, {
      tokens: [...s.tokens.values()].map((t) => ({
        id: t.id,
        name: t.description,
        description: t.description,
        created: t.created,
        createdBy: USER_INFO.githubLogin,
        expires: t.expires,
        lastUsed: 0,
        admin: false,
        type: 'personal',
      })),
    }),
  CreatePersonalToken: (req, s) => {
    const body = parse(req.body);
    if (!body || !text(body.description) || typeof body.expires !== 'number')
      return badRequest('description and expires are required');
    const id = `tok-${s.nextId++}`;
    const value = `pul-${id}-${Math.random().toString(16).slice(2)}`;
    s.tokens.set(id, {
      id,
      value,
      description: body.description,
      created: new Date().toISOString(),
      expires: body.expires,
    });
    s.validTokens.add(value);
    return json(200, { id, tokenValue: value });
  },
  DeletePersonalToken: (req, s) => {
    const token = s.tokens.get(req.params.tokenId ?? '');
    if (!token) return notFound('token');
    s.tokens.delete(token.id);
    s.validTokens.delete(token.value);
    return noContent;
  },
  GetOrganization: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(200, { githubLogin: s.org, name: 'ACME Corp', avatarUrl: AVATAR, repos: [] })
      : notFound('organization'),
  ListOrganizationMembers: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(200, {
          members: [
            {
              role: 'admin',
              user: USER_INFO,
              created: '2025-06-01T09:00:00Z',
              knownToPulumi: true,
              virtualAdmin: false,
              fgaRole: { id: 'role-admin', name: 'Admin', modifiedAt: '2025-06-01T09:00:00Z' },
            },
          ],
        })
      : notFound('organization'),
  ListTeams: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(200, { teams: [...s.teams.values()].map((t) => ({ kind: 'pulumi', ...t })) })
      : notFound('organization'),
  CreatePulumiTeam: (req, s) => {
    const body = parse(req.body);
    if (
      !body ||
      !text(body.name) ||
      typeof body.displayName !== 'string' ||
      typeof body.description !== 'string'
    )
      return badRequest('name, displayName and description are required');
    if (s.teams.has(body.name)) return conflict(`team ${body.name} already exists`);
    const team = { name: body.name, displayName: body.displayName, description: body.description };
    s.teams.set(team.name, team);
    return json(201, { kind: 'pulumi', ...team, userRole: 'admin' });
  },
  GetTeam: (req, s) => {
    const team = orgMatches(s, req.params.orgName) ? s.teams.get(req.params.teamName ?? '') : undefined;
    return team ? json(200, { kind: 'pulumi', ...team }) : notFound('team');
  },
  DeleteTeam: (req, s) =>
    orgMatches(s, req.params.orgName) && s.teams.delete(req.params.teamName ?? '')
      ? noContent
      : notFound('team'),
  ListOrganizationWebhooks: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(
          200,
          [...s.hooks.values()].map((h) => hookView(s, h)),
        )
      : notFound('organization'),
  CreateOrganizationWebhook: (req, s) => {
    const body = parse(req.body);
    if (!body || !text(body.displayName) || !text(body.payloadUrl) || typeof body.active !== 'boolean')
      return badRequest('displayName, payloadUrl and active are required');
    const name = text(body.name) ? body.name : `hook-${s.nextId++}`;
    if (s.hooks.has(name)) return conflict(`webhook ${name} already exists`);
    const hook = {
      name,
      displayName: body.displayName,
      payloadUrl: body.payloadUrl,
      active: body.active,
      format: text(body.format) ? body.format : 'raw',
    };
    s.hooks.set(name, hook);
    return json(201, hookView(s, hook));
  },
  GetOrganizationWebhook: (req, s) => {
    const hook = orgMatches(s, req.params.orgName) ? s.hooks.get(req.params.hookName ?? '') : undefined;
    return hook ? json(200, hookView(s, hook)) : notFound('webhook');
  },
  DeleteOrganizationWebhook: (req, s) =>
    orgMatches(s, req.params.orgName) && s.hooks.delete(req.params.hookName ?? '')
      ? noContent
      : notFound('webhook'),
  ProjectExists: (req, s) =>
    [...s.stacks.values()].some(
      (st) => st.orgName === req.params.orgName && st.projectName === req.params.projectName,
    )
      ? json(200, req.params.projectName)
      : notFound('project'),
  CreateStack: (req, s) => {
    const body = parse(req.body);
    if (!orgMatches(s, req.params.orgName)) return notFound('organization');
    if (!body || !text(body.stackName) || !/^[A-Za-z0-9_.-]+$/.test(body.stackName))
      return badRequest('stackName must be letters, digits, -, _ or .');
    const key = stackKey(s.org, req.params.projectName ?? '', body.stackName);
    if (s.stacks.has(key)) return conflict(`stack ${body.stackName} already exists`);
    const tags = body.tags && typeof body.tags === 'object' ? (body.tags as Record<string, string>) : {};
    s.stacks.set(key, {
      id: `stk-${s.nextId++}`,
      orgName: s.org,
      projectName: req.params.projectName ?? '',
      stackName: body.stackName,
      tags,
      version: 0,
    });
    return json(200, { messages: [] });
  },
  GetStack: (req, s) => {
    const st = stackOf(s, req.params);
    return st
      ? json(200, {
          id: st.id,
          orgName: st.orgName,
          projectName: st.projectName,
          stackName: st.stackName,
          activeUpdate: '',
          version: st.version,
          tags: st.tags,
        })
      : notFound('stack');
  },
  DeleteStack: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    if (st.version > 0 && req.query.get('force') !== 'true')
      return badRequest('Stack still contains resources.');
    s.stacks.delete(stackKey(st.orgName, st.projectName, st.stackName));
    return noContent;
  },
  UpdateStackTags: (req, s) => {
    const st = stackOf(s, req.params);
    const body = parse(req.body);
    if (!st) return notFound('stack');
    if (!body || Object.values(body).some((v) => typeof v !== 'string'))
      return badRequest('tags must be a map of strings');
    st.tags = body as Record<string, string>;
    return noContent;
  },
  RenameStack: (req, s) => {
    const st = stackOf(s, req.params);
    const body = parse(req.body);
    if (!st) return notFound('stack');
    if (!body || !text(body.newName) || !text(body.newProject))
      return badRequest('newName and newProject are required');
    const key = stackKey(s.org, body.newProject, body.newName);
    if (s.stacks.has(key)) return conflict(`stack ${body.newName} already exists`);
    s.stacks.delete(stackKey(st.orgName, st.projectName, st.stackName));
    s.stacks.set(key, { ...st, projectName: body.newProject, stackName: body.newName });
    return json(200, { updateId: `upd-${s.nextId++}` });
  },
  GetStackUpdates: (req, s) =>
    stackOf(s, req.params) ? json(200, { updates: [], itemsPerPage: 10, total: 0 }) : notFound('stack'),
  GetLatestStackUpdate: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    if (st.version === 0) return notFound('update');
    return json(200, {
      updateID: `upd-${st.id}`,
      version: st.version,
      latestVersion: st.version,
      requestedBy: USER_INFO,
      info: {
        kind: 'update',
        startTime: 1767607000,
        endTime: 1767607200,
        message: 'deploy',
        environment: {},
        config: {},
        result: 'succeeded',
        version: st.version,
        resourceCount: 4,
      },
    });
  },
  CreateAPIDeploymentHandlerV2: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    const id = `dep-${s.nextId++}`;
    return json(202, {
      id,
      consoleUrl: `https://app.pulumi.com/${st.orgName}/${st.projectName}/${st.stackName}/deployments/${id}`,
      version: 1,
    });
  },
  ListOrgEnvironments_esc: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(200, { environments: [...s.environments.values()].map((e) => environmentView(s, e)) })
      : notFound('organization'),
  CreateEnvironment_esc_environments: (req, s) => {
    const body = parse(req.body);
    if (!orgMatches(s, req.params.orgName)) return notFound('organization');
    if (!body || !text(body.project) || !text(body.name)) return badRequest('project and name are required');
    const key = `${body.project}/${body.name}`;
    if (s.environments.has(key)) return conflict(`environment ${key} already exists`);
    const now = new Date().toISOString();
    s.environments.set(key, {
      project: body.project,
      name: body.name,
      yaml: '{}\n',
      created: now,
      modified: now,
    });
    return { status: 200 };
  },
  ReadEnvironment_esc_environments: (req, s) => {
    const env = orgMatches(s, req.params.orgName)
      ? s.environments.get(`${req.params.projectName}/${req.params.envName}`)
      : undefined;
    return env
      ? { status: 200, text: env.yaml, headers: { 'content-type': 'application/x-yaml' } }
      : notFound('environment');
  },
  UpdateEnvironment_esc_environments: (req, s) => {
    const env = orgMatches(s, req.params.orgName)
      ? s.environments.get(`${req.params.projectName}/${req.params.envName}`)
      : undefined;
    if (!env) return notFound('environment');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-yaml'))
      return badRequest('the definition must be sent as application/x-yaml');
    env.yaml = req.body;
    env.modified = new Date().toISOString();
    return json(200, { diagnostics: [] });
  },
  DeleteEnvironment_esc_environments: (req, s) =>
    orgMatches(s, req.params.orgName) &&
    s.environments.delete(`${req.params.projectName}/${req.params.envName}`)
      ? { status: 200 }
      : notFound('environment'),
  Capabilities: () =>
    json(200, {
      capabilities: [
        {
          capability: 'api-version',
          version: 1,
          configuration: { minVersion: 1, maxVersion: 9, defaultVersion: 8 },
        },
      ],
    }),
  Version: () =>
    json(200, {
      latestVersion: '3.200.0',
      oldestWithoutWarning: '3.150.0',
      latestDevVersion: '3.201.0-alpha.1',
    }),
};
