import type { Secret } from '../core/redact.ts';
import type { Profile } from './profile.ts';

/** A credential ready to send: where it goes, the scheme word and the secret. */
export interface Credential {
  /** The header, query parameter or cookie name that carries it. */
  readonly header: string;
  /** Where it goes: a header (the default), a query parameter, a cookie; `none` for an API without authentication. */
  readonly in?: 'header' | 'query' | 'cookie' | 'none';
  readonly scheme: string;
  readonly value: string;
  readonly env: string;
}

/** A profile bound to one run: where it goes, with which credential and headers, and what it may do. */
export interface Target {
  readonly profile: Profile;
  /** False when the target is an embedded mock. */
  readonly live: boolean;
  readonly baseUrl: string;
  readonly specSource: string;
  readonly credential: Credential;
  readonly extraCredentials: Readonly<Record<string, Credential | undefined>>;
  /** Required request headers with their values. */
  readonly headers: Readonly<Record<string, string>>;
  readonly writesAllowed: boolean;
  readonly runId: string;
  readonly secrets: readonly Secret[];
}

/** The header value a credential is sent as. */
export const authorizationValue = (c: Credential): string => (c.scheme ? `${c.scheme} ${c.value}` : c.value);
