import { defineBuiltInSuite } from './define-conformance-suite.ts';

// Pulumi Cloud: the live target from PULUMI_API_URL, or the embedded mock.
await defineBuiltInSuite('pulumi');
