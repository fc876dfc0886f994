import { type Handler, json } from '../mock-types.ts';
import { bodyOf, business, noContent, notFound } from './responses.ts';
import type { CpState } from './state.ts';

const identity = (s: CpState) => ({ identityId: s.user.identityId, email: s.user.email, name: s.user.name });

function issueTokens(s: CpState) {
  const sessionId = s.nextId();
  const accessToken = `cpat_${s.nextId()}`;
  const refreshToken = `cprt_${s.nextId()}`;
  const createdAt = new Date().toISOString();
  s.sessions.set(sessionId, {
    sessionId,
    createdAt,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  s.accessTokens.set(accessToken, sessionId);
  s.refreshTokens.set(refreshToken, sessionId);
  return { accessToken, refreshToken, auth: identity(s) };
}

/** The auth service's operations. They are not event-sourced: their effects are immediate. */
export const AUTH_HANDLERS: Record<string, Handler<CpState>> = {
  GetMe: (_, s) => json(200, identity(s)),
  ValidateAuth: (_, s) => json(200, identity(s)),
  Login: (req, s) => {
    const body = bodyOf(req);
    if (body.email !== s.user.email || body.password !== s.user.password)
      return json(401, { code: 'INVALID_CREDENTIALS', message: 'Unauthorized' });
    return json(200, issueTokens(s));
  },
  RefreshToken: (req, s) => {
    const token = String(bodyOf(req).refreshToken);
    if (!s.refreshTokens.has(token))
      return json(401, { code: 'INVALID_REFRESH_TOKEN', message: 'Unauthorized' });
    s.refreshTokens.delete(token);
    return json(200, issueTokens(s));
  },
  ChangePassword: (req, s) => {
    const body = bodyOf(req);
    if (body.existingPassword !== s.user.password)
      return business('existingPassword does not match', '/existingPassword', 'the current password');
    s.user.password = String(body.password);
    return noContent;
  },
  ListSessions: (req, s) =>
    json(
      200,
      [...s.sessions.values()].map((x) => ({
        ...x,
        current: s.accessTokens.get(req.headers.authorization?.slice(7) ?? '') === x.sessionId,
      })),
    ),
  LogoutSession: (req, s) => {
    const id = req.params.sessionId ?? '';
    if (!s.sessions.delete(id)) return notFound;
    for (const [token, session] of s.accessTokens)
      if (session === id && token !== s.fixed.accessToken) s.accessTokens.delete(token);
    return noContent;
  },
  ListApiKeys: (_, s) =>
    json(
      200,
      [...s.apiKeys.values()].map(({ secret: _secret, ...key }) => key),
    ),
  CreateApiKey: (req, s) => {
    const key = {
      id: s.nextId(),
      label: String(bodyOf(req).label),
      createdAt: new Date().toISOString(),
      secret: `cpak_${s.nextId()}`,
    };
    s.apiKeys.set(key.id, key);
    return json(201, { id: key.id, label: key.label, createdAt: key.createdAt, apiKey: key.secret });
  },
  DeleteApiKey: (req, s) => (s.apiKeys.delete(req.params.apiKeyId ?? '') ? noContent : notFound),
};
