import type { Secret } from '../core/redact.ts';
import type { Profile } from './profile.ts';

/** A credential ready to send: header name, scheme word and secret. */
export interface Credential {
  readonly header: string;
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
