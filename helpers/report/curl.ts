import type { RecordedRequest } from '../core/exchange.ts';
import { REDACTION_MARK } from '../core/redaction-mark.ts';

/** The environment variable a curl command reads a learned secret from: `refreshToken` → `REFRESH_TOKEN`. */
export const learnedVariable = (label: string): string =>
  label
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase() || 'SECRET';

const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Single-quotes a shell word. Where a secret stood, the word reads an environment variable instead: `$NAME` of a
 * configured secret stays `"$NAME"`, and a secret the run learned (`[redacted:password]`) becomes `"$PASSWORD"`,
 * so the command sends the value of whoever runs it, never the mark itself.
 */
export function shellWord(value: string, variables: readonly string[]): string {
  const names = variables.map((v) => v.replace(/[^A-Za-z0-9_]/g, '')).filter(Boolean);
  const configured = names.length > 0 ? `\\$(${names.join('|')})(?![A-Za-z0-9_])|` : '';
  const pattern = new RegExp(`${configured}${REDACTION_MARK.source}`, 'g');
  // Group 1 is a configured name when there are any, and the learned label is always the last group.
  const parts: string[] = [];
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(quoted(value.slice(last, index)));
    const name = configured ? match[1] : undefined;
    parts.push(`"$${name ?? learnedVariable(match.at(-1) ?? '')}"`);
    last = index + match[0].length;
  }
  if (last < value.length || parts.length === 0) parts.push(quoted(value.slice(last)));
  return parts.join('');
}

/** The variables a request needs for secrets the run learned, in order of appearance, each once. */
function learnedVariables(request: RecordedRequest): string[] {
  const text = [request.url, ...Object.values(request.headers), request.body ?? ''].join('\n');
  return [...new Set([...text.matchAll(REDACTION_MARK)].map((m) => learnedVariable(m[1] ?? '')))];
}

/**
 * A curl command that repeats a recorded request. The record is redacted, so credentials read
 * `"$PULUMI_ACCESS_TOKEN"` and the command takes them from the environment of whoever runs it; a secret the API
 * handed out during the run reads a variable too, named on a comment line above the command.
 */
export function curlOf(request: RecordedRequest, variables: readonly string[]): string {
  const lines = [`curl -sS -i -X ${request.method} ${shellWord(request.url, variables)}`];
  for (const [name, value] of Object.entries(request.headers))
    lines.push(`-H ${shellWord(`${name}: ${value}`, variables)}`);
  if (request.body !== undefined) lines.push(`--data-raw ${shellWord(request.body, variables)}`);
  const learned = learnedVariables(request);
  const note =
    learned.length > 0
      ? `# set ${learned.join(', ')} first: the run's value${learned.length > 1 ? 's are' : ' is'} never recorded\n`
      : '';
  return `${note}${lines.join(' \\\n  ')}`;
}
