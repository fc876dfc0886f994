import { sample } from 'openapi-sampler';
import { type Finding, finding } from '../core/finding.ts';
import { boundaryChanges } from '../generate/boundaries.ts';
import type { BodyChange } from '../generate/mutations.ts';
import { objectView } from '../generate/schema-view.ts';
import { choose } from '../generate/seed.ts';
import { responseFor } from '../spec/operation.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';
import {
  bodyViolations,
  changeJsonBody,
  documented4xx,
  jsonBodySpec,
  perOperation,
  pinnedFields,
  renamesItself,
  uniquify,
} from './probe-helpers.ts';

const NAME = 'positive-boundaries';
const PREFIX = `${NAME}:`;

/** The fields the baseline body holds: the profile's template, else the openapi-sampler sample the engine sends. */
function baselineFields(ctx: CheckContext, schema: Record<string, unknown>): Set<string> {
  const template = ctx.target.profile.requests?.[ctx.operation.id]?.body;
  const body =
    template ?? sample(schema as never, { skipReadOnly: true, quiet: true }, ctx.spec.doc as never);
  return new Set(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []);
}

const candidates = perOperation((ctx: CheckContext): BodyChange[] => {
  const media = jsonBodySpec(ctx);
  const view = media ? objectView(media.schema, ctx.spec) : undefined;
  if (!media?.schema || !view || ctx.operation.method === 'DELETE' || renamesItself(ctx)) return [];
  const fields = baselineFields(ctx, media.schema);
  const runId = ctx.target.runId;
  const writable = Object.entries(view.properties)
    .filter(([, p]) => p.readOnly !== true)
    .map(([f]) => f);
  return boundaryChanges({
    view,
    spec: ctx.spec,
    seed: ctx.generation.seed,
    pinned: pinnedFields(ctx),
    mayVary: (value) => typeof value === 'string' && value.includes(runId),
  }).filter(
    (c) =>
      // Probes that would send the baseline again tell nothing.
      !(c.kind === 'required-only' && [...fields].every((f) => view.required.includes(f))) &&
      !(c.kind === 'all-optional' && writable.every((f) => fields.has(f))),
  );
});

const chosen = perOperation((ctx: CheckContext): BodyChange[] => {
  const { seed, examples } = ctx.generation;
  return choose(candidates(ctx), examples, seed, `${ctx.operation.id}:${NAME}`);
});

function variants(ctx: CheckContext): Variant[] {
  return chosen(ctx).map((c, i) => ({
    name: `${PREFIX}${c.name}`,
    // Each probe that creates something names it apart from the baseline's, so both succeed and both are torn down.
    change: changeJsonBody((body) =>
      c.apply(uniquify(body, ctx.target.runId, `b${i + 1}`) as Record<string, unknown>),
    ),
  }));
}

/**
 * `positive-boundaries`: bodies the spec allows but that are unusual (only the required fields, every optional
 * field, a string at its maxLength, a number at its bounds) are accepted, or refused with a 4xx the operation
 * documents; never a 5xx. Operations that rename what they address are left out: a probe that succeeds would
 * move the resource away from the rest of the run.
 */
export const positiveBoundaries: Check = {
  name: NAME,
  seeded: true,
  description:
    'Valid but unusual bodies (required fields only, all optional fields, limits) are accepted or refused with a documented 4xx, never a 5xx.',
  notApplicable: (ctx) => {
    if (!jsonBodySpec(ctx)) return 'the operation has no JSON body schema';
    if (renamesItself(ctx))
      return 'the operation renames what it addresses; a probe would move it away from the run';
    return candidates(ctx).length === 0
      ? 'the baseline body already is every boundary the schema has'
      : undefined;
  },
  variants,
  verify(ctx, exchanges): Finding[] {
    const media = jsonBodySpec(ctx);
    const id = ctx.operation.id;
    const out: Finding[] = [];
    if (!media) return out;
    for (const c of chosen(ctx)) {
      const exchange = exchanges.variants.get(`${PREFIX}${c.name}`);
      if (!exchange) continue;
      const broken = bodyViolations(ctx, media, exchange);
      if (broken.length > 0) {
        out.push(
          finding(
            NAME,
            id,
            'note',
            'Probe not judged',
            `The body with ${c.describe} broke the schema: ${broken[0]}`,
            exchange.label,
          ),
        );
        continue;
      }
      const status = exchange.response?.status;
      const expected = `a 2xx, or a 4xx the operation documents (${documented4xx(ctx)})`;
      const fail = (title: string) =>
        out.push(
          finding(
            NAME,
            id,
            'error',
            title,
            `Received: ${received(exchange)} for a valid body with ${c.describe} / Documented: ${expected}`,
            exchange.label,
          ),
        );
      if (status === undefined) fail('No response');
      else if (status >= 500) fail('Server error on a valid body');
      else if (status >= 200 && status < 300) continue;
      else if (status >= 400 && responseFor(ctx.operation, status)) continue;
      else fail('Valid body answered with an undocumented status');
    }
    return out;
  },
};
