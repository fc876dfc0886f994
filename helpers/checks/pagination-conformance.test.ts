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
});
