import type { ValidateFunction } from 'ajv';

/** The profile schema's validator, compiled ahead of time (see profile-validator-code.ts). */
declare const validate: ValidateFunction;
export = validate;
