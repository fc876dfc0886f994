import { parse as parseYaml } from 'yaml';
import { tryParseJson } from './json.ts';
import type { Redactor } from './redact.ts';
import { isSecretName } from './secret-names.ts';

/** Query parameters that carry credentials in signed URLs besides the secret-looking names. */
const SIGNED_URL_PARAMS = new Set([
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-goog-signature',
]);

/** Teaches the redactor every string under a secret field of a parsed body (a JSON or YAML value). */
export function learnSecrets(value: unknown, redactor: Redactor, depth = 0): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    // Only strings: a number or a flag under a secret-looking name (`tokenCount: 3`, `secret: true`) is not one.
    if (typeof inner === 'string' && redactor.isSecretField(key)) redactor.learn(inner, key);
    else if (
      Array.isArray(inner) &&
      (redactor.isSecretField(key) || redactor.isSecretField(key.replace(/s$/, '')))
    )
      for (const item of inner) {
        if (typeof item === 'string') redactor.learn(item, key);
        else learnSecrets(item, redactor, depth + 1);
      }
    else learnSecrets(inner, redactor, depth + 1);
  }
}

/** Learns credentials in URLs anywhere in a text: `user:password@` and secret query parameters (`?access_token=`). */
export function learnFromUrls(text: string, redactor: Redactor): void {
  if (!text.includes('://') && !text.includes('?') && !text.includes('&')) return;
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s/@:"'<>]+:([^\s/@"'<>]+)@/gi))
    if (m[1]) redactor.learn(decode(m[1]), 'password');
  for (const m of text.matchAll(/[?&;]([\w.-]+)=([^&#\s"'<>;]+)/g)) {
    const [, name = '', value = ''] = m;
    if (isSecretName(name) || SIGNED_URL_PARAMS.has(name.toLowerCase())) redactor.learn(decode(value), name);
  }
}

const decode = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** Learns the secrets of a body, by its media type: JSON (also when unlabelled), YAML, or a form. */
export function learnFromBody(
  body: string | undefined,
  contentType: string | undefined,
  redactor: Redactor,
): void {
  if (!body) return;
  const type = (contentType ?? '').toLowerCase();
  const json = tryParseJson(body);
  if (json !== undefined) learnSecrets(json, redactor);
  else if (type.includes('yaml')) learnSecrets(tryParseYaml(body), redactor);
  else if (type.includes('x-www-form-urlencoded'))
    for (const [name, value] of new URLSearchParams(body))
      if (redactor.isSecretField(name)) redactor.learn(value, name);
  learnFromUrls(body, redactor);
}

function tryParseYaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}

/** Learns the secrets a response's headers hand out: cookies, and headers named like a credential. */
export function learnFromHeaders(headers: Readonly<Record<string, string>>, redactor: Redactor): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie')
      // undici joins several Set-Cookie headers with ", "; a cookie's own attributes follow its first ";".
      for (const cookie of value.split(/,\s*(?=[^;,=\s]+=)/)) {
        const [pair = ''] = cookie.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) redactor.learn(pair.slice(eq + 1).trim(), `cookie ${pair.slice(0, eq).trim()}`);
      }
    else if (isSecretName(lower)) {
      // `Authorization: Bearer abc` → abc; a bare value as it is.
      const parts = value.trim().split(/\s+/);
      redactor.learn(parts.length === 2 ? (parts[1] ?? '') : value.trim(), lower);
    } else learnFromUrls(value, redactor);
  }
}
