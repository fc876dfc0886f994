import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { SetupError } from '../core/errors.ts';
import { getText } from '../http/get-text.ts';
import { readCached, type SpecCache, writeCached } from './spec-cache.ts';

/** An OpenAPI document with every external `$ref` bundled in, and a resolver for its internal ones. */
export interface SpecDocument {
  readonly source: string;
  readonly openapi: '3.0' | '3.1';
  readonly doc: OpenApiDoc;
  /** Resolves an internal `$ref` (`#/components/...`) through the parser's resolver. */
  readonly resolve: (ref: string) => unknown;
}

/** The loosely typed OpenAPI object; operations.ts reads it field by field. */
export type OpenApiDoc = Record<string, unknown> & { paths?: Record<string, Record<string, unknown>> };

/** How to load a spec from a URL: cache, timeout and headers (e.g. credentials for a private spec). */
export interface LoadOptions {
  readonly cache?: SpecCache;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);
const isLoopback = (url: string) => /^https?:\/\/(127\.|localhost|\[::1\])/i.test(url);

async function readSource(source: string, options: LoadOptions): Promise<string> {
  if (!isUrl(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new SetupError(
        'SPEC_UNREADABLE',
        `Cannot read spec file ${source} (${code}); check the profile's spec path or its env override.`,
      );
    }
  }
  // Loopback specs come from embedded mocks on random ports: caching them would only litter the cache.
  const cache = options.cache && !isLoopback(source) ? options.cache : undefined;
  const cached = cache && readCached(cache, source);
  if (cached !== undefined) return cached;
  let response: Awaited<ReturnType<typeof getText>>;
  try {
    response = await getText(source, options.headers ?? {}, options.timeoutMs ?? 30_000);
  } catch (error) {
    throw new SetupError(
      'TARGET_UNREACHABLE',
      `Cannot fetch spec ${source} (${(error as Error).message}); check the base URL and network.`,
    );
  }
  if (response.status !== 200) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} answered HTTP ${response.status}; check the spec URL.`,
    );
  }
  if (cache) writeCached(cache, source, response.body);
  return response.body;
}

function versionOf(source: string, data: unknown): '3.0' | '3.1' {
  const version = (data as { openapi?: unknown } | null)?.openapi;
  if (typeof version === 'string' && /^3\.0\.\d+/.test(version)) return '3.0';
  if (typeof version === 'string' && /^3\.1\.\d+/.test(version)) return '3.1';
  throw new SetupError(
    'SPEC_UNREADABLE',
    `${source} is not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(version ?? null)}).`,
  );
}

/** Loads an OpenAPI 3.0/3.1 document from a file path or URL; YAML or JSON; external refs bundled. */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<SpecDocument> {
  const text = await readSource(source, options);
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} is not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const openapi = versionOf(source, data);
  const parser = new SwaggerParser();
  try {
    // The library resolves and bundles external refs; remote ones stay off so a run reaches only its target.
    const doc = (await parser.bundle(isUrl(source) ? source : resolvePath(source), data as never, {
      resolve: { http: false },
    })) as unknown as OpenApiDoc;
    return { source, openapi, doc, resolve: (ref: string) => parser.$refs.get(ref) };
  } catch (error) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} has unresolvable references: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}
