import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ParseOptions, parse } from 'yaml';

const DIR = resolve('.cache/yaml');

/**
 * YAML parsed as the `yaml` package parses it, its result kept on disk as JSON by the text's hash: every run
 * reads the same profiles and mock specs, and parsing 30 KB of YAML costs a fresh process 100–200 ms of
 * start-up where reading JSON costs one. Written here because the parser has no such cache; it does the parsing.
 */
export function parseYamlCached(
  text: string,
  options: ParseOptions & { maxAliasCount?: number } = {},
): unknown {
  const key = createHash('sha1').update(JSON.stringify(options)).update(text).digest('hex');
  const file = join(DIR, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not parsed before (or the cache is unreadable): parse, then keep the result for the next run.
  }
  const data: unknown = parse(text, options);
  // Only what JSON holds as it is: an empty document (undefined) is parsed every time.
  if (data === undefined) return data;
  try {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(data));
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // A read-only checkout only parses every time.
  }
  return data;
}
