// Writes profiles/profile.schema.json (what editors validate profile files with) from PROFILE_SCHEMA, and the
// validator runs load (helpers/config/profile-validator.cjs).
// Run with `npx tsx helpers/config/write-profile-schema.ts`.
import { writeFileSync } from 'node:fs';
import { PROFILE_SCHEMA } from './profile-schema.ts';
import { profileValidatorCode } from './profile-validator-code.ts';

writeFileSync(
  new URL('../../profiles/profile.schema.json', import.meta.url),
  `${JSON.stringify(PROFILE_SCHEMA, null, 2)}\n`,
);
writeFileSync(new URL('./profile-validator.cjs', import.meta.url), profileValidatorCode());
