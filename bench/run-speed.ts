// In-process runs against the embedded mocks, with and without the CloudPirates projection lag: the wire, the
// waiting on eventual consistency, and validation alone (checks are pure, so the recorded exchanges are judged
// again without the wire).
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import { judgeOperation, readBacksOf } from '../helpers/engine/judge.ts';
import { type Prepared, prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { EMBEDDED_MOCKS } from '../helpers/mocks/index.ts';

const figures = (run: RunResult) => ({
  wallMs: run.durationMs,
  requests: run.http.requests,
  requestsPerSecond: Math.round((run.http.requests / run.durationMs) * 1000),
});

/**
 * The suite's own cost inside a run: checks are pure functions of the recorded exchanges, so judging them all
 * again, alone, measures validation without the wire.
 */
function validationMs(prepared: Prepared, run: RunResult): number {
  const t0 = performance.now();
  const all = run.operations.flatMap((r) => r.exchanges);
  for (const result of run.operations) {
    if (result.skipped !== undefined) continue;
    const ctx = {
      operation: result.operation,
      target: prepared.target,
      validators: prepared.validators,
      requiresAuth: true,
      credential: prepared.target.credential,
      acceptsDefault: true,
      operationById: (id: string) => prepared.operationsById.get(id),
      spec: prepared.spec,
      generation: prepared.generation,
      documentedPaths: Object.keys(prepared.spec.doc.paths ?? {}),
    };
    judgeOperation({
      checks: prepared.checks,
      ctx,
      answered: result.exchanges,
      readBacks: readBacksOf(result.operation.id, all),
    });
  }
  return Math.round(performance.now() - t0);
}

async function runOn(profileName: string, env: Record<string, string>) {
  const profile = builtInProfile(profileName);
  const cfg = parseConfig({ RUN_ID: `bench-${profileName}`, ...env });
  const mock = await EMBEDDED_MOCKS[profile.mock ?? '']?.(profile, cfg);
  if (!mock) throw new Error(`no mock for ${profileName}`);
  try {
    const t0 = performance.now();
    const prepared = await prepare(resolveTarget(profile, cfg, mock.url), cfg);
    const prepareMs = Math.round(performance.now() - t0);
    const run = await runConformance(prepared);
    return { prepareMs, ...figures(run), validationMs: validationMs(prepared, run) };
  } finally {
    await mock.close();
  }
}

/** Runs of both embedded mocks, and CloudPirates without its lag; the share of the lagging run spent waiting. */
export async function runSpeed() {
  const withLag = { pulumi: await runOn('pulumi', {}), cloudpirates: await runOn('cloudpirates', {}) };
  const noLag = await runOn('cloudpirates', { CLOUDPIRATES_MOCK_LAG_MS: '0' });
  const waitShare = Math.max(0, (withLag.cloudpirates.wallMs - noLag.wallMs) / withLag.cloudpirates.wallMs);
  return {
    ...withLag,
    cloudpiratesWithoutLag: noLag,
    consistencyWaitShare: Math.round(waitShare * 100) / 100,
  };
}
