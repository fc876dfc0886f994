import type { RecordedRequest } from '../core/exchange.ts';

/** Single-quotes a shell word; `$NAME` of a known secret variable stays outside the quotes so the shell expands it. */
export function shellWord(value: string, variables: readonly string[]): string {
  if (variables.length === 0) return `'${value.replace(/'/g, `'\\''`)}'`;
  const pattern = new RegExp(
    `\\$(${variables.map((v) => v.replace(/[^A-Za-z0-9_]/g, '')).join('|')})(?![A-Za-z0-9_])`,
    'g',
  );
  const parts: string[] = [];
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(`'${value.slice(last, index).replace(/'/g, `'\\''`)}'`);
    parts.push(`"$${match[1]}"`);
    last = index + match[0].length;
  }
  if (last < value.length || parts.length === 0) parts.push(`'${value.slice(last).replace(/'/g, `'\\''`)}'`);
  return parts.join('');
}

/**
 * A curl command that repeats a recorded request. The record is redacted, so credentials read `$PULUMI_ACCESS_TOKEN`
 * and the command takes them from the environment of whoever runs it.
 */
export function curlOf(request: RecordedRequest, variables: readonly string[]): string {
  const lines = [`curl -sS -i -X ${request.method} ${shellWord(request.url, variables)}`];
  for (const [name, value] of Object.entries(request.headers))
    lines.push(`-H ${shellWord(`${name}: ${value}`, variables)}`);
  if (request.body !== undefined) lines.push(`--data-raw ${shellWord(request.body, variables)}`);
  return lines.join(' \\\n  ');
}
