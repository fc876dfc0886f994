import LinkHeader from 'http-link-header';
import { type Exchange, header } from '../core/exchange.ts';
import { type Finding, finding, notValidated } from '../core/finding.ts';
import { atPointer, parseJson } from '../core/json.ts';
import { isUnderBase } from '../url/build-url.ts';
import type { Check, CheckContext, Variant } from './check.ts';
import { received } from './check-helpers.ts';
import { itemKey, nextPageUrl, type PaginationSettings, paginationSettings } from './pagination-settings.ts';

const NAME = 'pagination';
const PROBE = 'page';

const settings = (ctx: CheckContext): PaginationSettings =>
  paginationSettings(ctx.target.profile.pagination ?? {}, ctx.target.profile.response?.envelope);

function variants(ctx: CheckContext): Variant[] {
  const s = settings(ctx);
  return [
    {
      name: PROBE,
      followNext: s.maxPages - 1,
      next: (page) => nextPageUrl(s, page),
      ordinary: true,
      change: (req) => {
        const url = new URL(req.url);
        url.searchParams.set(s.limitParam, String(s.probeLimit));
        if (s.style === 'cursor') url.searchParams.delete(s.positionParam);
        else url.searchParams.set(s.positionParam, s.style === 'page' ? '1' : '0');
        return { ...req, url: url.toString() };
      },
    },
  ];
}

const int = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : typeof value === 'string' && /^\d+$/.test(value.trim())
      ? Number(value)
      : undefined;

/** What one page says, and what is wrong with it on its own. */
interface PageResult {
  readonly out: Finding[];
  readonly total?: number;
  readonly offset?: number;
  readonly items?: readonly unknown[];
  readonly links?: LinkHeader;
}

/** Checks one page; returns its findings and, when readable, its numbers, items and links. */
function page(ctx: CheckContext, s: PaginationSettings, ex: Exchange, index: number): PageResult {
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
  const body = parseJson(res.body);
  const fromHeader = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const value = int(header(res.headers, name));
    if (value === undefined)
      bad(
        `Pagination header ${name} missing or not a number`,
        `Received: ${name}: ${header(res.headers, name) ?? '(absent)'} / Documented: a whole number`,
      );
    return value;
  };
  const total = s.totalHeader !== undefined ? fromHeader(s.totalHeader) : undefined;
  const limit = fromHeader(s.limitHeader);
  const offset = fromHeader(s.offsetHeader);
  let bodyTotal: number | undefined;
  if (s.totalPointer !== undefined) {
    const raw = body.ok ? atPointer(body.value, s.totalPointer) : undefined;
    bodyTotal = int(raw);
    if (bodyTotal === undefined)
      bad(
        `Total at ${s.totalPointer} missing or not a number`,
        `Received: ${JSON.stringify(raw) ?? '(absent)'} / Documented: a whole number at ${s.totalPointer}`,
      );
  }
  const asked = { limit: int(query.get(s.limitParam) ?? undefined), position: query.get(s.positionParam) };
  if (limit !== undefined && asked.limit !== undefined && limit !== asked.limit)
    bad(
      'Page size not as asked',
      `Received: ${s.limitHeader}: ${limit} / Documented: ${asked.limit} (the ${s.limitParam} sent)`,
    );
  const askedOffset =
    s.style === 'offset'
      ? int(asked.position ?? undefined)
      : s.style === 'page' && asked.limit !== undefined && int(asked.position ?? undefined) !== undefined
        ? ((int(asked.position ?? undefined) ?? 1) - 1) * asked.limit
        : undefined;
  if (offset !== undefined && askedOffset !== undefined && offset !== askedOffset)
    bad(
      'Offset not as asked',
      `Received: ${s.offsetHeader}: ${offset} / Documented: ${askedOffset} (the ${s.positionParam} sent)`,
    );
  const found = body.ok ? atPointer(body.value, s.itemsPointer) : undefined;
  const items = Array.isArray(found) ? found : undefined;
  if (!items)
    bad(
      'Page body is not an array',
      `Received: ${res.body.slice(0, 80)} / Documented: ${s.itemsPointer ? `an array at ${s.itemsPointer}` : 'a bare JSON array'}`,
    );
  const theTotal = total ?? bodyTotal;
  const theLimit = limit ?? asked.limit;
  const theOffset = offset ?? askedOffset;
  if (items && theLimit !== undefined && items.length > theLimit)
    bad(
      'Page holds more items than asked',
      `Received: ${items.length} items / Documented: at most ${theLimit} (the ${s.limitParam} sent)`,
    );
  else if (items && theTotal !== undefined && theLimit !== undefined && theOffset !== undefined) {
    const expected = Math.max(0, Math.min(theLimit, theTotal - theOffset));
    if (items.length !== expected)
      bad(
        'Page holds the wrong number of items',
        `Received: ${items.length} items at offset ${theOffset} / Documented: ${expected} (total ${theTotal}, page size ${theLimit})`,
      );
  }
  let links: LinkHeader | undefined;
  if (s.link) {
    const raw = header(res.headers, 'link');
    links = raw ? LinkHeader.parse(raw) : undefined;
    const has = (rel: string) => (links?.rel(rel).length ?? 0) > 0;
    const known = theTotal !== undefined && theOffset !== undefined && theLimit !== undefined;
    const expected: [string, boolean | undefined][] = [
      ['first', true],
      ['last', theTotal === undefined ? undefined : true],
      ['next', known ? (theOffset ?? 0) + (theLimit ?? 0) < (theTotal ?? 0) : undefined],
      ['prev', theOffset !== undefined ? theOffset > 0 : index > 0],
    ];
    for (const [rel, wanted] of expected) {
      if (wanted !== undefined && has(rel) !== wanted)
        bad(
          `Link rel="${rel}" ${wanted ? 'missing' : 'unexpected'}`,
          `Received: Link: ${raw ?? '(absent)'} / Documented: rel="${rel}" ${wanted ? 'present' : 'absent'} at offset ${theOffset} of ${theTotal}`,
        );
    }
  }
  for (const target of [
    ...(links?.refs ?? []).map((l) => ({ rel: l.rel, uri: l.uri })),
    ...(s.nextPointer !== undefined || s.cursorPointer !== undefined
      ? [{ rel: 'next', uri: nextPageUrl(s, ex) }]
      : []),
  ]) {
    if (target.uri === undefined) continue;
    if (!isUnderBase(new URL(target.uri, ex.request.url).toString(), ctx.target.baseUrl))
      bad(
        'Link leaves the base URL',
        `Received: rel="${target.rel}" ${target.uri} / Documented: under ${ctx.target.baseUrl}`,
      );
  }
  return {
    out,
    ...(theTotal !== undefined ? { total: theTotal } : {}),
    ...(theOffset !== undefined ? { offset: theOffset } : {}),
    ...(items ? { items } : {}),
    ...(links ? { links } : {}),
  };
}

/** Items seen on more than one page, and how many distinct items the walk saw. */
function tally(results: readonly PageResult[]) {
  const pageOf = new Map<string, number>();
  const repeated: string[] = [];
  results.forEach((r, i) => {
    for (const item of r.items ?? []) {
      const key = itemKey(item);
      const first = pageOf.get(key);
      if (first === undefined) pageOf.set(key, i + 1);
      else repeated.push(`${key.slice(0, 60)} (pages ${first} and ${i + 1})`);
    }
  });
  return { distinct: pageOf.size, repeated };
}

/** `pagination`: pages carry the documented total, size and links, and walking `next` sees every item once. */
export const paginationConformance: Check = {
  name: NAME,
  description:
    'Paginated lists answer with their total, size and links as the profile describes (headers or body), and walking next to the end sees every item exactly once.',
  notApplicable(ctx) {
    if (!ctx.target.profile.pagination) return 'the profile describes no pagination';
    const s = settings(ctx);
    const names = new Set(ctx.operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    return ctx.operation.method === 'GET' && names.has(s.limitParam) && names.has(s.positionParam)
      ? undefined
      : 'the operation is not paginated';
  },
  variants,
  verify(ctx, exchanges) {
    const s = settings(ctx);
    const pages = exchanges.pages?.get(PROBE) ?? [];
    if (pages.length === 0)
      return [notValidated(NAME, ctx.operation.id, 'No page fetched', 'The pagination probe was not sent')];
    const results = pages.map((ex, i) => page(ctx, s, ex, i));
    const out = results.flatMap((r) => r.out);
    const [first] = results;
    const last = pages.at(-1);
    if (out.length > 0 || !first || !last) return out;
    if (nextPageUrl(s, last) !== undefined) {
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
    const { distinct, repeated } = tally(results);
    const seen = results.reduce((n, r) => n + (r.items?.length ?? 0), 0);
    if (repeated.length > 0)
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'error',
          'Item on more than one page',
          `Received: ${repeated.length} of ${seen} items again on a later page, e.g. ${repeated.slice(0, 3).join('; ')} / Documented: each item on exactly one page`,
        ),
      );
    if (first.total !== undefined && distinct !== first.total)
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'error',
          distinct < first.total ? 'Items missing from the pages' : 'Pages do not add up to the total',
          `Received: ${distinct} distinct items over ${pages.length} pages / Documented: total ${first.total}`,
        ),
      );
    const lastUri = first.links?.rel('last')[0]?.uri;
    const spot = (url: URL) => `${url.pathname}?${s.positionParam}=${url.searchParams.get(s.positionParam)}`;
    if (lastUri && spot(new URL(lastUri, last.request.url)) !== spot(new URL(last.request.url)))
      out.push(
        finding(
          NAME,
          ctx.operation.id,
          'error',
          'rel="next" does not reach rel="last"',
          `Received: the walk ended at ${last.request.url} / Documented: rel="last" ${lastUri}`,
        ),
      );
    return out;
  },
};
