import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../helpers/checks/index.ts';
import { conformance } from './fixtures/run-cli.ts';

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
      // The accepted failure is a status one: the other checks would only repeat the run of the first test.
      CONFORMANCE_CHECKS: 'status',
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
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    expect(junit).toContain('Pulumi provider verification of the pact file');
    // Only the selected target's contract; the verifier's own test is left to npm test.
    expect(junit).not.toContain('CloudPirates');
    expect(junit).toMatch(/a broken provider \(skipped: a test of the verifier itself/);
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
