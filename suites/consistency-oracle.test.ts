import { describe, expect, it } from 'vitest';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import type { Exchange } from '../helpers/core/exchange.ts';
import type { Finding } from '../helpers/core/finding.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { startCloudPiratesMock } from '../helpers/mocks/cloudpirates/cloudpirates-mock.ts';
import type { CpMockOptions } from '../helpers/mocks/cloudpirates/state.ts';

const base = builtInProfile('cloudpirates');
const KEYS = {
  apiKey: base.credential?.mockValue ?? '',
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

const startOf = (e: Exchange) => Date.parse(e.startedAt);
const endOf = (e: Exchange) => Date.parse(e.startedAt) + e.elapsedMs;
/** A write's own exchange and the polls that followed it (of one read, or of all). */
function pairExchanges(run: RunResult, write: string, read?: string) {
  const all = run.operations.flatMap((o) => o.exchanges);
  return {
    write: all.find((e) => e.operation === write && e.purpose.kind === 'baseline'),
    polls: all.filter(
      (e) =>
        e.purpose.kind === 'poll' &&
        e.purpose.after === write &&
        (read === undefined || e.operation === read),
    ),
  };
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
    // At least the shortest lag (300 ms × 0.5) less the round trips between the write and the read that saw it.
    const { write, polls } = pairExchanges(run, 'CreateWorkspace', 'GetWorkspace');
    const slowestRead = Math.max(...polls.map((p) => p.elapsedMs));
    expect(race?.data?.timeToVisibleMs).toBeGreaterThanOrEqual(150 - (write?.elapsedMs ?? 0) - slowestRead);
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
    // Polls give up at twice a window of 1 s or more: visible half a window after it ends, the write stays
    // "exceeded" whether a loaded machine handles its answer up to 1 s late (shorter measured lag: a race) or
    // its polls up to 1 s late (past giving up: never visible). With a 400 ms window the margin was 0.5 s.
    const run = await runAgainst({ lagMs: 3000, random: () => 0.5 }, 2000);
    expect(outcomes(run)).toContain('CreateWorkspace→GetWorkspace:window-exceeded');
  });

  it('measures time to visibility between the lag less the round trips and the lag plus one polling interval, with probes overlapping', async () => {
    const lagMs = 600;
    const run = await runAgainst({ lagMs, random: () => 0.5 });
    const [pair] = consistencyOf(run, 'CreateWorkspace').filter((f) => f.data?.read === 'GetWorkspace');
    const measured = Number(pair?.data?.timeToVisibleMs);
    const trail = [...(pair?.message ?? '').matchAll(/@(\d+)ms/g)].map((m) => Number(m[1]));
    const interval = Math.max(0, ...trail.slice(1).map((t, i) => t - (trail[i] ?? 0)));
    // Bounds from causality, not from the machine's speed: the mock records the write before it answers, so no
    // read can see it sooner than the lag less the write's and the read's round trips; and the first read that
    // starts after the lag has passed sees it, so it is found at most one polling interval late (1 ms: rounding).
    const { write, polls } = pairExchanges(run, 'CreateWorkspace', 'GetWorkspace');
    const slowestRead = Math.max(...polls.map((p) => p.elapsedMs));
    expect(measured).toBeGreaterThanOrEqual(lagMs - (write?.elapsedMs ?? 0) - slowestRead);
    expect(measured).toBeLessThanOrEqual(lagMs + interval + 1);
    // Probes of different writes overlap: their polling spans intersect, however long each one took.
    const spans = [...new Set(run.operations.map((o) => o.operation.id))]
      .map((id) => pairExchanges(run, id).polls)
      .filter((p) => p.length > 0)
      .map((p) => ({ from: Math.min(...p.map(startOf)), to: Math.max(...p.map(endOf)) }));
    const overlapping = spans.some((a, i) => spans.some((b, j) => i !== j && a.from < b.to && b.from < a.to));
    expect(spans.length).toBeGreaterThan(1);
    expect(overlapping).toBe(true);
  });
});
