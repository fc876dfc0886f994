import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { SetupError } from '../core/errors.ts';
import { getText } from '../http/get-text.ts';
import { brokenRefs, hasExternalRefs, refTarget } from './check-refs.ts';
import { convertSwagger2 } from './convert-swagger.ts';
import { readCached, type SpecCache, writeCached } from './spec-cache.ts';

/** An OpenAPI document with every external `$ref` bundled in, and a resolver for its internal ones. */
export interface SpecDocument {
  readonly source: string;
  readonly openapi: '3.0' | '3.1';
  /** Swagger 2.0 when the document was converted to OpenAPI 3.0 on loading. */
  readonly convertedFrom?: '2.0';
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
  /** The setting a user changes to point at another document (`PULUMI_SPEC or spec.url of profile pulumi`). */
  readonly setting?: string;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);
const isLoopback = (url: string) => /^https?:\/\/(127\.|localhost|\[::1\])/i.test(url);

const settingOf = (options: LoadOptions) => options.setting ?? "the profile's spec path or its env override";

async function readSource(source: string, options: LoadOptions): Promise<string> {
  if (!isUrl(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new SetupError(
        'SPEC_UNREADABLE',
        `Cannot read spec file ${source} (${code}); check ${settingOf(options)}.`,
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
      `Cannot fetch spec ${source} (${(error as Error).message}); check ${settingOf(options)}, the base URL and network.`,
    );
  }
  if (response.status !== 200) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} answered HTTP ${response.status}; check ${settingOf(options)}.`,
    );
  }
  if (cache) writeCached(cache, source, response.body);
  return response.body;
}

/** Parses JSON first (a large JSON document takes the YAML parser seconds), YAML otherwise. */
function parseText(source: string, text: string, options: LoadOptions): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<'))
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} is an HTML page, not an OpenAPI document (a web UI or login page answers there); point ${settingOf(options)} at the JSON or YAML document.`,
    );
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: YAML is a superset, and its parser names the spot.
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} is not valid JSON or YAML (${(error as Error).message.split('\n')[0]}); fix it or check ${settingOf(options)}.`,
    );
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document as OpenAPI 3.0/3.1: Swagger 2.0 converted, anything else refused naming what was found. */
async function asOpenApi(source: string, data: unknown, options: LoadOptions) {
  const found = isObject(data) ? (data.openapi ?? data.swagger) : undefined;
  if (isObject(data) && data.swagger === '2.0') {
    const converted = await convertSwagger2(data, source, settingOf(options));
    return { data: converted, openapi: '3.0' as const, convertedFrom: '2.0' as const };
  }
  if (isObject(data) && typeof data.openapi === 'string' && /^3\.[01]\.\d+/.test(data.openapi))
    return { data, openapi: data.openapi.startsWith('3.0') ? ('3.0' as const) : ('3.1' as const) };
  const what =
    found !== undefined
      ? `version ${JSON.stringify(found)}, the suite reads OpenAPI 3.0, 3.1 and Swagger 2.0`
      : isObject(data)
        ? `no openapi or swagger field; top-level keys: ${Object.keys(data).slice(0, 5).join(', ') || 'none'}`
        : `a ${Array.isArray(data) ? 'list' : typeof data}, not an object`;
  throw new SetupError(
    'SPEC_UNREADABLE',
    `Spec ${source} is not an OpenAPI document (${what}); point ${settingOf(options)} at the API's OpenAPI document.`,
  );
}

/** Refuses a document whose internal references lead nowhere, naming the first and where it sits. */
function assertRefsResolve(source: string, doc: OpenApiDoc): void {
  const broken = brokenRefs(doc);
  const [first] = broken;
  if (!first) return;
  const more = broken.length > 1 ? ` (and ${broken.length - 1} more)` : '';
  throw new SetupError(
    'SPEC_UNREADABLE',
    `Spec ${source}: $ref ${first.ref} at ${first.at} does not resolve${more}; fix that reference in the document.`,
  );
}

/** Loads an OpenAPI 3.0/3.1 or Swagger 2.0 document from a file path or URL; YAML or JSON; external refs bundled. */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<SpecDocument> {
  const text = await readSource(source, options);
  const { data, openapi, convertedFrom } = await asOpenApi(source, parseText(source, text, options), options);
  const origin = convertedFrom ? { convertedFrom } : {};
  if (!hasExternalRefs(data)) {
    // Nothing to bundle: the parser's pass costs seconds on large documents and would change nothing.
    const doc = data as OpenApiDoc;
    assertRefsResolve(source, doc);
    return { source, openapi, ...origin, doc, resolve: (ref) => refTarget(doc, ref) };
  }
  const parser = new SwaggerParser();
  let doc: OpenApiDoc;
  try {
    // The library resolves and bundles external refs; remote ones stay off so a run reaches only its target.
    doc = (await parser.bundle(isUrl(source) ? source : resolvePath(source), data as never, {
      resolve: { http: false },
    })) as unknown as OpenApiDoc;
  } catch (error) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} has unresolvable references (${(error as Error).message.split('\n')[0]}); fix them in the document.`,
    );
  }
  assertRefsResolve(source, doc);
  return { source, openapi, ...origin, doc, resolve: (ref: string) => parser.$refs.get(ref) };
}
