import { config } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import { targetNames } from '../helpers/config/select-profiles.ts';
import { defineConformanceSuite } from './define-conformance-suite.ts';

// Pulumi Cloud: the live target from PULUMI_API_URL, or the embedded mock.
if (targetNames(config()).includes('pulumi')) await defineConformanceSuite(builtInProfile('pulumi'));
