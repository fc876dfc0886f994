import type { Check, CheckContext, OperationExchanges, ReadBack } from '../checks/check.ts';
import type { Exchange } from '../core/exchange.ts';
import { errorsOf, type Finding } from '../core/finding.ts';
import type { CheckOutcome } from './run-result.ts';

/** What the verdicts of one operation are drawn from: every exchange it answered, and its read-backs. */
export interface JudgeInput {
  readonly checks: readonly Check[];
  readonly ctx: CheckContext;
  /** Every exchange the operation answered, in the order sent (its own, and polls other writes sent to it). */
  readonly answered: readonly Exchange[];
  /** After a write: the reads polled to see it, answered by other operations. */
  readonly readBacks: readonly ReadBack[];
  /** Why checks that need the baseline cannot run (the credential the operation needs is not configured). */
  readonly missingCredential?: string;
  /** Why this operation's variants were withheld (probes of writes against a live target). */
  readonly variantsWithheld?: string;
}

const is2xx = (e: Exchange) => (e.response?.status ?? 0) >= 200 && (e.response?.status ?? 0) < 300;
const unanswered = (e: Exchange) =>
  e.notSent === undefined && (e.response === undefined || e.response.status >= 500);

/** The variant a check declared for an exchange sent on its behalf, if any. */
function declared(checks: readonly Check[], ctx: CheckContext, e: Exchange) {
  const p = e.purpose;
  if (p.kind !== 'variant' && p.kind !== 'page') return undefined;
  return checks
    .find((c) => c.name === p.check)
    ?.variants?.(ctx)
    .find((v) => v.name === p.name);
}

/**
 * Ordinary answers besides the baseline: reads run again, pages of an ordinary variant, and the 2xx, 5xx or
 * missing answers of read-after-write polls and teardown (their 404s and lag statuses are the consistency
 * check's to judge). The status, headers and schema checks judge each of them like a baseline.
 */
function ordinaryAnswers(input: JudgeInput): Exchange[] {
  return input.answered.filter((e) => {
    if (e.notSent !== undefined) return false;
    switch (e.purpose.kind) {
      case 'reread':
        return true;
      case 'variant':
      case 'page':
        return declared(input.checks, input.ctx, e)?.ordinary === true;
      case 'poll':
      case 'teardown':
        return is2xx(e) || unanswered(e);
      default:
        return false;
    }
  });
}

/** The exchanges one check asked for, by variant name: the first answer, and every page in order. */
function ownExchanges(check: Check, answered: readonly Exchange[]) {
  const variants = new Map<string, Exchange>();
  const pages = new Map<string, Exchange[]>();
  for (const e of answered) {
    const p = e.purpose;
    if ((p.kind !== 'variant' && p.kind !== 'page') || p.check !== check.name) continue;
    if (p.kind === 'variant') variants.set(p.name, e);
    pages.set(p.name, [...(pages.get(p.name) ?? []), e]);
  }
  return { variants, pages };
}

const skipped = (reason: string): CheckOutcome => ({ status: 'skipped', reason, findings: [] });

/** Findings judged on one more answer: its errors and warnings, labelled with that answer (notes stay the baseline's). */
function onAnswer(check: Check, ctx: CheckContext, answer: Exchange): Finding[] {
  return check
    .verify(ctx, { baseline: answer, variants: new Map() })
    .filter((f) => f.severity !== 'note')
    .map((f) => ({ ...f, variant: f.variant ?? answer.label }));
}

/** Keeps the first of findings that say the same thing about different answers. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.severity}\u0000${f.title}\u0000${f.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** The verdict of one check on one operation; pure. */
function verdict(check: Check, input: JudgeInput): CheckOutcome {
  const { ctx } = input;
  const reason =
    check.notApplicable?.(ctx) ?? (check.needsBaseline !== false ? input.missingCredential : undefined);
  if (reason) return skipped(reason);
  const wanted = check.variants?.(ctx) ?? [];
  if (input.variantsWithheld && wanted.length > 0) return skipped(input.variantsWithheld);
  const baseline = input.answered.find((e) => e.purpose.kind === 'baseline');
  const own = ownExchanges(check, input.answered);
  const readBacks = check.judgesReadBacks ? input.readBacks : [];
  const used = [
    ...(baseline && check.needsBaseline !== false ? [baseline] : []),
    ...[...own.pages.values()].flat(),
    ...readBacks.flatMap((r) => r.reads),
  ];
  // A budget spent or a deadline passed mid-operation: the check cannot be judged on what was not sent.
  const unsent = used.find((e) => e.notSent !== undefined);
  if (unsent?.notSent) return skipped(`not sent: ${unsent.notSent}`);
  const exchanges: OperationExchanges = {
    ...(baseline ? { baseline } : {}),
    variants: own.variants,
    pages: own.pages,
    readBacks,
  };
  const more = check.judgesEachAnswer ? ordinaryAnswers(input) : [];
  const findings = distinct([
    ...(baseline || wanted.length > 0 || readBacks.length > 0 ? check.verify(ctx, exchanges) : []),
    ...more.flatMap((answer) => onAnswer(check, ctx, answer)),
  ]);
  if (!baseline && wanted.length === 0 && more.length === 0) return skipped('not run');
  // The exchanges behind error findings first: reports show the first few.
  const failing = new Set(errorsOf(findings).map((f) => f.variant ?? 'baseline'));
  const judged = [...used, ...more].sort(
    (a, b) => Number(failing.has(b.label)) - Number(failing.has(a.label)),
  );
  return { status: errorsOf(findings).length > 0 ? 'failed' : 'passed', findings, judged };
}

/** Every check's verdict on one operation, from the exchanges it answered; pure, so testable without a server. */
export function judgeOperation(input: JudgeInput): Record<string, CheckOutcome> {
  return Object.fromEntries(input.checks.map((check) => [check.name, verdict(check, input)]));
}

/** Groups the polls that followed a write into read-backs, one per read operation, attempts in order. */
export function readBacksOf(write: string, exchanges: readonly Exchange[]): ReadBack[] {
  const groups = new Map<string, ReadBack & { reads: Exchange[] }>();
  for (const e of exchanges) {
    const p = e.purpose;
    if (p.kind !== 'poll' || p.after !== write) continue;
    const group = groups.get(e.operation) ?? { read: e.operation, kind: p.write, reads: [] };
    group.reads.push(e);
    groups.set(e.operation, group);
  }
  return [...groups.values()];
}
