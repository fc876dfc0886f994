import { type Fault, withJson } from '../faults.ts';
import { parse } from './responses.ts';

const HTML_401 = {
  status: 401,
  text: '<html><body><h1>401 Unauthorized</h1></body></html>',
  headers: { 'content-type': 'text/html' },
};

/** Faults of the Pulumi mock, each one non-conformance that one check must catch on one operation. */
export const PULUMI_FAULTS: Readonly<Record<string, Fault>> = {
  'accepts-no-credentials': {
    description: 'GetOrganization answers without any credential',
    operation: 'GetOrganization',
    check: 'auth',
    auth: 'ignore',
  },
  'accepts-unknown-token': {
    description: 'ListTeams accepts any token value',
    operation: 'ListTeams',
    check: 'auth',
    auth: 'any-token',
  },
  'accepts-wrong-scheme': {
    description: 'GetTeam accepts the token under the Bearer scheme',
    operation: 'GetTeam',
    check: 'auth',
    auth: 'any-scheme',
  },
  'wrong-auth-status': {
    description: 'ListUserStacks refuses a missing credential with 403 instead of 401',
    operation: 'ListUserStacks',
    check: 'auth',
    on: 'refusal',
    alter: (res) => (res.status === 401 ? { ...res, status: 403 } : res),
  },
  'html-error-body': {
    description: 'ListOrganizationMembers answers 401 with an HTML page instead of {code, message}',
    operation: 'ListOrganizationMembers',
    check: 'auth',
    on: 'refusal',
    alter: (res) => (res.status === 401 ? HTML_401 : res),
  },
  'missing-required-field': {
    description: 'GetCurrentUser omits the required email',
    operation: 'GetCurrentUser',
    check: 'schema',
    alter: (res) => withJson(res, ({ email: _email, ...rest }) => rest),
  },
  'renamed-field': {
    description: 'GetCurrentUser renames githubLogin to login, a field clients read',
    operation: 'GetCurrentUser',
    check: 'schema',
    alter: (res) => withJson(res, ({ githubLogin, ...rest }) => ({ ...rest, login: githubLogin })),
  },
  'wrong-type': {
    description: 'GetStack answers version as a string',
    operation: 'GetStack',
    check: 'schema',
    alter: (res) => withJson(res, (body) => ({ ...body, version: String(body.version) })),
  },
  'broken-date-time': {
    description: 'ListOrganizationMembers answers created as "yesterday" (format date-time)',
    operation: 'ListOrganizationMembers',
    check: 'schema',
    alter: (res) =>
      withJson(res, (body) => ({
        ...body,
        members: (body.members as Record<string, unknown>[]).map((m) => ({ ...m, created: 'yesterday' })),
      })),
  },
  'undocumented-status': {
    description: 'Capabilities answers 203 instead of 200',
    operation: 'Capabilities',
    check: 'status',
    alter: (res) => ({ ...res, status: 203 }),
  },
  'wrong-success-status': {
    description: 'CreateOrganizationWebhook answers 200 instead of 201',
    operation: 'CreateOrganizationWebhook',
    check: 'status',
    alter: (res) => (res.status === 201 ? { ...res, status: 200 } : res),
  },
  'wrong-content-type': {
    description: 'Version answers its JSON as text/plain',
    operation: 'Version',
    check: 'headers',
    alter: (res) => ({ ...res, headers: { ...res.headers, 'content-type': 'text/plain' } }),
  },
  'server-error-on-encoded-parameter': {
    description: 'GetStack answers 500 when the stack name holds a slash or a space',
    operation: 'GetStack',
    check: 'url',
    // The awkward value names no stack, so the answer to bend is the 404.
    on: 'refusal',
    alter: (res, req) =>
      /[/ ]/.test(req.params.stackName ?? '')
        ? { status: 500, json: { code: 500, message: 'Internal Server Error' } }
        : res,
  },
  'gone-for-unknown-id': {
    description: 'GetOrganization answers an undocumented 410 Gone for an organization that never existed',
    operation: 'GetOrganization',
    check: 'unknown-resource',
    on: 'refusal',
    alter: (res) => (res.status === 404 ? { status: 410, json: { code: 410, message: 'Gone' } } : res),
  },
  'server-error-on-required-only-body': {
    description: 'UpdateStackTags answers 500 to a body holding only its required fields ({})',
    operation: 'UpdateStackTags',
    check: 'positive-boundaries',
    alter: (res, req) =>
      req.body.trim() === '{}' ? { status: 500, json: { code: 500, message: 'Internal Server Error' } } : res,
  },
  'server-error-on-wrong-type': {
    description: 'CreatePulumiTeam answers 500 instead of 400 when a field has the wrong type',
    operation: 'CreatePulumiTeam',
    check: 'negative-data',
    on: 'refusal',
    alter: (res, req) => {
      const body = parse(req.body) ?? {};
      const mistyped = ['name', 'displayName', 'description'].some(
        (f) => f in body && typeof body[f] !== 'string',
      );
      return mistyped ? { status: 500, json: { code: 500, message: 'Internal Server Error' } } : res;
    },
  },
  'accepts-undocumented-method': {
    description: 'ListTeams answers 200 to any method on its path, PUT, POST, DELETE and PATCH included',
    operation: 'ListTeams',
    check: 'unsupported-method',
    anyMethod: true,
  },
  'write-accepts-unknown-token': {
    description:
      'CreatePulumiTeam accepts any token value; shown against a live-mode target with writes allowed',
    operation: 'CreatePulumiTeam',
    check: 'auth',
    auth: 'any-token',
    liveWithWrites: true,
  },
  'location-off-base': {
    description: 'CreatePulumiTeam answers with a Location on another host',
    operation: 'CreatePulumiTeam',
    check: 'url',
    alter: (res) => ({
      ...res,
      headers: { ...res.headers, location: 'https://elsewhere.example.net/api/orgs/acme/teams/x' },
    }),
  },
};
