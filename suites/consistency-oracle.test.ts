import { describe, expect, it } from 'vitest';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import type { Finding } from '../helpers/core/finding.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { startCloudPiratesMock } from '../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import type { CpMockOptions } from '../helpers/mocks/cloudpirates/state.ts';

const base = builtInProfile('cloudpirates');
const KEYS = {
  apiKey: base.credential.mockValue ?? '',
  accessToken: base.extraCredentials?.BearerAuth?.mockValue ?? '',
};

/** Runs the CloudPirates profile (with an optional consistency window) against a mock with the given lag and faults. */
async function runAgainst(
  mock: Omit<CpMockOptions, 'apiKey' | 'accessToken'>,
  windowMs?: number,
): Promise<RunResult> {
  const server = await startCloudPiratesMock({ ...KEYS, ...mock });
  const profile: Profile =
    windowMs === undefined ? base : { ...base, consistency: { ...base.consistency, windowMs } };
  try {
    const cfg = parseConfig({ RUN_ID: 'oracle' });
    return await runConformance(await prepare(resolveTarget(profile, cfg, server.url), cfg));
  } finally {
    await server.close();
  }
}

const consistencyOf = (run: RunResult, id: string): readonly Finding[] =>
  run.operations.find((o) => o.operation.id === id)?.checks.consistency?.findings ?? [];
const outcomes = (run: RunResult) =>
  run.operations.flatMap((o) =>
    (o.checks.consistency?.findings ?? []).flatMap((f) =>
      f.data?.outcome ? [`${o.operation.id}→${f.data.read}:${f.data.outcome}`] : [],
    ),
  );
const failures = (run: RunResult) =>
  run.operations.flatMap((o) =>
    Object.values(o.checks).flatMap((c) => c.findings.filter((f) => f.severity === 'error')),
  );

// Each test runs its own mock, so they run side by side.
describe.concurrent('the eventual-consistency oracle against the CloudPirates mock', () => {
  it('passes every read-after-write with its default lag, flagging races with their time to visibility', async () => {
    const run = await runAgainst({ lagMs: 300 });
    expect(failures(run)).toEqual([]);
    const all = outcomes(run);
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(all.every((o) => o.endsWith(':race') || o.endsWith(':consistent'))).toBe(true);
    const [race] = consistencyOf(run, 'CreateWorkspace').filter((f) => f.data?.read === 'GetWorkspace');
    expect(race).toMatchObject({
      severity: 'warning',
      title: expect.stringMatching(/^Read-after-write race: visible after \d+ ms$/),
    });
    expect(race?.data?.timeToVisibleMs).toBeGreaterThanOrEqual(150);
  });

  it('finds every pair consistent when the mock has no lag', async () => {
    const all = outcomes(await runAgainst({ lagMs: 0 }));
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(all.filter((o) => !o.endsWith(':consistent'))).toEqual([]);
  });

  it.each([
    ['lost-write', 'CreateWorkspace', 'GetWorkspace:never-visible', 'Lost write: never visible'],
    [
      'flapping-read',
      'CreateWorkspace',
      'GetWorkspace:flapping',
      'Flapping read: visible, then not visible again',
    ],
    ['lost-update', 'RenameWorkspace', 'GetWorkspace:lost-update', 'Lost update: the change never showed'],
    [
      'delete-not-effective',
      'DeleteWorkspace',
      'GetWorkspace:delete-not-effective',
      'Delete not effective: still readable',
    ],
  ])('reports the %s fault as its outcome on %s', async (fault, operation, outcome, title) => {
    const run = await runAgainst({ lagMs: 100, faults: [fault] }, 1000);
    expect(outcomes(run)).toContain(`${operation}→${outcome}`);
    expect(
      consistencyOf(run, operation)
        .filter((f) => f.severity === 'error')
        .map((f) => f.title),
    ).toContain(title);
    const failed = run.operations.find((o) => o.operation.id === operation)?.checks;
    expect(
      Object.entries(failed ?? {})
        .filter(([, c]) => c.status === 'failed')
        .map(([name]) => name),
    ).toEqual(['consistency']);
  });

  it('reports a write visible only after the window as window exceeded', async () => {
    const run = await runAgainst({ lagMs: 900, random: () => 0.5 }, 400);
    expect(outcomes(run)).toContain('CreateWorkspace→GetWorkspace:window-exceeded');
  });

  it('measures time to visibility within 20% of the lag plus one polling interval, with probes overlapping', async () => {
    const lagMs = 600;
    const run = await runAgainst({ lagMs, random: () => 0.5 });
    const [pair] = consistencyOf(run, 'CreateWorkspace').filter((f) => f.data?.read === 'GetWorkspace');
    const measured = Number(pair?.data?.timeToVisibleMs);
    const trail = [...(pair?.message ?? '').matchAll(/@(\d+)ms/g)].map((m) => Number(m[1]));
    const interval = Math.max(...trail.slice(1).map((t, i) => t - (trail[i] ?? 0)));
    expect(measured).toBeGreaterThanOrEqual(lagMs * 0.8);
    expect(measured).toBeLessThanOrEqual(lagMs * 1.2 + interval);
    // Probes of different writes overlap: some write's polls start while another write's polls are still going.
    const spans = new Map<string, { first: number; last: number }>();
    for (const e of run.operations.flatMap((o) => o.exchanges)) {
      if (e.purpose.kind !== 'poll') continue;
      const at = Date.parse(e.startedAt);
      const span = spans.get(e.purpose.after) ?? { first: at, last: at };
      spans.set(e.purpose.after, { first: Math.min(span.first, at), last: Math.max(span.last, at) });
    }
    const all = [...spans.values()];
    const overlapping = all.filter((a) => all.some((b) => b !== a && b.first > a.first && b.first < a.last));
    expect(overlapping.length).toBeGreaterThan(0);
  });
});
