import type { OutgoingRequest } from '../core/exchange.ts';
import type { CredentialSpec } from './profile.ts';
import { authorizationValue, type Credential } from './target.ts';

/** The credential of a profile that declares none: an API without authentication. */
export const NO_CREDENTIAL: Credential = { header: '', scheme: '', value: '', env: '', in: 'none' };

/** A profile's credential with its secret: a header (`header:`), or a query parameter or cookie (`in:`, `name:`). */
export function credentialFrom(spec: CredentialSpec, value: string): Credential {
  const where = spec.in ?? 'header';
  return {
    header: spec.name ?? spec.header ?? '',
    scheme: spec.scheme ?? '',
    value,
    env: spec.env,
    in: where,
  };
}

/** True when the credential is sent at all. */
export const hasCredential = (c: Credential): boolean => c.in !== 'none';

const cookieWithout = (cookie: string | undefined, name: string) =>
  (cookie ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(`${name}=`));

/**
 * The request with the credential's place set to `value` (the scheme word included by the caller), or
 * emptied when `value` is undefined: a header, a query parameter or a cookie, as the profile says.
 */
export function placeCredential(
  request: OutgoingRequest,
  credential: Credential,
  value: string | undefined,
): OutgoingRequest {
  const where = credential.in ?? 'header';
  if (where === 'none') return request;
  const name = credential.header;
  if (where === 'query') {
    const url = new URL(request.url);
    url.searchParams.delete(name);
    if (value !== undefined) url.searchParams.set(name, value);
    return { ...request, url: url.toString() };
  }
  const headerName = where === 'cookie' ? 'Cookie' : name;
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== headerName.toLowerCase()),
  );
  if (where === 'cookie') {
    const cookie = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'cookie')?.[1];
    const parts = [...cookieWithout(cookie, name), ...(value !== undefined ? [`${name}=${value}`] : [])];
    return { ...request, headers: parts.length > 0 ? { ...headers, Cookie: parts.join('; ') } : headers };
  }
  return { ...request, headers: value === undefined ? headers : { ...headers, [name]: value } };
}

/** The request carrying the credential as the profile places it. */
export const withCredentialSent = (request: OutgoingRequest, credential: Credential): OutgoingRequest =>
  placeCredential(
    request,
    credential,
    hasCredential(credential) ? authorizationValue(credential) : undefined,
  );
