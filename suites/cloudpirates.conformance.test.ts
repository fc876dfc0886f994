import { defineBuiltInSuite } from './define-conformance-suite.ts';

// CloudPirates: the live target from CLOUDPIRATES_API_URL, or the embedded event-sourced mock.
await defineBuiltInSuite('cloudpirates');
