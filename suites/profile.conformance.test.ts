import { defineProfileSuite } from './define-conformance-suite.ts';

// Any OpenAPI 3.0/3.1 API described by the profile file CONFORMANCE_PROFILE names.
await defineProfileSuite();
