import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { config } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import { targetNames } from '../helpers/config/select-profiles.ts';
import { consistencyFigures } from '../helpers/consistency/figures.ts';
import type { Finding } from '../helpers/core/finding.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { OperationResult, RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';

/** Writes the run's time-to-visibility figures per write → read pair to reports/consistency-<profile>.json. */
function writeConsistencyFigures(dir: string, profile: Profile, run: RunResult): void {
  mkdirSync(dir, { recursive: true });
  const figures = {
    profile: profile.name,
    windowMs: profile.consistency?.windowMs ?? 0,
    startedAt: run.startedAt,
    pairs: consistencyFigures(run),
  };
  writeFileSync(join(dir, `consistency-${profile.name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

const describeFindings = (findings: readonly Finding[]) =>
  findings.map((f) => `[${f.check}${f.variant ? `/${f.variant}` : ''}] ${f.title}: ${f.message}`).join('\n');

/**
 * Generates one `describe` per operation and one test per check from the profile's spec, at collection
 * time; runs the whole target once in `beforeAll`; each test then asserts its own findings.
 */
export async function defineConformanceSuite(profile: Profile): Promise<void> {
  const cfg = config();
  const target = resolveTarget(profile, cfg, inject('mockUrls')[profile.name]);
  const prepared = await prepare(target, cfg);
  let run: RunResult | undefined;
  const byId = new Map<string, OperationResult>();

  describe(`${profile.name} (${target.live ? target.baseUrl : 'embedded mock'})`, () => {
    beforeAll(async () => {
      run = await runConformance(prepared);
      for (const op of run.operations) byId.set(op.operation.id, op);
      writeConsistencyFigures(cfg.reportsDir, profile, run);
    });

    for (const operation of prepared.operations) {
      describe(`${operation.tags[0] ?? 'untagged'} › ${operation.id} (${operation.method} ${operation.path})`, () => {
        for (const check of prepared.checks) {
          test(check.name, async (ctx) => {
            const result = byId.get(operation.id);
            const outcome = result?.checks[check.name];
            const reason =
              result?.skipped ??
              (outcome?.status === 'skipped' ? outcome.reason : undefined) ??
              (outcome ? undefined : 'not run');
            if (reason !== undefined) {
              await ctx.annotate(reason, 'skipped');
              ctx.skip(reason);
              return;
            }
            const findings = outcome?.findings ?? [];
            for (const f of findings.filter((x) => x.severity !== 'error'))
              await ctx.annotate(`${f.title}: ${f.message}`, f.severity);
            const errors = findings.filter((f) => f.severity === 'error');
            expect(errors, describeFindings(errors)).toEqual([]);
          });
        }
      });
    }
  });
}

/** The suite of a built-in profile, or one skipped test saying why when CONFORMANCE_TARGETS leaves it out. */
export async function defineBuiltInSuite(name: string): Promise<void> {
  if (targetNames(config()).includes(name)) {
    await defineConformanceSuite(builtInProfile(name));
    return;
  }
  describe(name, () => {
    test.skip(`${name} is not selected by CONFORMANCE_TARGETS`, () => {});
  });
}
