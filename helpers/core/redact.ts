/** A secret and the environment variable that names it in reports. */
export interface Secret {
  readonly value: string;
  readonly name: string;
}

/** Replaces secret values in text by `$NAME`; identity for text without secrets. */
export type Redactor = (text: string) => string;

/** Builds a redactor for a run's secrets; longest first so a secret inside another is not half-replaced. */
export function createRedactor(secrets: readonly Secret[]): Redactor {
  const usable = secrets.filter((s) => s.value.length >= 4).sort((a, b) => b.value.length - a.value.length);
  if (usable.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const { value, name } of usable) {
      if (out.includes(value)) out = out.split(value).join(`$${name}`);
      const encoded = encodeURIComponent(value);
      if (encoded !== value && out.includes(encoded)) out = out.split(encoded).join(`$${name}`);
    }
    return out;
  };
}

/** Redacts every value of a header record. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  redact: Redactor,
): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(v)]));
}
