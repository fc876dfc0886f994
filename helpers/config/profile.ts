import type { FromSchema } from 'json-schema-to-ts';
import type { PROFILE_SCHEMA } from './profile-schema.ts';

/** A profile file's content, as its JSON Schema (profile-schema.ts) describes it. */
export type ProfileData = FromSchema<typeof PROFILE_SCHEMA>;

/** One API described to the suite; the built-in profiles are files in this format too. */
export type Profile = Readonly<ProfileData> & {
  /** Directory of the profile file; relative spec paths resolve against it. */
  readonly dir: string;
};

/** A credential: where it travels (header, query parameter or cookie), the word before the secret, its variable. */
export type CredentialSpec = NonNullable<ProfileData['credential']>;

/** Pagination as the profile's API does it: by offset, page number or cursor; totals in headers or the body. */
export type PaginationSpec = NonNullable<ProfileData['pagination']>;

/** A header every request of the profile carries. */
export type RequiredHeader = NonNullable<ProfileData['requiredHeaders']>[number];

/** What the API must do with a request that lacks a header or carries an unsupported value. */
export type HeaderPolicy = NonNullable<RequiredHeader['absent']>;

/** Per-operation request templates and the values to capture from the exchange. */
export type RequestTemplate = NonNullable<ProfileData['requests']>[string];
