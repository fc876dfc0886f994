/** A misbehaviour of the wire itself, for sturdiness tests: what the mock server does instead of answering well. */
export type ChaosKind =
  | 'reset'
  | 'stall'
  | 'truncated-json'
  | 'invalid-json'
  | 'burst-503'
  | 'rate-limit-429';

/** Where and how often a misbehaviour strikes. */
export interface ChaosRule {
  readonly kind: ChaosKind;
  readonly method: string;
  /** Matches the request path. */
  readonly path: RegExp;
  /** How many matching requests are hit (the rest are answered normally); undefined for all. */
  readonly times?: number;
}

/** The Pulumi mock's chaos mode: one operation per misbehaviour, so each gets its own finding. */
export const PULUMI_CHAOS: readonly ChaosRule[] = [
  { kind: 'reset', method: 'GET', path: /^\/api\/orgs\/[^/]+\/teams$/ },
  { kind: 'stall', method: 'GET', path: /^\/api\/orgs\/[^/]+\/hooks$/ },
  { kind: 'truncated-json', method: 'GET', path: /^\/api\/user\/tokens$/ },
  { kind: 'invalid-json', method: 'GET', path: /^\/api\/capabilities$/ },
  { kind: 'burst-503', method: 'GET', path: /^\/api\/user$/, times: 2 },
  { kind: 'rate-limit-429', method: 'GET', path: /^\/api\/orgs\/[^/]+$/, times: 1 },
];

/** The rule that strikes this request, counting it; undefined when the request is answered normally. */
export function chaosFor(
  rules: readonly ChaosRule[],
  counts: Map<ChaosRule, number>,
  method: string,
  path: string,
): ChaosRule | undefined {
  const rule = rules.find((r) => r.method === method && r.path.test(path));
  if (!rule) return undefined;
  const seen = counts.get(rule) ?? 0;
  counts.set(rule, seen + 1);
  return rule.times === undefined || seen < rule.times ? rule : undefined;
}
