import type { Operation } from '../spec/operation.ts';
import type { Credential, Target } from './target.ts';

/** Which credential an operation is called with, and whether it must accept the profile's default one. */
export interface CredentialChoice {
  /** The credential the baseline request carries; undefined when the one it needs is not configured. */
  readonly credential: Credential | undefined;
  /** False when the operation's `security` names only schemes the default credential does not satisfy. */
  readonly acceptsDefault: boolean;
  /** False when the operation needs no credential at all. */
  readonly requiresAuth: boolean;
  /** The schemes the operation would take, for the skip reason when none is configured. */
  readonly wanted: readonly string[];
}

/**
 * Honours the spec's `security` (operation level, else document level): an operation that requires another
 * scheme is called with the matching extra credential, and must refuse the default one.
 */
export function chooseCredential(
  target: Target,
  operation: Operation,
  documentSecurity: unknown,
): CredentialChoice {
  const { profile } = target;
  // A profile without a credential: the API is called without one, and nothing checks refusals.
  const isPublic = !profile.credential || (profile.auth?.publicOperations?.includes(operation.id) ?? false);
  const requirements =
    operation.security ??
    (Array.isArray(documentSecurity) ? (documentSecurity as Operation['security']) : undefined);
  if (
    isPublic ||
    (requirements !== undefined &&
      (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)))
  ) {
    return { credential: target.credential, acceptsDefault: true, requiresAuth: false, wanted: [] };
  }
  const defaultScheme = profile.credential?.securityScheme;
  if (requirements === undefined || defaultScheme === undefined) {
    return { credential: target.credential, acceptsDefault: true, requiresAuth: true, wanted: [] };
  }
  const schemes = requirements.map((r) => Object.keys(r));
  const acceptsDefault = schemes.some((names) => names.length === 1 && names[0] === defaultScheme);
  if (acceptsDefault)
    return { credential: target.credential, acceptsDefault, requiresAuth: true, wanted: [] };
  const usable = schemes.find(
    (names) => names.length === 1 && target.extraCredentials[names[0] ?? ''] !== undefined,
  );
  const credential = usable ? target.extraCredentials[usable[0] ?? ''] : undefined;
  return { credential, acceptsDefault, requiresAuth: true, wanted: schemes.map((names) => names.join('+')) };
}
