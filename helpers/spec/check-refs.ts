import { atPointer } from '../core/json.ts';

type Obj = Record<string, unknown>;
const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** An internal `$ref` that leads nowhere: where it sits and what it names. */
export interface BrokenRef {
  readonly at: string;
  readonly ref: string;
}

const decode = (fragment: string) => {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
};

/** The target of an internal `$ref` (`#/components/…`, percent-escapes allowed), or undefined. */
export const refTarget = (doc: unknown, ref: string): unknown =>
  atPointer(doc, decode(ref.replace(/^#/, '')));

/**
 * Every internal `$ref` (`#/…`) of a document whose target does not exist, in document order. Large documents
 * repeat a few hundred references thousands of times: each is looked up once, and a place's pointer is only
 * written out for a reference that leads nowhere (the walk keeps the keys on a stack).
 */
export function brokenRefs(doc: Obj): BrokenRef[] {
  const out: BrokenRef[] = [];
  const resolves = new Map<string, boolean>();
  const path: string[] = [];
  const walk = (value: unknown) => {
    if (path.length > 200 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        walk(value[i]);
        path.pop();
      }
      return;
    }
    for (const key in value as Obj) {
      const inner = (value as Obj)[key];
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#')) {
        const ok = resolves.get(inner) ?? refTarget(doc, inner) !== undefined;
        resolves.set(inner, ok);
        if (!ok) out.push({ at: ['#', ...path.map(escapePointer)].join('/'), ref: inner });
      } else if (key !== 'example' && key !== 'examples') {
        path.push(key);
        walk(inner);
        path.pop();
      }
    }
  };
  walk(doc);
  return out;
}

/** True when the document has a `$ref` to another file or URL, which only a bundler can bring in. */
export function hasExternalRefs(doc: unknown): boolean {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) stack.push(...value);
    else
      for (const [key, inner] of Object.entries(value as Obj)) {
        if (key === '$ref' && typeof inner === 'string' && !inner.startsWith('#')) return true;
        stack.push(inner);
      }
  }
  return false;
}
