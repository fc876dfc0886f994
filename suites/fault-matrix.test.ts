import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../helpers/config/env.ts';
import { builtInProfile, loadProfileFile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { startCloudPiratesMock } from '../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import { CLOUDPIRATES_FAULTS } from '../helpers/mocks/cloudpirates/faults.ts';
import type { Fault } from '../helpers/mocks/faults.ts';
import { PULUMI_FAULTS } from '../helpers/mocks/pulumi/faults.ts';
import { startPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import { TASKBOARD_FAULTS } from '../helpers/mocks/taskboard/faults.ts';
import { startTaskboardMock } from '../helpers/mocks/taskboard/taskboard-mock.ts';

/** One row of the detection matrix: the fault, where it must be caught, and what the suite reported. */
interface Row {
  readonly mock: string;
  readonly fault: string;
  readonly description: string;
  readonly expected: string;
  readonly detected: boolean;
  /** Failures the fault causes elsewhere for a good reason, declared by the fault. */
  readonly knockOn: readonly string[];
  readonly falseAlarms: readonly string[];
}

const rows: Row[] = [];
const pulumi = builtInProfile('pulumi');
const cloudpirates = builtInProfile('cloudpirates');
// The Taskboard fixture is run by its terse user profile: spec, base URL, credential, consistency window.
const taskboard = loadProfileFile('suites/fixtures/taskboard/profile.yaml');
// A short window keeps the consistency faults quick; the clean run below uses the profile's own window.
const quickCloudpirates: Profile = {
  ...cloudpirates,
  consistency: { ...cloudpirates.consistency, windowMs: 1000 },
};

/** The seed of every generated probe in the matrix, so its rows repeat exactly (any seed must pass: see below). */
const SEED = '20261123';

/**
 * Runs a profile against a fresh mock and returns every failing `operation/check`. In `live` mode the mock is
 * addressed as a live target with writes allowed, the only other place probes of writes go; what the run created
 * must then be gone at its end.
 */
async function failuresAgainst(
  mock: string,
  faults: string[],
  lagMs: number,
  profile: Profile,
  options: { live?: boolean; seed?: string } = {},
): Promise<string[]> {
  const server =
    mock === 'pulumi'
      ? await startPulumiMock({ accessToken: pulumi.credential?.mockValue ?? '', faults })
      : mock === 'taskboard'
        ? await startTaskboardMock({ token: taskboard.credential?.mockValue ?? '', faults })
        : await startCloudPiratesMock({
            apiKey: cloudpirates.credential?.mockValue ?? '',
            accessToken: cloudpirates.extraCredentials?.BearerAuth?.mockValue ?? '',
            lagMs,
            faults,
          });
  try {
    const seed = options.seed ?? SEED;
    const live = options.live === true && mock === 'pulumi';
    const cfg: Config = parseConfig({
      RUN_ID: `fault-${mock}`,
      SEED: seed,
      ...(live
        ? {
            PULUMI_API_URL: server.url,
            PULUMI_ACCESS_TOKEN: pulumi.credential?.mockValue ?? '',
            ALLOW_WRITES: 'true',
            SPEC_CACHE_TTL_HOURS: '0',
          }
        : {}),
    });
    const target = live ? resolveTarget(profile, cfg) : resolveTarget(profile, cfg, server.url);
    const run = await runConformance(await prepare(target, cfg));
    if (live) expect(run.leftovers).toEqual([]);
    return run.operations.flatMap((o) =>
      Object.entries(o.checks).flatMap(([check, c]) => {
        if (c.status !== 'failed') return [];
        const first = c.findings.find((f) => f.severity === 'error');
        // Kept so that an unexpected failure says why, in the assertion's diff.
        whyFailed.set(
          `${mock}:${faults.join('+')}:${o.operation.id}/${check}`,
          `${first?.title}: ${first?.message}`,
        );
        return [`${o.operation.id}/${check}`];
      }),
    );
  } finally {
    await server.close();
  }
}

/** The first error of each failure, by `mock:faults:operation/check`. */
const whyFailed = new Map<string, string>();

/** True for a failure the fault also causes for a good reason (its `cascades`, `*` for any operation). */
const cascade = (fault: Fault, failure: string): boolean =>
  (fault.cascades ?? []).some((c) => c === failure || (c.startsWith('*/') && failure.endsWith(c.slice(1))));

const cases = [
  ...Object.entries(PULUMI_FAULTS).map(([name, fault]) => ({ mock: 'pulumi', name, fault, profile: pulumi })),
  ...Object.entries(CLOUDPIRATES_FAULTS).map(([name, fault]) => ({
    mock: 'cloudpirates',
    name,
    fault,
    profile: quickCloudpirates,
  })),
  ...Object.entries(TASKBOARD_FAULTS).map(([name, fault]) => ({
    mock: 'taskboard',
    name,
    fault,
    profile: taskboard,
  })),
];

describe.concurrent('the detection matrix: each injected fault is caught by its check on its operation, and nothing else fails', () => {
  it.each(cases)('$mock: $name', async ({ mock, name, fault, profile }) => {
    const failures = await failuresAgainst(mock, [name], 100, profile, {
      live: fault.liveWithWrites === true,
    });
    const expected = `${fault.caughtOn ?? fault.operation}/${fault.check}`;
    const falseAlarms = failures.filter((f) => f !== expected && !cascade(fault, f));
    const knockOn = failures.filter((f) => f !== expected && cascade(fault, f));
    rows.push({
      mock,
      fault: name,
      description: fault.description,
      expected,
      detected: failures.includes(expected),
      knockOn,
      falseAlarms,
    });
    expect(failures).toContain(expected);
    expect(falseAlarms.map((f) => `${f} (${whyFailed.get(`${mock}:${name}:${f}`)})`)).toEqual([]);
  });

  it.each(['pulumi', 'cloudpirates', 'taskboard'])(
    '%s without faults, with the default lag: zero failures',
    async (mock) => {
      const profile = mock === 'pulumi' ? pulumi : mock === 'taskboard' ? taskboard : cloudpirates;
      const failures = await failuresAgainst(mock, [], 300, profile);
      rows.push({
        mock,
        fault: '(none)',
        description: 'conformant mock, default lag',
        expected: '-',
        detected: true,
        knockOn: [],
        falseAlarms: failures,
      });
      expect(failures.map((f) => `${f} (${whyFailed.get(`${mock}::${f}`)})`)).toEqual([]);
    },
  );
});

describe.concurrent('generated probes raise no false alarm on the clean mocks, whatever the seed', () => {
  it.each(['1', '2', '3'])('seed %s', async (seed) => {
    const quickPulumi = await failuresAgainst('pulumi', [], 0, pulumi, { seed });
    const livePulumi = await failuresAgainst('pulumi', [], 0, pulumi, { seed, live: true });
    const quickCp = await failuresAgainst('cloudpirates', [], 0, cloudpirates, { seed });
    expect([...quickPulumi, ...livePulumi, ...quickCp]).toEqual([]);
  });
});

afterAll(() => {
  const order = (r: Row) => `${r.mock}/${r.fault === '(none)' ? '~' : r.fault}`;
  const sorted = [...rows].sort((a, b) => order(a).localeCompare(order(b)));
  const table = [
    '| mock | fault | must be caught by (operation/check) | detected | declared knock-on failures | false alarms |',
    '|---|---|---|---|---|---|',
    ...sorted.map(
      (r) =>
        `| ${r.mock} | ${r.fault} | ${r.expected} | ${r.fault === '(none)' ? '-' : r.detected ? 'yes' : '**missed**'} | ${r.knockOn.join(', ') || '-'} | ${r.falseAlarms.length === 0 ? 0 : r.falseAlarms.join(', ')} |`,
    ),
  ].join('\n');
  mkdirSync('reports', { recursive: true });
  writeFileSync(join('reports', 'detection-matrix.json'), `${JSON.stringify(sorted, null, 2)}\n`);
  writeFileSync(join('reports', 'detection-matrix.md'), `${table}\n`);
});
