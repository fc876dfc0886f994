import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCached, writeCached } from './spec-cache.ts';

describe('spec cache', () => {
  it('returns a document until it is older than the TTL', () => {
    const cache = { dir: join(mkdtempSync(join(tmpdir(), 'cache-')), 'specs'), ttlMs: 24 * 3_600_000 };
    const url = 'https://api.pulumi.com/api/openapi/pulumi-spec.json';
    expect(readCached(cache, url)).toBeUndefined();
    writeCached(cache, url, '{"openapi":"3.0.3"}');
    expect(readCached(cache, url)).toBe('{"openapi":"3.0.3"}');
    expect(readCached(cache, 'https://other/spec.json')).toBeUndefined();
    const [file] = readdirSync(cache.dir);
    const old = (Date.now() - 25 * 3_600_000) / 1000;
    utimesSync(join(cache.dir, file ?? ''), old, old);
    expect(readCached(cache, url)).toBeUndefined();
  });
});
