import { describe, expect, it } from 'vitest';
import { learnFromBody, learnFromHeaders, learnFromUrls } from './learn-secrets.ts';
import { createRedactor } from './redact.ts';
import { describesSecret, isSecretName } from './secret-names.ts';

describe('secret field names, judged on the whole name', () => {
  it.each([
    // Secrets APIs hand out, by the names real APIs give them.
    ['tokenValue', true],
    ['token', true],
    ['accessToken', true],
    ['refresh_token', true],
    ['id_token', true],
    ['sessionToken', true],
    ['secretAccessKey', true],
    ['encryptedKey', true],
    ['secretCiphertext', true],
    ['clientSecret', true],
    ['client_secret', true],
    ['webhookSecret', true],
    ['private_key', true],
    ['privateKey', true],
    ['sshPrivateKey', true],
    ['apiKey', true],
    ['api_key', true],
    ['APIKey', true],
    ['x-api-key', true],
    ['password', true],
    ['existingPassword', true],
    ['password_confirmation', true],
    ['passphrase', true],
    ['credentials', true],
    ['secret', true],
    ['authorization', true],
    ['basicAuth', true],
    ['x-amz-security-token', true],
    // Names about a secret, or that only contain the word: not secrets.
    ['tokenCount', false],
    ['tokenId', false],
    ['tokenName', false],
    ['tokenType', false],
    ['token_type', false],
    ['tokenLifetime', false],
    ['tokenInfo', false],
    ['continuationToken', false],
    ['nextPageToken', false],
    ['nextToken', false],
    ['typeToken', false],
    ['secretName', false],
    ['secretsProvider', false],
    ['secretRotationRequest', false],
    ['hasSecret', false],
    ['regenerateWebhookSecret', false],
    ['passwordPolicy', false],
    ['passwordExpiresAt', false],
    ['accessKeyId', false],
    ['privateKeyId', false],
    ['publicKey', false],
    ['workspaceKey', false],
    ['keyArn', false],
    ['authProvider', false],
    ['authorizationUrl', false],
    // GitHub's permission levels ("secrets": "write") are settings about secrets, not secrets.
    ['tokens', false],
    ['secrets', false],
    ['organization_secrets', false],
    ['dependabot_secrets', false],
    ['organization_personal_access_tokens', false],
    ['description', false],
    ['www-authenticate', false],
  ])('%s → %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe('schema descriptions that say a value is a secret', () => {
  // Most are from Pulumi's published spec; only the ones that describe the secret itself count.
  it.each([
    ['AWS Secret Access Key', true],
    ['AWS Session Token (for temporary credentials)', true],
    ['HMAC secret for webhook signature verification. Only returned on integration creation', true],
    ['The password for authenticating with the Docker registry.', true],
    ['An optional password or passphrase for the SSH private key.', true],
    ['The SSH private key used for authentication.', true],
    ['The secret value in plaintext.', true],
    ['The secret name', false],
    ['The secret rotation request', false],
    ['The unique identifier for this secret rotation.', false],
    ['The value of the environment variable. Empty or omitted if the variable is secret.', false],
    ['Whether the environment variable contains a secret value.', false],
    ['TokenLifetime is the lifetime of the temporary credentials.', false],
    [
      "The Pulumi type token identifying this resource or function (e.g. 'random:index/randomPassword')",
      false,
    ],
    ['ID of the access token used to authenticate, if applicable.', false],
    ['The scope of the access token.', false],
    ['Encrypted Pulumi access token for authorization.', true],
    ['The refresh token, if issued.', true],
    ['Secret is true if this value is a secret and false otherwise.', true],
    ['A recovery passphrase', true],
  ])('%s → %s', (description, secret) => {
    expect(describesSecret(description)).toBe(secret);
  });
});

describe('the redactor', () => {
  const redactorWith = (fields: string[] = []) =>
    createRedactor([{ value: 'pul-configured-000000', name: 'PULUMI_ACCESS_TOKEN' }], { fields });

  it.each([
    [
      'a token the API hands out, in its JSON body and wherever it shows up later',
      '{"id":"tok-1","tokenValue":"pul-abc123def456"}',
      'application/json',
      ['pul-abc123def456'],
      '{"id":"tok-1","tokenValue":"[redacted:tokenValue]"}',
    ],
    [
      'cloud credentials in a nested object',
      '{"aws":{"accessKeyId":"AKIAEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG","sessionToken":"FQoGZXIvYXdzEXAMPLE"}}',
      'application/json',
      ['wJalrXUtnFEMI/K7MDENG', 'FQoGZXIvYXdzEXAMPLE'],
      '{"aws":{"accessKeyId":"AKIAEXAMPLE","secretAccessKey":"[redacted:secretAccessKey]","sessionToken":"[redacted:sessionToken]"}}',
    ],
    [
      'a PEM key under private_key, JSON-escaped in the body',
      '{"private_key":"-----BEGIN KEY-----\\nMIIEvQIBADANBg\\n-----END KEY-----"}',
      'application/json',
      ['-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----'],
      '{"private_key":"[redacted:private_key]"}',
    ],
    [
      'numbers, flags and cursors under secret-looking names stay',
      '{"tokenCount":12345678,"secret":true,"continuationToken":"page-000002","tokenId":"tok-000001"}',
      'application/json',
      [],
      '{"tokenCount":12345678,"secret":true,"continuationToken":"page-000002","tokenId":"tok-000001"}',
    ],
    [
      'a list of tokens, recognised by its singular; a permission level under a plural stays',
      '{"tokens":["tok-list-000111","tok-list-000222"],"permissions":{"secrets":"write"}}',
      'application/json',
      ['tok-list-000111', 'tok-list-000222'],
      '{"tokens":["[redacted:tokens]","[redacted:tokens]"],"permissions":{"secrets":"write"}}',
    ],
    [
      'a short password, replaced only where it stands as one',
      '{"user":"cat","password":"cat"}',
      'application/json',
      [],
      '{"user":"cat","password":"[redacted:password]"}',
    ],
    [
      'a secret in a YAML body',
      'values:\n  db:\n    password: hunter22\n',
      'application/x-yaml',
      ['hunter22'],
      'values:\n  db:\n    password: [redacted:password]\n',
    ],
    [
      'a secret in a form body',
      'grant_type=client_credentials&client_secret=s3cr3t-form-value',
      'application/x-www-form-urlencoded',
      ['s3cr3t-form-value'],
      'grant_type=client_credentials&client_secret=[redacted:client_secret]',
    ],
    [
      'a credential in a URL inside a body',
      '{"next":"https://api.example/v1/x?limit=2&access_token=tok-in-url-123"}',
      'application/json',
      ['tok-in-url-123'],
      '{"next":"https://api.example/v1/x?limit=2&access_token=[redacted:access_token]"}',
    ],
    [
      'a configured credential, shown as its variable',
      'Authorization: token pul-configured-000000',
      'text/plain',
      ['pul-configured-000000'],
      'Authorization: token $PULUMI_ACCESS_TOKEN',
    ],
  ])('%s', (_name, body, contentType, secrets, redacted) => {
    const redact = redactorWith();
    learnFromBody(body, contentType, redact);
    const out = redact(body);
    expect(out).toBe(redacted);
    for (const s of secrets) {
      expect(out).not.toContain(s);
      expect(redact(`later: ${s} and ${encodeURIComponent(s)}`)).not.toContain(s);
    }
  });

  it('redacts fields the spec marks as secret, whatever their name', () => {
    const redact = redactorWith(['recoveryCode']);
    learnFromBody('{"recoveryCode":"rc-77aa88bb"}', 'application/json', redact);
    expect(redact('{"recoveryCode":"rc-77aa88bb"}')).toBe('{"recoveryCode":"[redacted:recoveryCode]"}');
  });

  it('redacts cookies and credential headers an answer sets, and URLs with credentials in headers', () => {
    const redact = redactorWith();
    const headers = {
      'set-cookie':
        'session=sess-9f8e7d6c; Path=/; HttpOnly, csrf=csrf-1a2b3c4d; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
      'x-api-key': 'key-returned-4242',
      location: 'https://user:pw-in-userinfo@files.example/x?X-Amz-Signature=abcdef123456&X-Amz-Expires=60',
      'content-type': 'application/json',
    };
    learnFromHeaders(headers, redact);
    const out = JSON.stringify(headers).split('').join('');
    const redacted = redact(out);
    for (const s of ['sess-9f8e7d6c', 'csrf-1a2b3c4d', 'key-returned-4242', 'pw-in-userinfo', 'abcdef123456'])
      expect(redacted).not.toContain(s);
    expect(redacted).toContain('X-Amz-Expires=60');
    expect(redacted).toContain('Path=/');
  });

  it('redacts query credentials in a request URL', () => {
    const redact = redactorWith();
    const url = 'https://api.example/v1/items?api_key=qk-0011223344&limit=5';
    learnFromUrls(url, redact);
    expect(redact(url)).toBe('https://api.example/v1/items?api_key=[redacted:api_key]&limit=5');
  });
});
