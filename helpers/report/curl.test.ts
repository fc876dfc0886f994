import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlOf, shellWord } from './curl.ts';

describe('curlOf', () => {
  it('keeps credentials as variable references and quotes everything else', () => {
    const curl = curlOf(
      {
        method: 'POST',
        url: 'https://api.pulumi.com/api/stacks/acme/web',
        headers: { Authorization: 'token $PULUMI_ACCESS_TOKEN', Accept: 'application/vnd.pulumi+8' },
        body: `{"stackName":"it's $HOME"}`,
      },
      ['PULUMI_ACCESS_TOKEN'],
    );
    expect(curl).toBe(
      [
        "curl -sS -i -X POST 'https://api.pulumi.com/api/stacks/acme/web'",
        `-H 'Authorization: token '"$PULUMI_ACCESS_TOKEN"`,
        "-H 'Accept: application/vnd.pulumi+8'",
        `--data-raw '{"stackName":"it'\\''s $HOME"}'`,
      ].join(' \\\n  '),
    );
  });

  it('produces words a shell reads back exactly, expanding only the named variable', () => {
    const word = shellWord(`a 'b' $HOME $TOKEN_X $TOKEN`, ['TOKEN']);
    const echoed = execFileSync('bash', ['-c', `printf %s ${word}`], {
      env: { TOKEN: 'secret', HOME: '/h' },
      encoding: 'utf8',
    });
    expect(echoed).toBe(`a 'b' $HOME $TOKEN_X secret`);
  });
});

describe('curlOf with secrets the run learned', () => {
  it('reads each from an environment variable named on a comment line, never sending the redaction mark', () => {
    const curl = curlOf(
      {
        method: 'POST',
        url: 'https://api.example.com/v1/auth/refresh',
        headers: { Authorization: 'ApiKey $CP_KEY' },
        body: '{"email":"a@b.c","password":"[redacted:password]","refreshToken":"[redacted:refreshToken]"}',
      },
      ['CP_KEY'],
    );
    expect(curl.split('\n')[0]).toBe(
      "# set PASSWORD, REFRESH_TOKEN first: the run's values are never recorded",
    );
    expect(curl).not.toContain('[redacted:');
    // Run as written, with curl replaced by a function that prints its arguments: the shell fills the values in.
    const printed = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${curl}`], {
      env: { CP_KEY: 'k-123', PASSWORD: 'pieces-of-eight', REFRESH_TOKEN: 'r-456' },
      encoding: 'utf8',
    });
    expect(printed).toContain('Authorization: ApiKey k-123');
    expect(printed).toContain('{"email":"a@b.c","password":"pieces-of-eight","refreshToken":"r-456"}');
  });

  it('names the variable from the field the secret stood under, also without configured secrets', () => {
    expect(shellWord('{"accessToken":"[redacted:accessToken]"}', [])).toBe(
      `'{"accessToken":"'"$ACCESS_TOKEN"'"}'`,
    );
  });
});
