import { describe, expect, it } from 'vitest';
import type { RecordedResponse } from '../core/exchange.ts';
import { contextFor, exchange, exchanges, TEST_TARGET } from '../testing/fixtures.ts';
import { paginationConformance } from './pagination-conformance.ts';

const base = contextFor('GetThing');
const ctx = {
  ...base,
  target: { ...TEST_TARGET, profile: { ...TEST_TARGET.profile, pagination: { probeLimit: 2 } } },
  operation: {
    ...base.operation,
    path: '/things',
    parameters: [
      { name: 'limit', in: 'query' as const, required: false },
      { name: 'offset', in: 'query' as const, required: false },
    ],
  },
};
const URL_OF = (offset: number) => `http://127.0.0.1:4010/v1/things?limit=2&offset=${offset}`;
const link = (offset: number, total: number) => {
  const rels = [`<${URL_OF(0)}>; rel="first"`];
  if (offset > 0) rels.push(`<${URL_OF(offset - 2)}>; rel="prev"`);
  if (offset + 2 < total) rels.push(`<${URL_OF(offset + 2)}>; rel="next"`);
  rels.push(`<${URL_OF(Math.floor((total - 1) / 2) * 2)}>; rel="last"`);
  return rels.join(', ');
};
const pageResponse = (
  offset: number,
  total: number,
  over: Partial<Record<string, string>> = {},
  count?: number,
): RecordedResponse => ({
  status: 200,
  headers: {
    'content-type': 'application/json',
    'x-total': String(total),
    'x-limit': '2',
    'x-offset': String(offset),
    link: link(offset, total),
    ...over,
  } as Record<string, string>,
  body: JSON.stringify(
    Array.from({ length: count ?? Math.min(2, total - offset) }, (_, i) => ({ id: `t${offset + i}` })),
  ),
});
const walk = (pages: RecordedResponse[]) =>
  pages.map((r, i) =>
    exchange(r, {
      label: `page ${i + 1}`,
      request: { method: 'GET', url: URL_OF(i * 2), headers: {} },
    }),
  );
const titles = (pages: RecordedResponse[]) =>
  paginationConformance.verify(ctx, exchanges(undefined, {}, { page: walk(pages) })).map((f) => f.title);

describe('pagination check', () => {
  it('applies to GET operations with limit and offset when the profile describes pagination', () => {
    expect(paginationConformance.notApplicable?.(ctx)).toBeUndefined();
    expect(paginationConformance.notApplicable?.(base)).toBe('the profile describes no pagination');
    expect(
      paginationConformance
        .variants?.(ctx)[0]
        ?.change({ method: 'GET', url: 'http://h/v1/things?limit=50', headers: {} }).url,
    ).toBe('http://h/v1/things?limit=2&offset=0');
  });

  it('passes three conforming pages that add up to the total', () => {
    expect(titles([pageResponse(0, 5), pageResponse(2, 5), pageResponse(4, 5)])).toEqual([]);
  });

  it.each([
    [
      'a missing x-Total',
      [pageResponse(0, 2, { 'x-total': '' })],
      'Pagination header x-Total missing or not a number',
    ],
    ['a page size other than asked', [pageResponse(0, 2, { 'x-limit': '20' })], 'Page size not as asked'],
    [
      'too many items on a page',
      [pageResponse(0, 5, {}, 3), pageResponse(2, 5), pageResponse(4, 5)],
      'Page holds more items than asked',
    ],
    [
      'too few items on a page',
      [pageResponse(0, 5, {}, 1), pageResponse(2, 5), pageResponse(4, 5)],
      'Page holds the wrong number of items',
    ],
    [
      'a missing rel="next"',
      [pageResponse(0, 5, { link: `<${URL_OF(0)}>; rel="first", <${URL_OF(4)}>; rel="last"` })],
      'Link rel="next" missing',
    ],
    [
      'a link off the base URL',
      [
        pageResponse(0, 2, {
          link: `<${URL_OF(0)}>; rel="first", <http://evil.example/v1/things?offset=0>; rel="last"`,
        }),
      ],
      'Link leaves the base URL',
    ],
    [
      'a body that is not an array',
      [{ ...pageResponse(0, 2), body: '{"items":[]}' }],
      'Page body is not an array',
    ],
  ])('finds %s', (_, pages, title) => {
    expect(titles(pages)).toContain(title);
  });

  it('finds pages that do not add up to the total', () => {
    const short = [
      pageResponse(0, 5),
      {
        ...pageResponse(2, 5),
        headers: {
          ...pageResponse(2, 5).headers,
          link: `<${URL_OF(0)}>; rel="first", <${URL_OF(0)}>; rel="prev", <${URL_OF(4)}>; rel="last"`,
        },
      },
    ];
    expect(titles(short)).toContain('Link rel="next" missing');
  });

  it('finds a page that repeats the previous page, though the lengths add up to the total', () => {
    const again = { ...pageResponse(2, 4), body: pageResponse(0, 4).body };
    expect(titles([pageResponse(0, 4), again])).toEqual([
      'Item on more than one page',
      'Items missing from the pages',
    ]);
    const [repeat] = paginationConformance.verify(
      ctx,
      exchanges(undefined, {}, { page: walk([pageResponse(0, 4), again]) }),
    );
    expect(repeat?.message).toBe(
      'Received: 2 of 4 items again on a later page, e.g. id=t0 (pages 1 and 2); id=t1 (pages 1 and 2) / Documented: each item on exactly one page',
    );
  });
});

describe('pagination in the body', () => {
  const bodyCtx = (pagination: Record<string, unknown>, envelope?: string) => ({
    ...ctx,
    target: {
      ...TEST_TARGET,
      profile: { ...TEST_TARGET.profile, pagination, ...(envelope ? { response: { envelope } } : {}) },
    },
    operation: {
      ...ctx.operation,
      parameters: ['limit', 'offset', 'page', 'cursor'].map((name) => ({
        name,
        in: 'query' as const,
        required: false,
      })),
    },
  });
  const bodyPage = (url: string, body: unknown) =>
    exchange(
      { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      {
        request: { method: 'GET', url, headers: {} },
      },
    );
  const judge = (c: ReturnType<typeof bodyCtx>, pages: ReturnType<typeof bodyPage>[]) =>
    paginationConformance
      .verify(c, exchanges(undefined, {}, { page: pages.map((p, i) => ({ ...p, label: `page ${i + 1}` })) }))
      .map((f) => f.title);
  const U = 'http://127.0.0.1:4010/v1/things';

  it('walks a cursor from the body, with the total in the body and items in an envelope', () => {
    const c = bodyCtx(
      { cursorParam: 'cursor', totalPointer: '/meta/total_count', cursorPointer: '/meta/next_cursor' },
      '/data',
    );
    const variant = paginationConformance.variants?.(c)[0];
    expect(variant?.change({ method: 'GET', url: `${U}?cursor=old`, headers: {} }).url).toBe(`${U}?limit=2`);
    const first = bodyPage(`${U}?limit=2`, {
      data: [{ id: 1 }, { id: 2 }],
      meta: { total_count: 3, next_cursor: 'c2' },
    });
    expect(variant?.next?.(first)).toBe(`${U}?limit=2&cursor=c2`);
    const second = bodyPage(`${U}?limit=2&cursor=c2`, {
      data: [{ id: 3 }],
      meta: { total_count: 3, next_cursor: null },
    });
    expect(variant?.next?.(second)).toBeUndefined();
    expect(judge(c, [first, second])).toEqual([]);
    const repeated = bodyPage(`${U}?limit=2&cursor=c2`, { data: [{ id: 2 }], meta: { total_count: 3 } });
    expect(judge(c, [first, repeated])).toEqual([
      'Item on more than one page',
      'Items missing from the pages',
    ]);
  });

  it('walks page numbers with a next URL in the body, and finds a next URL off the base', () => {
    const c = bodyCtx({
      pageParam: 'page',
      itemsPointer: '/items',
      nextPointer: '/links/next',
      totalPointer: '/total',
    });
    const first = bodyPage(`${U}?limit=2&page=1`, {
      items: [{ id: 'a' }, { id: 'b' }],
      total: 3,
      links: { next: '/v1/things?limit=2&page=2' },
    });
    const second = bodyPage(`${U}?limit=2&page=2`, { items: [{ id: 'c' }], total: 3, links: {} });
    expect(judge(c, [first, second])).toEqual([]);
    const off = bodyPage(`${U}?limit=2&page=1`, {
      items: [{ id: 'a' }, { id: 'b' }],
      total: 3,
      links: { next: 'http://elsewhere.example/v1/things?page=2' },
    });
    expect(judge(c, [off])).toEqual(['Link leaves the base URL']);
    expect(judge(c, [bodyPage(`${U}?limit=2&page=1`, { items: 'none', total: 3 })])).toEqual([
      'Page body is not an array',
    ]);
  });
});
