import { type Fault, withJson } from '../faults.ts';

/** Faults of the Pulumi mock, each caught by one check on one operation. */
export const PULUMI_FAULTS: Readonly<Record<string, Fault>> = {
  'accepts-no-credentials': {
    description: 'GetOrganization answers without credentials',
    operation: 'GetOrganization',
    check: 'auth',
    auth: 'ignore',
  },
  'missing-required-field': {
    description: 'GetCurrentUser omits the required email',
    operation: 'GetCurrentUser',
    check: 'schema',
    alter: (res) => withJson(res, ({ email: _email, ...rest }) => rest),
  },
};
