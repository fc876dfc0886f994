// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions are literal text in these files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { needs?: string; if?: string; steps: Step[]; strategy?: { matrix: { shard: number[] } } };

describe('the GitHub workflow', () => {
  const wf = parse(readFileSync('.github/workflows/conformance.yml', 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
    env: Record<string, string>;
  };

  it('runs nightly, on demand with a target input, and as a reusable gate', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 3 * * *' }]);
    expect(wf.on.workflow_dispatch).toMatchObject({ inputs: { target: { type: 'choice' } } });
    expect(wf.on.workflow_call).toMatchObject({
      inputs: { target: { type: 'string' } },
      secrets: { PULUMI_ACCESS_TOKEN: { required: false } },
    });
    expect(wf.env.PULUMI_ACCESS_TOKEN).toBe('${{ secrets.PULUMI_ACCESS_TOKEN }}');
    expect(wf.env.PULUMI_API_URL).toBe('${{ vars.PULUMI_API_URL }}');
  });

  it('shards the run, merges the blobs, publishes JUnit and uploads reports/', () => {
    const { conformance, report } = wf.jobs;
    expect(conformance?.strategy?.matrix.shard).toEqual([1, 2]);
    expect(
      conformance?.steps.some((s) => s.run?.includes('npm run conformance -- --shard=${{ matrix.shard }}/2')),
    ).toBe(true);
    expect(conformance?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe(
      '.vitest-reports/',
    );
    expect(report?.needs).toBe('conformance');
    expect(report?.steps.some((s) => s.run === 'npm run conformance:merge')).toBe(true);
    expect(
      report?.steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report'))?.with?.report_paths,
    ).toBe('reports/junit.xml');
    expect(report?.steps.find((s) => s.with?.name === 'conformance-reports')?.with?.path).toBe('reports/');
  });

  it('fails on contract failures (the merge exits 1), not on races (warnings only)', () => {
    // A shard's exit 1 is tolerated so the merge can run; the merge step's own exit code fails the job.
    const shardRun = wf.jobs.conformance?.steps.find((s) => s.run?.includes('--shard'))?.run ?? '';
    expect(shardRun).toMatch(/\|\| test \$\? -eq 1$/);
    expect(wf.jobs.report?.steps.find((s) => s.run === 'npm run conformance:merge')).not.toHaveProperty(
      'continue-on-error',
    );
  });
});

describe('the GitLab CI example', () => {
  const gl = parse(readFileSync('ci-examples/gitlab-ci.yml', 'utf8'), { merge: true }) as Record<
    string,
    { parallel?: number; script?: string[]; artifacts?: { paths: string[]; reports?: { junit: string } } }
  >;

  it('shards in two and publishes the merged JUnit file', () => {
    expect(gl.conformance?.parallel).toBe(2);
    expect(gl.conformance?.artifacts?.paths).toEqual(['.vitest-reports/']);
    expect(gl.report?.script).toEqual(['npm run conformance:merge']);
    expect(gl.report?.artifacts?.reports?.junit).toBe('reports/junit.xml');
  });
});
