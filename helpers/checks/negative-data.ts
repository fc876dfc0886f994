import type { OutgoingRequest } from '../core/exchange.ts';
import { type Finding, finding } from '../core/finding.ts';
import {
  type BodyChange,
  negativeChanges,
  negativeQueries,
  type QueryChange,
  queryValueOf,
} from '../generate/mutations.ts';
import { objectView } from '../generate/schema-view.ts';
import { choose } from '../generate/seed.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import {
  bodyViolations,
  changeJsonBody,
  jsonBodySpec,
  judgeRefusal,
  perOperation,
  uniquify,
} from './probe-helpers.ts';

const NAME = 'negative-data';
const PREFIX = `${NAME}:`;
/** RFC 9110's statuses for a request the server will not process (400) or cannot (422): a refusal whatever the document lists. */
const REFUSALS = [400, 422];

type Candidate = (BodyChange & { readonly on: 'body' }) | (QueryChange & { readonly on: 'query' });

function candidates(ctx: CheckContext): Candidate[] {
  const media = jsonBodySpec(ctx);
  const view = media ? objectView(media.schema, ctx.spec) : undefined;
  const body = view ? negativeChanges(view).map((c) => ({ ...c, on: 'body' as const })) : [];
  const queries = negativeQueries(ctx.operation.parameters.filter((p) => p.in === 'query')).map((c) => ({
    ...c,
    on: 'query' as const,
  }));
  return [...body, ...queries];
}

const chosen = perOperation((ctx: CheckContext): Candidate[] => {
  const { seed, examples } = ctx.generation;
  return choose(candidates(ctx), examples, seed, `${ctx.operation.id}:${NAME}`);
});

function changeQuery(c: QueryChange) {
  return (req: OutgoingRequest): OutgoingRequest => {
    const url = new URL(req.url);
    if (c.value === undefined) url.searchParams.delete(c.parameter);
    else url.searchParams.set(c.parameter, c.value);
    return { ...req, url: url.toString() };
  };
}

function variants(ctx: CheckContext): Variant[] {
  return chosen(ctx).map((c, i) => ({
    name: `${PREFIX}${c.name}`,
    // A name the run chose gets the probe's own suffix: should the API accept the probe, it collides with nothing.
    change:
      c.on === 'body'
        ? changeJsonBody((body) =>
            c.apply(uniquify(body, ctx.target.runId, `n${i + 1}`) as Record<string, unknown>),
          )
        : changeQuery(c),
  }));
}

/** Why the sent request breaks the spec, or undefined when (against the intent) it does not. */
function violation(ctx: CheckContext, c: Candidate, url: string, body: () => string[]): string | undefined {
  if (c.on === 'body') return body()[0];
  const param = ctx.operation.parameters.find((p) => p.in === 'query' && p.name === c.parameter);
  const sent = new URL(url).searchParams.get(c.parameter);
  if (sent === null) return param?.required ? `query ${c.parameter} is required` : undefined;
  const found = ctx.validators.validateSchema(
    `${ctx.operation.id}:query:${c.parameter}`,
    param?.schema ?? {},
    queryValueOf(sent),
  );
  return found[0] ? `query ${c.parameter} ${found[0].documented}` : undefined;
}

/**
 * `negative-data`: requests that break the spec (a required body field left out, a wrong type, a value out of
 * range, off its enum or pattern, a malformed query parameter) are refused with a 4xx: one the operation
 * documents, or 400/422 (noted when undocumented); never a success and never a 5xx. Each probe changes the valid
 * baseline in one place, and the sent request is checked against the spec before its answer is judged.
 */
export const negativeData: Check = {
  name: NAME,
  seeded: true,
  description:
    'Requests that break the spec (missing, mistyped, out-of-range, off-enum values) are refused with a 4xx.',
  notApplicable: (ctx) =>
    candidates(ctx).length === 0
      ? 'the operation has no JSON body schema and no query parameter that a value can break'
      : undefined,
  variants,
  verify(ctx, exchanges): Finding[] {
    const media = jsonBodySpec(ctx);
    const out: Finding[] = [];
    for (const c of chosen(ctx)) {
      const exchange = exchanges.variants.get(`${PREFIX}${c.name}`);
      if (!exchange) continue;
      const broken = violation(ctx, c, exchange.request.url, () =>
        media ? bodyViolations(ctx, media, exchange) : [],
      );
      if (broken === undefined) {
        out.push(
          finding(
            NAME,
            ctx.operation.id,
            'note',
            'Probe not judged',
            `The request ${c.describe} still met the spec`,
            exchange.label,
          ),
        );
        continue;
      }
      out.push(...judgeRefusal(ctx, NAME, exchange, `a request ${c.describe} (${broken})`, REFUSALS));
    }
    return out;
  },
};
