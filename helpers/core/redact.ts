import { isSecretName } from './secret-names.ts';

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
  /** Whether a field of that name holds a secret: by the whole name, or because the spec says so. */
  readonly isSecretField: (name: string) => boolean;
}

/** What a redactor knows beyond the configured secrets. */
export interface RedactorOptions {
  /** Field names the spec marks as secret (`format: password`, `writeOnly`, a description that says so). */
  readonly fields?: Iterable<string>;
}

/**
 * Values shorter than this are replaced only where they stand under their secret field (`"pin":"4711"`), never
 * everywhere: replacing a short word throughout a report would garble it without protecting anything.
 */
const MIN_GLOBAL = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a redactor for a run's secrets; longest first so a secret inside another is not half-replaced. */
export function createRedactor(secrets: readonly Secret[], options: RedactorOptions = {}): Redactor {
  const fields = new Set(options.fields ?? []);
  // Each secret with the forms it takes in a URL and in a JSON string, worked out once: every text of a run
  // (each request and response, their headers) goes through here.
  const known: { value: string; forms: readonly string[]; shown: string }[] = [];
  const local: { pattern: RegExp; shown: string }[] = [];
  const add = (value: string, shown: string) => {
    if (known.some((k) => k.value === value)) return;
    const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
    known.push({ value, forms: [...forms], shown });
    known.sort((a, b) => b.value.length - a.value.length);
  };
  for (const s of secrets) if (s.value.length >= MIN_GLOBAL) add(s.value, `$${s.name}`);
  const redact = (text: string) => {
    let out = text;
    for (const { forms, shown } of known)
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(shown);
    for (const { pattern, shown } of local)
      out = out.replace(pattern, (_m, before: string) => `${before}${shown}`);
    return out;
  };
  return Object.assign(redact, {
    learn: (value: string, label: string) => {
      if (value.trim() === '') return;
      const shown = `[redacted:${label}]`;
      // A handed-out secret looks random; a plain word (`string`, `public`) under a token-like key is likely a
      // placeholder, and replacing it everywhere would rewrite unrelated fields (`vector_string`) that checks then
      // judge: like a short value, it is replaced only where it stands under its field.
      if (value.length >= MIN_GLOBAL && !/^[a-z]{1,16}$/i.test(value)) return add(value, shown);
      const v = escapeRegExp(value);
      const name = escapeRegExp(label);
      // As a JSON member, a query or form parameter, or a YAML mapping entry.
      const pattern = new RegExp(
        `("${name}"\\s*:\\s*"|[?&;]${name}=|^\\s*${name}:\\s*)${v}(?=["&;#\\s]|$)`,
        'gm',
      );
      if (!local.some((l) => l.pattern.source === pattern.source)) local.push({ pattern, shown });
    },
    isSecretField: (name: string) => fields.has(name) || isSecretName(name),
  });
}

/** Whether a recorded value holds a redaction placeholder (`[redacted:field]`, `$VARIABLE`) instead of a secret. */
export const isRedacted = (value: unknown): boolean =>
  typeof value === 'string' && /\[redacted:[^\]]*\]|\$[A-Z][A-Z0-9_]*\b/.test(value);

/** Redacts every value of a header record. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  redact: (text: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(v)]));
}
