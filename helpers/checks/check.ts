import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import type { Credential, Target } from '../engine/target.ts';
import type { Generation } from '../generate/seed.ts';
import type { OutgoingRequest } from '../http/client.ts';
import type { SpecDocument } from '../spec/load-spec.ts';
import type { Operation } from '../spec/operation.ts';
import type { Validators } from '../spec/validators.ts';

/** What a check knows besides the exchanges: the operation, the target's profile, the validators. */
export interface CheckContext {
  readonly operation: Operation;
  readonly target: Target;
  readonly validators: Validators;
  /** False when the operation needs no credential (spec `security: []` or the profile's public list). */
  readonly requiresAuth: boolean;
  /** The credential the baseline request carries (the default one, or the extra one the spec's security asks for). */
  readonly credential: Credential;
  /** False when the operation's security names only schemes the profile's default credential does not satisfy. */
  readonly acceptsDefault: boolean;
  /** Looks up another operation of the spec (a read that must reflect this write). */
  readonly operationById: (id: string) => Operation | undefined;
  /** The document, for checks that generate values from its schemas or read a whole path item. */
  readonly spec: SpecDocument;
  /** The run's seed and the bound on generated probes per operation and check. */
  readonly generation: Generation;
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
  /** Follow `Link: rel="next"` (under the base URL only) up to this many further pages, as `name#2`, `name#3`… */
  readonly followNext?: number;
}

/** A conformance check: which variants it needs, and a pure verdict over the exchanges. */
export interface Check {
  readonly name: string;
  /** One line: the property the check verifies. */
  readonly description: string;
  /** Why the check cannot apply to this operation, or undefined when it does. */
  readonly notApplicable?: (ctx: CheckContext) => string | undefined;
  readonly variants?: (ctx: CheckContext) => readonly Variant[];
  /** Exchanges the check judges besides the baseline and its variants (the read-after-write probes). */
  readonly alsoJudges?: (variant: string) => boolean;
  /** True when the check's probes are generated from the run's seed (`SEED` repeats them). */
  readonly seeded?: boolean;
  /** False for checks that judge their variants alone, so they run when the baseline cannot be sent. */
  readonly needsBaseline?: boolean;
  readonly verify: (ctx: CheckContext, exchanges: OperationExchanges) => Finding[];
}
