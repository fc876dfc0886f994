import type { Credential, Target } from '../config/target.ts';
import type { Exchange, OutgoingRequest, WriteKind } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import type { Generation } from '../generate/seed.ts';
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
  /** Every path template the spec documents (for probes that must miss all of them). */
  readonly documentedPaths: readonly string[];
}

/** The reads of one read-after-write pair: the read operation polled after this write, attempts in order. */
export interface ReadBack {
  /** operationId of the read. */
  readonly read: string;
  readonly kind: WriteKind;
  readonly reads: readonly Exchange[];
}

/** The exchanges of one operation a check judges: the ordinary request and the variants checks asked for. */
export interface OperationExchanges {
  readonly baseline?: Exchange;
  /** The first answer to each variant, by the variant's name. */
  readonly variants: ReadonlyMap<string, Exchange>;
  /** Every page of a variant that follows `rel="next"`, first page included, by the variant's name. */
  readonly pages?: ReadonlyMap<string, readonly Exchange[]>;
  /** After a write: the reads that must reflect it, each a sequence of polls. */
  readonly readBacks?: readonly ReadBack[];
}

/** A request variant a check needs: a pure change of the baseline request. */
export interface Variant {
  readonly name: string;
  readonly change: (request: OutgoingRequest) => OutgoingRequest;
  /** Follow the next page (under the base URL only) up to this many further pages. */
  readonly followNext?: number;
  /** Where the page after an exchange is; `Link: rel="next"` when absent. */
  readonly next?: (exchange: Exchange) => string | undefined;
  /** True when the variant is an ordinary request the API must answer as documented (a smaller page), so the
   * status, headers and schema checks judge its answers too. */
  readonly ordinary?: boolean;
}

/** A conformance check: which variants it needs, and a pure verdict over the exchanges. */
export interface Check {
  readonly name: string;
  /** One line: the property the check verifies. */
  readonly description: string;
  /** Why the check cannot apply to this operation, or undefined when it does. */
  readonly notApplicable?: (ctx: CheckContext) => string | undefined;
  readonly variants?: (ctx: CheckContext) => readonly Variant[];
  /** True when the check's probes are generated from the run's seed (`SEED` repeats them). */
  readonly seeded?: boolean;
  /** True for checks that judge one answer at a time (status, headers, schema): the engine applies them to every
   * ordinary answer the operation gave (baseline, reads again, read-after-write polls, pages, teardown). */
  readonly judgesEachAnswer?: boolean;
  /** True for checks that judge the reads after a write: the engine polls them and hands them in `readBacks`. */
  readonly judgesReadBacks?: boolean;
  /** False for checks that judge their variants alone, so they run when the baseline cannot be sent. */
  readonly needsBaseline?: boolean;
  readonly verify: (ctx: CheckContext, exchanges: OperationExchanges) => Finding[];
}
