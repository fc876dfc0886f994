import { type Handler, json } from '../mock-types.ts';
import {
  AVATAR,
  badRequest,
  conflict,
  hookView,
  noContent,
  notFound,
  orgMatches,
  parse,
  text,
  USER_INFO,
} from './responses.ts';
import type { PulumiState } from './state.ts';

/** The Pulumi mock's users, tokens, organizations, members, teams and webhooks, keyed by operationId. */
export const USERS_ORGS_HANDLERS: Record<string, Handler<PulumiState>> = {
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
};
