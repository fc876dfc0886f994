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
