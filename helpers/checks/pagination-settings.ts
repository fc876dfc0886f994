import LinkHeader from 'http-link-header';
import type { PaginationSpec } from '../config/profile.ts';
import { type Exchange, header } from '../core/exchange.ts';
import { atPointer, tryParseJson } from '../core/json.ts';

/** How the profile's API pages: which parameters it takes, and where a page says its total, items and next. */
export interface PaginationSettings {
  readonly style: 'offset' | 'page' | 'cursor';
  readonly limitParam: string;
  /** The offset, page number or cursor parameter, by style. */
  readonly positionParam: string;
  readonly totalHeader?: string;
  readonly limitHeader?: string;
  readonly offsetHeader?: string;
  readonly link: boolean;
  readonly itemsPointer: string;
  readonly totalPointer?: string;
  readonly nextPointer?: string;
  readonly cursorPointer?: string;
  readonly probeLimit: number;
  readonly maxPages: number;
}

/**
 * The profile's pagination with defaults. Without body pointers the API pages as CloudPirates does
 * (`x-Total`, `x-Limit`, `x-Offset` headers and a `Link` header); with them, the body says it all.
 */
export function paginationSettings(p: PaginationSpec, envelope: string | undefined): PaginationSettings {
  const inBody = [p.totalPointer, p.nextPointer, p.cursorPointer, p.itemsPointer].some(
    (x) => x !== undefined,
  );
  const style = p.cursorParam ? 'cursor' : p.pageParam ? 'page' : 'offset';
  const headerDefault = (value: string | undefined, fallback: string) =>
    value ?? (inBody || style !== 'offset' ? undefined : fallback);
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    style,
    limitParam: p.limitParam ?? 'limit',
    positionParam: p.cursorParam ?? p.pageParam ?? p.offsetParam ?? 'offset',
    ...optional('totalHeader', headerDefault(p.totalHeader, 'x-Total')),
    ...optional('limitHeader', headerDefault(p.limitHeader, 'x-Limit')),
    ...optional('offsetHeader', headerDefault(p.offsetHeader, 'x-Offset')),
    link: p.link ?? !inBody,
    itemsPointer: p.itemsPointer ?? envelope ?? '',
    ...optional('totalPointer', p.totalPointer),
    ...optional('nextPointer', p.nextPointer),
    ...optional('cursorPointer', p.cursorPointer),
    probeLimit: p.probeLimit ?? 2,
    maxPages: p.maxPages ?? 50,
  };
}

/**
 * The URL of the page after this one, as the API says it: `Link: rel="next"`, a next URL in the body, or a
 * cursor in the body sent back in the cursor parameter. Undefined on the last page.
 */
export function nextPageUrl(s: PaginationSettings, page: Exchange): string | undefined {
  const res = page.response;
  if (!res) return undefined;
  if (s.nextPointer !== undefined || s.cursorPointer !== undefined) {
    const body = tryParseJson(res.body);
    const next = s.nextPointer !== undefined ? atPointer(body, s.nextPointer) : undefined;
    if (typeof next === 'string' && next !== '') return new URL(next, page.request.url).toString();
    const cursor = s.cursorPointer !== undefined ? atPointer(body, s.cursorPointer) : undefined;
    if ((typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number') {
      const url = new URL(page.request.url);
      url.searchParams.set(s.positionParam, String(cursor));
      return url.toString();
    }
    return undefined;
  }
  const link = header(res.headers, 'link');
  const next = link ? LinkHeader.parse(link).rel('next')[0]?.uri : undefined;
  return next === undefined ? undefined : new URL(next, page.request.url).toString();
}

const ID_KEYS = /^(id|uuid|key|name)$|(Id|_id|ID)$/;

/**
 * What tells one item from another: its id-like field (`id`, `…Id`, `…_id`, `uuid`, `key`, `name`) when
 * it has one, else the whole item, so the same item on two pages is found whatever the API calls its id.
 */
export function itemKey(item: unknown): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const key = Object.keys(item).find((k) => ID_KEYS.test(k));
    const value = key === undefined ? undefined : (item as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') return `${key}=${value}`;
  }
  return JSON.stringify(item);
}
