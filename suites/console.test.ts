import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';
import { conformance } from './fixtures/run-cli.ts';

const linesOf = (out: string) => out.trimEnd().split('\n');
const ESC = String.fromCharCode(27);

describe('the console of npm run conformance', () => {
  it('shows a failing run in a screenful: one line per target, the failure with what was received and documented, the report paths', () => {
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const { code, out } = conformance({ REPORTS_DIR: reports, MOCK_FAULTS: 'pulumi:wrong-type' });
    expect(code).toBe(1);
    const lines = linesOf(out);
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(out).not.toContain(ESC);
    expect(
      lines.filter((l) =>
        // 31 operations × 12 checks.
        /^✗ pulumi \(embedded mock\) {2}372 checks: \d+ passed.*, 1 failed, \d+ skipped · [\d.]+ s$/.test(l),
      ),
    ).toHaveLength(1);
    expect(lines).toContain('– cloudpirates  skipped: cloudpirates is not selected by CONFORMANCE_TARGETS');
    expect(out).toContain(
      '✗ pulumi › GetStack › schema (GET /api/stacks/{orgName}/{projectName}/{stackName}): Response body violates the schema: At /version: Received: "3" / Documented: must be integer',
    );
    expect(lines.filter((l) => l.startsWith('✗ pulumi › '))).toHaveLength(1);
    // No test that passed or was skipped is listed one by one.
    expect(out).not.toMatch(/^\s*[✓↓] (auth|schema|status)\b/m);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    const t = summary.totals;
    expect(out).toMatch(
      new RegExp(
        `^Conformance: ${t.tests} checks: ${t.passed} passed .*, 1 failed, ${t.skipped} skipped · [\\d.]+ s$`,
        'm',
      ),
    );
    const tail = lines.slice(-3);
    expect(tail).toEqual([
      `Reports: ${join(reports, 'junit.xml')}`,
      `         ${join(reports, 'index.html')}`,
      `         ${join(reports, 'summary.json')}`,
    ]);
    for (const path of tail) expect(existsSync(path.replace(/^Reports:/, '').trim())).toBe(true);
  });

  it('stays within 80 lines when every operation of a 300-operation spec fails, and points to the reports for the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'many-'));
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++)
      paths[`/items${i}`] = {
        get: {
          operationId: `listItems${i}`,
          security: [{ key: [] }],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
            },
            '401': { description: 'no credential' },
          },
        },
      };
    const spec = {
      openapi: '3.0.3',
      info: { title: 'many', version: '1' },
      paths,
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    };
    writeFileSync(join(dir, 'many.json'), JSON.stringify(spec));
    writeFileSync(
      join(dir, 'profile.yaml'),
      'name: many\nspec: { path: many.json }\nbaseUrl: { env: MANY_URL }\ncredential: { header: X-Key, env: MANY_KEY, securityScheme: key }\n',
    );
    // The spec-driven mock answers everything, credentials or not: every operation fails its auth check.
    const mock = await startMockServer(createSpecDrivenMock(await loadSpec(join(dir, 'many.json'))));
    try {
      const result = await promisify(execFile)(process.execPath, ['helpers/cli/launch.mjs'], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          CONFORMANCE_TARGETS: 'none',
          CONFORMANCE_PROFILE: join(dir, 'profile.yaml'),
          CONFORMANCE_CHECKS: 'auth,status',
          MANY_URL: mock.url,
          MANY_KEY: 'many-key-123456',
          REPORTS_DIR: join(dir, 'reports'),
        },
        timeout: 120_000,
        maxBuffer: 64 << 20,
      }).then(
        () => ({ code: 0, out: '' }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
      expect(result.code).toBe(1);
      const lines = linesOf(result.out);
      expect(lines.length).toBeLessThanOrEqual(80);
      expect(lines.filter((l) => l.startsWith('✗ many › listItems'))).toHaveLength(40);
      expect(result.out).toContain('… and 260 more: index.html (outcome: failed) lists them all');
      expect(result.out).toMatch(/^Conformance: 600 checks: 300 passed, 300 failed, 0 skipped/m);
      expect(lines.at(-2)).toBe(`         ${join(dir, 'reports', 'index.html')}`);
    } finally {
      await mock.close();
    }
  });

  it.skipIf(!existsSync('/usr/bin/script'))(
    'colours only on a terminal, and not there either with NO_COLOR',
    () => {
      // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
      const onTerminal = (extra: string) =>
        spawnSync(
          '/usr/bin/script',
          ['-qec', `${extra} ${process.execPath} helpers/cli/launch.mjs`, '/dev/null'],
          {
            env: {
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? '',
              CONFORMANCE_TARGETS: 'pulumi',
              CONFORMANCE_CHECKS: 'status',
              REPORTS_DIR: mkdtempSync(join(tmpdir(), 'tty-')),
            },
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
      const coloured = onTerminal('');
      expect(coloured.status).toBe(0);
      expect(coloured.stdout).toContain('\x1b[32m✓\x1b[39m pulumi (embedded mock)');
      const plain = onTerminal('NO_COLOR=1');
      expect(plain.status).toBe(0);
      expect(plain.stdout).toContain('✓ pulumi (embedded mock)');
      // The progress line is still redrawn in place (cursor movement), but nothing is coloured.
      expect(plain.stdout).not.toMatch(new RegExp(`${ESC}\\[\\d+m`));
    },
    // Two whole runs, one after the other.
    150_000,
  );
});
