import LinkHeader from 'http-link-header';
import { type Exchange, header } from '../core/exchange.ts';
import { type Finding, finding, notValidated } from '../core/finding.ts';
import { parseJson } from '../core/json.ts';
import { isUnderBase } from '../url/build-url.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';

const NAME = 'pagination';
const PROBE = 'page';

function settings(ctx: CheckContext) {
  const p = ctx.target.profile.pagination ?? {};
  return {
    limitParam: p.limitParam ?? 'limit',
    offsetParam: p.offsetParam ?? 'offset',
    total: p.totalHeader ?? 'x-Total',
    limit: p.limitHeader ?? 'x-Limit',
    offset: p.offsetHeader ?? 'x-Offset',
    link: p.link ?? true,
    probeLimit: p.probeLimit ?? 2,
    maxPages: p.maxPages ?? 50,
  };
}

function variants(ctx: CheckContext): Variant[] {
  const s = settings(ctx);
  return [
    {
      name: PROBE,
      followNext: s.maxPages - 1,
      ordinary: true,
      change: (req) => {
        const url = new URL(req.url);
        url.searchParams.set(s.limitParam, String(s.probeLimit));
        url.searchParams.set(s.offsetParam, '0');
        return { ...req, url: url.toString() };
      },
    },
  ];
}

const int = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;

/** Checks one page; returns its findings and, when readable, its numbers and links. */
function page(ctx: CheckContext, ex: Exchange) {
  const s = settings(ctx);
  const id = ctx.operation.id;
  const out: Finding[] = [];
  const bad = (title: string, message: string) =>
    out.push(finding(NAME, id, 'error', title, message, ex.label));
  const res = ex.response;
  if (!res || res.status < 200 || res.status >= 300) {
    bad('Page not served', `Received: ${received(ex)} for ${ex.request.url} / Documented: 2xx`);
    return { out };
  }
  const query = new URL(ex.request.url).searchParams;
  const [total, limit, offset] = [s.total, s.limit, s.offset].map((h) => int(header(res.headers, h)));
  for (const [name, value] of [
    [s.total, total],
    [s.limit, limit],
    [s.offset, offset],
  ] as const) {
    if (value === undefined)
      bad(
        `Pagination header ${name} missing or not a number`,
        `Received: ${name}: ${header(res.headers, name) ?? '(absent)'} / Documented: a whole number`,
      );
  }
  const asked = {
    limit: int(query.get(s.limitParam) ?? undefined),
    offset: int(query.get(s.offsetParam) ?? undefined),
  };
  if (limit !== undefined && asked.limit !== undefined && limit !== asked.limit)
    bad(
      'Page size not as asked',
      `Received: ${s.limit}: ${limit} / Documented: ${asked.limit} (the ${s.limitParam} sent)`,
    );
  if (offset !== undefined && asked.offset !== undefined && offset !== asked.offset)
    bad(
      'Offset not as asked',
      `Received: ${s.offset}: ${offset} / Documented: ${asked.offset} (the ${s.offsetParam} sent)`,
    );
  const body = parseJson(res.body);
  const items = body.ok && Array.isArray(body.value) ? body.value : undefined;
  if (!items)
    bad('Page body is not an array', `Received: ${res.body.slice(0, 80)} / Documented: a bare JSON array`);
  if (items && total !== undefined && limit !== undefined && offset !== undefined) {
    const expected = Math.max(0, Math.min(limit, total - offset));
    if (items.length !== expected)
      bad(
        'Page holds the wrong number of items',
        `Received: ${items.length} items at offset ${offset} / Documented: ${expected} (${s.total}: ${total}, ${s.limit}: ${limit})`,
      );
  }
  let links: LinkHeader | undefined;
  if (s.link) {
    const raw = header(res.headers, 'link');
    links = raw ? LinkHeader.parse(raw) : undefined;
    const has = (rel: string) => (links?.rel(rel).length ?? 0) > 0;
    const expected: [string, boolean][] = [
      ['first', true],
      ['last', true],
      ['next', total !== undefined && offset !== undefined && limit !== undefined && offset + limit < total],
      ['prev', offset !== undefined && offset > 0],
    ];
    for (const [rel, wanted] of expected) {
      if (has(rel) !== wanted)
        bad(
          `Link rel="${rel}" ${wanted ? 'missing' : 'unexpected'}`,
          `Received: Link: ${raw ?? '(absent)'} / Documented: rel="${rel}" ${wanted ? 'present' : 'absent'} at offset ${offset} of ${total}`,
        );
    }
    for (const link of links?.refs ?? []) {
      const target = new URL(link.uri, ex.request.url).toString();
      if (!isUnderBase(target, ctx.target.baseUrl))
        bad(
          'Link leaves the base URL',
          `Received: rel="${link.rel}" ${link.uri} / Documented: under ${ctx.target.baseUrl}`,
        );
    }
  }
  return { out, total, offset, count: items?.length, links };
}

/** `pagination`: limit/offset pages carry the documented headers and Link relations, and `next` reaches the last page. */
export const paginationConformance: Check = {
  name: NAME,
  description:
    'Paginated lists answer with total/limit/offset headers, a Link header with first/prev/next/last, a bare array, and next reaches the last page.',
  notApplicable(ctx) {
    if (!ctx.target.profile.pagination) return 'the profile describes no pagination';
    const s = settings(ctx);
    const names = new Set(ctx.operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    return ctx.operation.method === 'GET' && names.has(s.limitParam) && names.has(s.offsetParam)
      ? undefined
      : 'the operation is not paginated';
  },
  variants,
  verify(ctx, exchanges) {
    const pages = exchanges.pages?.get(PROBE) ?? [];
    if (pages.length === 0)
      return [notValidated(NAME, ctx.operation.id, 'No page fetched', 'The pagination probe was not sent')];
    const results = pages.map((ex) => page(ctx, ex));
    const out = results.flatMap((r) => r.out);
    const [first] = results;
    const last = results.at(-1);
    const lastUri = first?.links?.rel('last')[0]?.uri;
    if (out.length > 0 || !first || !last || first.total === undefined) return out;
    const stillNext = (last.links?.rel('next').length ?? 0) > 0;
    if (stillNext) {
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'warning',
          'Walk stopped early',
          `Followed ${pages.length} pages without reaching the last one (pagination.maxPages)`,
        ),
      );
      return out;
    }
    const seen = results.reduce((n, r) => n + (r.count ?? 0), 0);
    if (seen !== first.total) {
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'error',
          'Pages do not add up to the total',
          `Received: ${seen} items over ${pages.length} pages / Documented: ${settings(ctx).total}: ${first.total}`,
        ),
      );
    }
    const lastUrl = pages.at(-1)?.request.url;
    const spot = (url: URL) =>
      `${url.pathname}?${settings(ctx).offsetParam}=${url.searchParams.get(settings(ctx).offsetParam)}`;
    if (lastUri && lastUrl && spot(new URL(lastUri, lastUrl)) !== spot(new URL(lastUrl))) {
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'error',
          'rel="next" does not reach rel="last"',
          `Received: the walk ended at ${lastUrl} / Documented: rel="last" ${lastUri}`,
        ),
      );
    }
    return out;
  },
};
