// Writes profiles/profile.schema.json (what editors validate profile files with) from PROFILE_SCHEMA.
import { writeFileSync } from 'node:fs';
import { PROFILE_SCHEMA } from './profile-schema.ts';

writeFileSync(
  new URL('../../profiles/profile.schema.json', import.meta.url),
  `${JSON.stringify(PROFILE_SCHEMA, null, 2)}\n`,
);
