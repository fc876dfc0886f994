/**
 * Words that name a secret on their own: a field, header or query parameter ending in one holds a secret. Plurals
 * are not among them: a string under `secrets` or `tokens` is a setting about them (GitHub's permission levels),
 * while a list of secrets is recognised by its singular (see `learnSecrets`).
 */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'credential',
  'credentials',
  'ciphertext',
  'apikey',
  'authorization',
  'auth',
  'cookie',
  'privatekey',
]);

/** Words that make the `key` after them a secret: `apiKey`, `secretAccessKey`, `private_key`, `encryptedKey`. */
const KEY_KINDS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'encrypted',
  'encryption',
  'client',
  'session',
  'master',
  'shared',
  'hmac',
  'license',
]);

/** Words that may follow the secret word and still name the secret itself: `tokenValue`, `password_confirmation`. */
const VALUE_WORDS = new Set([
  'value',
  'values',
  'string',
  'plaintext',
  'plain',
  'text',
  'hash',
  'hashed',
  'data',
  'base64',
  'b64',
  'raw',
  'pem',
  'bytes',
  'material',
  'encrypted',
  'ciphertext',
  'confirm',
  'confirmation',
  'repeat',
  'again',
  'old',
  'new',
  'current',
]);

/** Words before `token` that make it a paging cursor or a type name, not a credential: `continuationToken`. */
const NOT_CREDENTIAL_TOKENS = new Set([
  'continuation',
  'next',
  'prev',
  'previous',
  'page',
  'paging',
  'pagination',
  'cursor',
  'sync',
  'resume',
  'type',
]);

/** First words that make a name a question about a secret, not the secret: `hasSecret`, `regenerateWebhookSecret`. */
const ABOUT = new Set([
  'has',
  'is',
  'use',
  'uses',
  'should',
  'can',
  'needs',
  'requires',
  'allow',
  'enable',
  'regenerate',
  'rotate',
]);

/** A name split into lower-case words: `secretAccessKey`, `private_key`, `X-Api-Key` → secret access key … */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The index of the word that makes the name a secret (`token`, the `key` of `apiKey`), or -1. */
function secretWordAt(words: readonly string[]): number {
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    if (SECRET_WORDS.has(word)) {
      if (word === 'token' && NOT_CREDENTIAL_TOKENS.has(words[i - 1] ?? '')) return -1;
      return i;
    }
    if (word === 'key' && KEY_KINDS.has(words[i - 1] ?? '')) return i;
  }
  return -1;
}

/**
 * Whether a field, header or query parameter name holds a secret, judged on the whole name: the name's last
 * secret word (`token`, `secret`, `password`, `apiKey`, `private key`, …) may be followed only by words that
 * still name the value (`tokenValue`), never by words that describe it (`tokenCount`, `secretName`, `tokenId`,
 * `passwordExpiresAt`); a `token` after `continuation`, `next`, `page` or `type` is a cursor or a name.
 */
export function isSecretName(name: string): boolean {
  const known = judgedNames.get(name);
  if (known !== undefined) return known;
  const secret = judgeName(name);
  // Names repeat across a run (every response's headers and fields); the memory stays bounded for arbitrary ones.
  if (judgedNames.size >= 10_000) judgedNames.clear();
  judgedNames.set(name, secret);
  return secret;
}

const judgedNames = new Map<string, boolean>();

function judgeName(name: string): boolean {
  const words = wordsOf(name);
  if (ABOUT.has(words[0] ?? '')) return false;
  const at = secretWordAt(words);
  return at >= 0 && words.slice(at + 1).every((w) => VALUE_WORDS.has(w));
}

const SECRET_PHRASE =
  /^(?:the |an? )?(?:(?!(?:of|for|to|from|by|with|in|on|about|if|is|when|whether) )[\w-]+ ){0,3}?(?:secret access key|private key|api key|access key|session token|access token|refresh token|bearer token|client secret|secret|password|passphrase|ciphertext)(?: value)?(?=[.,;:]|\s*\(|\s+(?:for|of|used|to|that|which|in|is|from|with|or|and)\b|\s*$)/i;

/**
 * Whether a schema description says the value is a secret: it opens with the secret itself ("The password for…",
 * "HMAC secret for webhook signature verification", "AWS Secret Access Key"), not with something about one
 * ("The secret name", "ID of the access token", "The unique identifier for this secret rotation").
 */
export function describesSecret(description: string): boolean {
  return SECRET_PHRASE.test(description.trim());
}
