import type { OutgoingRequest } from '../core/exchange.ts';
import type { Finding } from '../core/finding.ts';
import { derivedSeed } from '../generate/seed.ts';
import { unknownIdValue } from '../generate/values.ts';
import { encodeSegment } from '../url/build-url.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { judgeRefusal, perOperation } from './probe-helpers.ts';

const NAME = 'unknown-resource';
const VARIANT = `${NAME}:id`;

/** The parameter an item operation addresses its item by: the path's last segment, when it is a parameter. */
function itemParameter(ctx: CheckContext) {
  const last = ctx.operation.path.split('/').filter(Boolean).at(-1) ?? '';
  const name = /^\{([^}]+)\}$/.exec(last)?.[1];
  return name === undefined
    ? undefined
    : ctx.operation.parameters.find((p) => p.in === 'path' && p.name === name);
}

/** The id the probe sends: of the parameter's type and format, generated from the run's seed, never created. */
export function unknownId(ctx: CheckContext): string | undefined {
  const param = itemParameter(ctx);
  if (!param) return undefined;
  return unknownIdValue(param.schema, ctx.spec, derivedSeed(ctx.generation.seed, ctx.operation.id, NAME));
}

/** Puts `value` in place of the URL's last segment: the item of an item operation. */
export function withLastSegment(value: string) {
  return (req: OutgoingRequest): OutgoingRequest => {
    const url = new URL(req.url);
    url.pathname = url.pathname.replace(/[^/]*$/, encodeSegment(value));
    return { ...req, url: url.toString() };
  };
}

const variants = perOperation((ctx: CheckContext): Variant[] => {
  const id = unknownId(ctx);
  return id === undefined ? [] : [{ name: VARIANT, change: withLastSegment(id) }];
});

/**
 * `unknown-resource`: an item operation asked for an id of the right type and format that was never created
 * answers 404 (RFC 9110 §15.5.5) or another 4xx the operation documents; never a 5xx, a success or an
 * undocumented status such as 410 Gone, which claims the resource once existed.
 */
export const unknownResource: Check = {
  name: NAME,
  seeded: true,
  description:
    'An item operation with a well-formed id that was never created answers 404 or a documented 4xx.',
  notApplicable: (ctx) => {
    const param = itemParameter(ctx);
    if (!param) return 'the operation addresses no single item (its path does not end in a parameter)';
    if (Array.isArray(param.schema?.enum)) return `{${param.name}} is an enum: every value of it may exist`;
    // PUT may create the resource it names (RFC 9110 §9.3.4); a POST to a path ending in a parameter creates
    // inside what it names (Pulumi's CreateStack creates the project it is given): an unknown id is no error there.
    if (ctx.operation.method === 'PUT') return 'a PUT may create the resource its URL names';
    if (ctx.operation.method === 'POST') return 'a POST creates inside what its URL names, which may be new';
    return undefined;
  },
  variants,
  verify(ctx, exchanges): Finding[] {
    const probe = exchanges.variants.get(VARIANT);
    if (!probe) return [];
    return judgeRefusal(
      ctx,
      NAME,
      probe,
      `an id that was never created (${new URL(probe.request.url).pathname})`,
      [404],
    );
  },
};
