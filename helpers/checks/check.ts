import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import type { Target } from '../engine/target.ts';
import type { OutgoingRequest } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import type { Validators } from '../spec/validators.ts';

/** What a check knows besides the exchanges: the operation, the target's profile, the validators. */
export interface CheckContext {
  readonly operation: Operation;
  readonly target: Target;
  readonly validators: Validators;
  /** False when the operation needs no credential (spec `security: []` or the profile's public list). */
  readonly requiresAuth: boolean;
}

/** The exchanges of one operation: the ordinary request and the variants checks asked for. */
export interface OperationExchanges {
  readonly baseline?: Exchange;
  readonly variants: ReadonlyMap<string, Exchange>;
}

/** A request variant a check needs: a pure change of the baseline request. */
export interface Variant {
  readonly name: string;
  readonly change: (request: OutgoingRequest) => OutgoingRequest;
}

/** A conformance check: which variants it needs, and a pure verdict over the exchanges. */
export interface Check {
  readonly name: string;
  /** One line: the property the check verifies. */
  readonly description: string;
  /** Why the check cannot apply to this operation, or undefined when it does. */
  readonly notApplicable?: (ctx: CheckContext) => string | undefined;
  readonly variants?: (ctx: CheckContext) => readonly Variant[];
  readonly verify: (ctx: CheckContext, exchanges: OperationExchanges) => Finding[];
}
