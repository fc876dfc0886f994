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

/** Every internal `$ref` (`#/…`) of a document whose target does not exist, in document order. */
export function brokenRefs(doc: Obj): BrokenRef[] {
  const out: BrokenRef[] = [];
  const walk = (value: unknown, pointer: string, depth: number) => {
    if (depth > 200 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${pointer}/${i}`, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value as Obj)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#')) {
        if (refTarget(doc, inner) === undefined) out.push({ at: pointer, ref: inner });
      } else if (key !== 'example' && key !== 'examples')
        walk(inner, `${pointer}/${escapePointer(key)}`, depth + 1);
    }
  };
  walk(doc, '#', 0);
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
