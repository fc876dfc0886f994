import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../helpers/checks/index.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';

/** Runs the main-job command as a user would, with its own environment (no .env of the developer's). */
function conformance(env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, ['helpers/cli/launch.mjs', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CONFORMANCE_TARGETS: 'pulumi',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const scratch = mkdtempSync(join(tmpdir(), 'cli-'));
/** A file in the scratch directory, written now. */
const file = (name: string, text: string) => {
  writeFileSync(join(scratch, name), text);
  return join(scratch, name);
};
let baselines = 0;
const baseline = (entry: string) =>
  file(`baseline-${++baselines}.yaml`, `- { ${entry}, reason: r, expires: '2999-01-01' }\n`);

describe('npm run conformance', () => {
  it('runs the Pulumi profile against the embedded mock and writes one JUnit testcase per operation × check', () => {
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const { code, out } = conformance({ REPORTS_DIR: reports });
    expect(out).toContain('Conformance run: pulumi: embedded mock');
    expect(code).toBe(0);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase classname="pulumi\./g)).toHaveLength(31 * Object.keys(CHECKS).length);
    expect(junit).toContain('cloudpirates is not selected by CONFORMANCE_TARGETS');
    expect(junit).toContain(
      'classname="pulumi.Stacks.GetStack" name="schema (GET /api/stacks/{orgName}/{projectName}/{stackName})"',
    );
  });

  it.each([
    [
      'a missing token',
      { PULUMI_API_URL: 'http://127.0.0.1:1' },
      2,
      /^error: PULUMI_ACCESS_TOKEN is not set: the pulumi profile needs it/m,
    ],
    [
      'a malformed value',
      { CONCURRENCY: 'lots' },
      2,
      /^error: CONCURRENCY=lots is not a whole number from 1 to 64/m,
    ],
    [
      'a malformed profile',
      { CONFORMANCE_PROFILE: 'package.json' },
      2,
      /^error: Profile package.json is malformed: \/: must have required property 'spec'/m,
    ],
    [
      'an unknown check',
      { CONFORMANCE_CHECKS: 'auth,speed' },
      2,
      /^error: CONFORMANCE_CHECKS names unknown checks: speed/m,
    ],
    [
      'a MOCK_FAULTS entry without its mock',
      { MOCK_FAULTS: 'wrong-type' },
      2,
      /^error: MOCK_FAULTS entry "wrong-type" names no embedded mock; write <mock>:<fault>, e.g. pulumi:wrong-type/m,
    ],
    [
      'an unknown mock fault',
      { MOCK_FAULTS: 'pulumi:wrong-tpye' },
      2,
      /^error: MOCK_FAULTS names an unknown pulumi mock fault "wrong-tpye"; known: accepts-no-credentials/m,
    ],
    [
      'a baseline entry naming an unknown check',
      { CONFORMANCE_BASELINE: baseline('operation: Capabilities, check: stauts') },
      2,
      /^error: Baseline \S+ entry 1: check "stauts" is not a check/m,
    ],
    [
      'a baseline entry naming an unknown operation',
      { CONFORMANCE_BASELINE: baseline('api: pulumi, operation: GetCapabilities, check: status') },
      2,
      /^error: Baseline \S+ entry 1: operation "GetCapabilities" is not an operation of pulumi/m,
    ],
    [
      'an unreachable base URL',
      { PULUMI_API_URL: 'http://127.0.0.1:1', PULUMI_ACCESS_TOKEN: 'pul-secret-abcdef' },
      3,
      /^error: http:\/\/127.0.0.1:1 does not answer \(ECONNREFUSED\)/m,
    ],
  ])('stops on %s with a one-line error and its exit code', (_, env, exitCode, message) => {
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const { code, out } = conformance({ ...env, REPORTS_DIR: reports });
    expect(out).toMatch(message);
    expect(
      out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('error:')),
    ).toHaveLength(1);
    expect(out).not.toContain('pul-secret-abcdef');
    expect(code).toBe(exitCode);
    // Reports are written on every run; this one says it is incomplete, and why.
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      complete: false,
      endReason: 'setup-error',
      errors: [expect.stringMatching(message.source.replace(/^\^error: /, '').replace(/\$$/, ''))],
    });
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('<failure message=');
  });
});

describe('errors found after start-up', () => {
  it('stops on a REPORTS_DIR that is a file with a one-line error and exit 2, leaving the file alone', () => {
    const reports = file('reports-is-a-file', 'keep me');
    const { code, out } = conformance({ REPORTS_DIR: reports });
    expect(out.trim()).toBe(
      `error: REPORTS_DIR=${reports} is a file, not a directory; point REPORTS_DIR at a directory (it is created if missing).`,
    );
    expect(code).toBe(2);
    expect(readFileSync(reports, 'utf8')).toBe('keep me');
  });

  it('ends a setup error raised while vitest collects a suite as exit 2 with one line, no stack, reports incomplete', () => {
    // No base URL: it comes from the spec's servers, so the missing spec shows only when the suite loads it.
    const profile = file(
      'missing-spec.yaml',
      'name: missing\nspec: { path: ./nope.yaml }\ncredential: { header: X-Key, env: MISSING_KEY }\n',
    );
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const { code, out } = conformance({
      CONFORMANCE_TARGETS: 'none',
      CONFORMANCE_PROFILE: profile,
      MISSING_KEY: 'k',
      REPORTS_DIR: reports,
    });
    const errors = out.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: Cannot read spec file \S+nope\.yaml \(ENOENT\); check .+\.$/);
    expect(out).not.toMatch(/^\s+(at |❯ )|\|\s+\^/m);
    expect(code).toBe(2);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    expect(summary.complete).toBe(false);
    expect(summary.errors.join('\n')).toContain('Cannot read spec file');
  });
});

describe('npm run conformance -- --help', () => {
  it('prints the usage the README states and exits 0, running nothing', () => {
    const reports = join(scratch, 'help-reports');
    const { code, out } = conformance({ REPORTS_DIR: reports }, ['--help']);
    expect(code).toBe(0);
    const usage = out.split('\n')[0] ?? '';
    expect(usage).toMatch(/^usage: npm run conformance /);
    expect(readFileSync('README.md', 'utf8')).toContain(usage);
    expect(out).toContain('--shard=<i>/<n>');
    expect(existsSync(reports)).toBe(false);
  });
});

/** The console lines of a run, without trailing blank ones. */
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

describe('a run whose set-up fails', () => {
  it('says why in one line, without a stack trace, and writes reports marked incomplete with the reason', () => {
    const reports = mkdtempSync(join(tmpdir(), 'crash-'));
    // An embedded mock that cannot start: its fault is unknown.
    const { code, out } = conformance({ REPORTS_DIR: reports, MOCK_FAULTS: 'pulumi:no-such-fault' });
    expect(code).not.toBe(0);
    expect(out).toMatch(/^error: .*no-such-fault/m);
    expect(out).not.toMatch(/^\s+at /m);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ complete: false, errors: [expect.stringContaining('no-such-fault')] });
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toMatch(/<failure message="[^"]*no-such-fault/);
  });
});

describe('a baseline of known failures', () => {
  const run = (expires: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
    writeFileSync(
      join(dir, 'baseline.yaml'),
      `- { api: pulumi, operation: Capabilities, check: status, reason: 'PLAT-12: proxy answers 203', expires: '${expires}' }\n`,
    );
    const result = conformance({
      REPORTS_DIR: dir,
      MOCK_FAULTS: 'pulumi:undocumented-status',
      CONFORMANCE_BASELINE: join(dir, 'baseline.yaml'),
    });
    return {
      ...result,
      summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')),
      junit: readFileSync(join(dir, 'junit.xml'), 'utf8'),
    };
  };

  it('keeps a scheduled run green while the failure stays visible in the reports', () => {
    const { code, summary, junit } = run('2999-12-31');
    expect(code).toBe(0);
    expect(summary.totals.accepted).toBe(1);
    expect(
      summary.tests.find(
        (t: { operation: string; check: string }) => t.operation === 'Capabilities' && t.check === 'status',
      ),
    ).toMatchObject({ outcome: 'accepted' });
    expect(junit).toContain(
      'Known failure accepted by the baseline until 2999-12-31: PLAT-12: proxy answers 203',
    );
  });

  it('fails again once the entry has expired', () => {
    const { code, out } = run('2020-01-01');
    expect(code).toBe(1);
    expect(out).toContain('Baseline entry expired on 2020-01-01: PLAT-12: proxy answers 203');
  });
});

describe('npm run gate', () => {
  it('runs the conformance suites and the Pact verification, and fails when only the verification fails', () => {
    const reports = mkdtempSync(join(tmpdir(), 'gate-'));
    const env = { REPORTS_DIR: reports, CONFORMANCE_TARGETS: 'pulumi', CONFORMANCE_CHECKS: 'status' };
    const ok = spawnSync(process.execPath, ['helpers/cli/launch.mjs', '--gate'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(ok.status).toBe(0);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('Pulumi provider verification');
    // The renamed field breaks the contract the client relies on; the status check alone does not see it.
    const broken = spawnSync(process.execPath, ['helpers/cli/launch.mjs', '--gate'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        MOCK_FAULTS: 'pulumi:renamed-field',
      },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(broken.status).toBe(1);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
    expect(summary.totals.failed).toBe(0);
    expect(summary.otherTests.failed).toBeGreaterThan(0);
  }, 240_000);
});
