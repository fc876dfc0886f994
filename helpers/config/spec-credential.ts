import { withCredentialSent } from './credential-placement.ts';
import type { Target } from './target.ts';

const originOf = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The headers of the spec download. The target's credential goes only to the target's own origin (scheme, host
 * and port of the base URL), never to whatever host a spec URL names, unless the profile says that host needs it
 * (`spec.withCredential`).
 */
export function specRequestHeaders(target: Target): Record<string, string> {
  const specOrigin = originOf(target.specSource);
  if (specOrigin === undefined) return {};
  const own = specOrigin === originOf(target.baseUrl);
  if (!own && target.profile.spec.withCredential !== true) return {};
  // Where the profile places it: a header or a cookie (a query credential would change the URL; specs behind one
  // are loaded without it).
  return {
    ...withCredentialSent({ method: 'GET', url: target.specSource, headers: {} }, target.credential).headers,
  };
}
