import { describe, test } from 'vitest';
import { config } from '../helpers/config/env.ts';
import { loadProfileFile } from '../helpers/config/load-profile.ts';
import { defineConformanceSuite } from './define-conformance-suite.ts';

// Any OpenAPI 3.0/3.1 API described by the profile file CONFORMANCE_PROFILE names.
const path = config().profilePath;
if (path) await defineConformanceSuite(loadProfileFile(path));
else
  describe('profile', () => {
    test.skip('no CONFORMANCE_PROFILE set: no user profile to run', () => {});
  });
