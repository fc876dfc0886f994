/** Parses JSON text; on failure, the parser's complaint in one line. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0] ?? 'invalid JSON' };
  }
}

/** The value of JSON text, or undefined when there is none or it is not JSON. */
export function tryParseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Reads a JSON pointer (`/a/0/b`, `~0` and `~1` escapes) from a value; undefined where the path leads nowhere. */
export function atPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
