import type { OutgoingRequest } from '../core/exchange.ts';
import { header } from '../core/exchange.ts';
import { type Finding, finding } from '../core/finding.ts';
import { isWrite } from '../spec/operation.ts';
import { encodeSegment, isUnderBase, pathParams } from '../url/build-url.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';
import { UNKNOWN_SEGMENT, unknownRouteDepth } from './unknown-route.ts';

const NAME = 'url';
/** A path value with everything a URL builder gets wrong: a slash, a space, a percent sign, non-ASCII. */
export const AWKWARD_VALUE = 'conformance /x%2F ü';

/** Swaps the encoded value of the last path parameter of the baseline URL for the awkward one. */
function awkward(ctx: CheckContext): Variant | undefined {
  const params = pathParams(ctx.operation.path);
  const last = params[params.length - 1];
  if (last === undefined || isWrite(ctx.operation)) return undefined;
  const segmentIndex = ctx.operation.path
    .split('/')
    .filter(Boolean)
    .findIndex((s) => s.includes(`{${last}}`));
  return {
    name: 'awkward-path-parameter',
    change: (req: OutgoingRequest) => {
      const url = new URL(req.url);
      const segments = url.pathname.split('/');
      const prefixCount = segments.length - ctx.operation.path.split('/').filter(Boolean).length;
      segments[prefixCount + segmentIndex] = encodeSegment(AWKWARD_VALUE);
      url.pathname = segments.join('/');
      return { ...req, url: url.toString() };
    },
  };
}

/** A route no documented template can serve, under the base URL and the values of the request it varies. */
function unknownRoute(ctx: CheckContext): Variant | undefined {
  const keep = unknownRouteDepth(ctx.operation.path, ctx.documentedPaths);
  if (keep === undefined) return undefined;
  const prefix = new URL(ctx.target.baseUrl).pathname.split('/').filter(Boolean).length;
  return {
    name: 'unknown-route',
    change: (req) => {
      const url = new URL(req.url);
      const kept = url.pathname
        .split('/')
        .filter(Boolean)
        .slice(0, prefix + keep);
      url.pathname = `/${[...kept, UNKNOWN_SEGMENT].join('/')}`;
      url.search = '';
      return { ...req, url: url.toString() };
    },
  };
}

function variants(ctx: CheckContext): Variant[] {
  if (isWrite(ctx.operation)) return [];
  return [awkward(ctx), unknownRoute(ctx)].filter((v): v is Variant => v !== undefined);
}

/** Segments a URL must have under the base: the base prefix's and one per template segment. */
function expectedSegments(ctx: CheckContext): number {
  const prefix = new URL(ctx.target.baseUrl).pathname.split('/').filter(Boolean).length;
  return prefix + ctx.operation.path.split('/').filter(Boolean).length;
}

/** `url`: every request lands under the base URL, path values stay one segment, unknown routes get 404. */
export const urlConstruction: Check = {
  name: NAME,
  description:
    'URLs resolve under the base URL with one segment per path parameter; awkward path values do not cause 5xx; a route no documented template serves answers 404.',
  variants,
  verify(ctx, exchanges) {
    const id = ctx.operation.id;
    const out: Finding[] = [];
    const baseline = exchanges.baseline;
    for (const exchange of [baseline, exchanges.variants.get('awkward-path-parameter')]) {
      if (!exchange) continue;
      const url = exchange.request.url;
      const segments = new URL(url).pathname.split('/').filter(Boolean).length;
      if (!isUnderBase(url, ctx.target.baseUrl) || segments !== expectedSegments(ctx)) {
        out.push(
          finding(
            NAME,
            id,
            'error',
            'URL not built from the base URL and template',
            `Received: ${exchange.request.method} ${url} / Documented: ${ctx.target.baseUrl.replace(/\/+$/, '')}${ctx.operation.path} with each parameter as one segment`,
            exchange.label,
          ),
        );
      }
    }
    const location = baseline?.response ? header(baseline.response.headers, 'location') : undefined;
    if (baseline && location !== undefined) {
      const resolved = new URL(location, baseline.request.url).toString();
      if (!isUnderBase(resolved, ctx.target.baseUrl)) {
        out.push(
          finding(
            NAME,
            id,
            'error',
            'Location not under the base URL',
            `Received: Location: ${location} / Documented: a URL under ${ctx.target.baseUrl}`,
          ),
        );
      }
    }
    const awkwardExchange = exchanges.variants.get('awkward-path-parameter');
    if (awkwardExchange && (!awkwardExchange.response || awkwardExchange.response.status >= 500)) {
      out.push(
        finding(
          NAME,
          id,
          'error',
          'Server error on an encoded path parameter',
          `Received: ${received(awkwardExchange)} for ${JSON.stringify(AWKWARD_VALUE)} as a path value / Documented: a 2xx or 4xx answer`,
          'awkward-path-parameter',
        ),
      );
    }
    const unknown = exchanges.variants.get('unknown-route');
    if (unknown && unknown.response?.status !== 404 && unknown.response?.status !== 405) {
      out.push(
        finding(
          NAME,
          id,
          'error',
          'Unknown route not answered 404',
          `Received: ${received(unknown)} for ${unknown.request.url} / Documented: 404`,
          'unknown-route',
        ),
      );
    }
    return out;
  },
};
