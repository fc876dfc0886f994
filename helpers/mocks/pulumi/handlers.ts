import type { Handler } from '../mock-types.ts';
import { STACKS_ESC_HANDLERS } from './stacks-esc-handlers.ts';
import type { PulumiState } from './state.ts';
import { USERS_ORGS_HANDLERS } from './users-orgs-handlers.ts';

/** The Pulumi mock's operations, keyed by operationId as in the project's spec. */
export const PULUMI_HANDLERS: Record<string, Handler<PulumiState>> = {
  ...USERS_ORGS_HANDLERS,
  ...STACKS_ESC_HANDLERS,
};
