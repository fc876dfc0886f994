/** A secret and the environment variable that names it in reports. */
export interface Secret {
  readonly value: string;
  readonly name: string;
}

/** Replaces known secret values in text; it also learns secrets the API hands out during a run. */
export interface Redactor {
  (text: string): string;
  /** Adds a secret seen at run time (a token in a response body), shown as `[redacted:label]`. */
  readonly learn: (value: string, label: string) => void;
}

/** Field names whose values are secrets wherever they appear in a JSON body. */
const SECRET_FIELD = /(token|secret|password|apikey|api_key|credential|privatekey)$/i;

/** Builds a redactor for a run's secrets; longest first so a secret inside another is not half-replaced. */
export function createRedactor(secrets: readonly Secret[]): Redactor {
  const known: { value: string; shown: string }[] = [];
  const add = (value: string, shown: string) => {
    if (value.length < 6 || known.some((k) => k.value === value)) return;
    known.push({ value, shown });
    known.sort((a, b) => b.value.length - a.value.length);
  };
  for (const s of secrets) add(s.value, `$${s.name}`);
  const redact = (text: string) => {
    let out = text;
    for (const { value, shown } of known) {
      if (out.includes(value)) out = out.split(value).join(shown);
      const encoded = encodeURIComponent(value);
      if (encoded !== value && out.includes(encoded)) out = out.split(encoded).join(shown);
    }
    return out;
  };
  return Object.assign(redact, {
    // A handed-out secret looks random; a plain word (`string`, `public`) under a token-like key is a placeholder,
    // and replacing it everywhere would rewrite unrelated fields (`vector_string`) that checks then judge.
    learn: (value: string, label: string) => {
      if (!/^[a-z]{1,16}$/i.test(value)) add(value, `[redacted:${label}]`);
    },
  });
}

/** Teaches the redactor every string under a secret-looking key of a JSON value (tokens the API hands out). */
export function learnSecrets(value: unknown, redactor: Redactor, depth = 0): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && SECRET_FIELD.test(key)) redactor.learn(inner, key);
    else learnSecrets(inner, redactor, depth + 1);
  }
}

/** Redacts every value of a header record. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  redact: (text: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(v)]));
}
