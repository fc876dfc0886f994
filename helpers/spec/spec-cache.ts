import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where and for how long downloaded specs are kept, as the Pulumi CLI keeps its spec for 24 hours. */
export interface SpecCache {
  readonly dir: string;
  readonly ttlMs: number;
}

function fileFor(cache: SpecCache, url: string): string {
  return join(cache.dir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.spec`);
}

/** The cached text of a URL when younger than the TTL. */
export function readCached(cache: SpecCache, url: string, now = Date.now()): string | undefined {
  const file = fileFor(cache, url);
  try {
    if (now - statSync(file).mtimeMs > cache.ttlMs) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Stores the text of a URL; a cache that cannot be written is only a missed speed-up. */
export function writeCached(cache: SpecCache, url: string, text: string): void {
  try {
    mkdirSync(cache.dir, { recursive: true });
    writeFileSync(fileFor(cache, url), text);
  } catch {
    // A read-only checkout still runs; it only fetches the spec every time.
  }
}
