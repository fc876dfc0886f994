/** Shared answers and views of the Pulumi mock's handlers. */
import { tryParseJson } from '../../core/json.ts';
import { json, type MockResponse } from '../mock-types.ts';
import { type PulumiState, stackKey } from './state.ts';

/** The avatar every mock user and organization has. */
export const AVATAR = 'https://avatars.example.com/u/1';
/** The mock user as UserInfo. */
export const USER_INFO = {
  name: 'Conformance User',
  githubLogin: 'conformance-user',
  avatarUrl: AVATAR,
  email: 'user@example.com',
};
/** Pulumi's 404 body. */
export const notFound = (what: string): MockResponse =>
  json(404, { code: 404, message: `Not Found: ${what} not found` });
/** Pulumi's 400 body. */
export const badRequest = (detail: string): MockResponse =>
  json(400, { code: 400, message: `Bad Request: ${detail}` });
/** Pulumi's 409 body. */
export const conflict = (detail: string): MockResponse =>
  json(409, { code: 409, message: `Conflict: ${detail}` });
/** An empty 204. */
export const noContent: MockResponse = { status: 204 };

/** A JSON object body, or undefined. */
export function parse(body: string): Record<string, unknown> | undefined {
  const value = tryParseJson(body);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** True when the path names the mock organization. */
export const orgMatches = (s: PulumiState, org: string | undefined) => org === s.org;
/** A non-empty string. */
export const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The stack a request's path names, if it exists. */
export function stackOf(s: PulumiState, p: Readonly<Record<string, string>>) {
  return orgMatches(s, p.orgName)
    ? s.stacks.get(stackKey(p.orgName ?? '', p.projectName ?? '', p.stackName ?? ''))
    : undefined;
}

/** A webhook as the API shows it. */
export function hookView(
  s: PulumiState,
  hook: { name: string; displayName: string; payloadUrl: string; active: boolean; format: string },
) {
  return { organizationName: s.org, ...hook, hasSecret: false, secretCiphertext: '' };
}

/** An ESC environment as the API lists it. */
export function environmentView(
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
