import { describe, expect, it } from 'vitest';
import { createRedactor, learnSecrets } from './redact.ts';

describe('secrets learned from bodies', () => {
  it('redacts a handed-out token but not a plain word under a token-like key', () => {
    const redact = createRedactor([]);
    learnSecrets({ accessToken: 'pul-3f9a0c2e71b4', temp_clone_token: 'string' }, redact);
    expect(redact('{"accessToken":"pul-3f9a0c2e71b4","vector_string":"string"}')).toBe(
      '{"accessToken":"[redacted:accessToken]","vector_string":"string"}',
    );
  });
});
