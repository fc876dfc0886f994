import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject, type RunnerTestCase, test } from 'vitest';
import { baselineVerdict, loadBaseline } from '../helpers/config/baseline.ts';
import { config } from '../helpers/config/env.ts';
import { builtInProfile, loadProfileFile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import { targetNames } from '../helpers/config/select-profiles.ts';
import { withoutStacks } from '../helpers/core/errors.ts';
import { type Finding, finding } from '../helpers/core/finding.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { OperationResult, RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { runRecord, testRecord } from '../helpers/report/records.ts';
import { reproduction } from '../helpers/report/reproduction.ts';
import type { RunRecord, TestRecord } from '../helpers/report/test-record.ts';

/**
 * A note, warning, seed or skip reason of a test: a JUnit property. Kept in the test's meta, which travels with its
 * result; vitest's `annotate` would also flush pending updates and wait for a round trip to the main thread per
 * note, which for a large spec (12,000 tests) left the worker idle half of the time it spent on tests.
 */
function annotate(task: RunnerTestCase, message: string, type: string): void {
  task.meta.conformanceNotes = [...(task.meta.conformanceNotes ?? []), { message, type }];
}

/** Writes the run's time-to-visibility figures per write → read pair to reports/consistency-<profile>.json. */
function writeConsistencyFigures(dir: string, run: RunRecord): void {
  mkdirSync(dir, { recursive: true });
  const figures = {
    profile: run.api,
    windowMs: run.windowMs,
    startedAt: run.startedAt,
    pairs: run.consistency,
  };
  writeFileSync(join(dir, `consistency-${run.api}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** A failed check: its message is the findings, each `Received: … / Documented: …`. */
class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(findings: readonly Finding[], record: TestRecord) {
    const message = findings
      .map((f) => `${f.title}${f.variant ? ` [${f.variant}]` : ''}: ${f.message}`)
      .join('\n');
    // The stack would only point into this file; the reproduction is what a reader needs. Not capturing the
    // stack V8 would take saves 10,000 failures about a second.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.stack = `${this.name}: ${this.message}\n${reproduction(record)}`;
  }
}

/**
 * Generates one `describe` per operation and one test per check from the profile's spec, at collection
 * time; runs the whole target once in `beforeAll`; each test then asserts its own findings.
 */
export async function defineConformanceSuite(profile: Profile): Promise<void> {
  const cfg = config();
  const baseline = cfg.baselinePath ? loadBaseline(cfg.baselinePath) : [];
  const prepared = await prepare(resolveTarget(profile, cfg, inject('mockUrls')[profile.name]), cfg);
  // The prepared target: its base URL may come from the spec's servers.
  const { target } = prepared;
  let run: RunResult | undefined;
  const byId = new Map<string, OperationResult>();

  describe(`${profile.name} (${target.live ? target.baseUrl : 'embedded mock'})`, () => {
    // A suite whose run never started (filtered out, cancelled) still keeps what collecting it found out.
    afterAll(() => prepared.validators.keep());
    // biome-ignore lint/correctness/noEmptyPattern: vitest parses this parameter and wants a destructuring pattern.
    beforeAll(async ({}, suite) => {
      run = await runConformance(prepared);
      for (const op of run.operations) byId.set(op.operation.id, op);
      const record = runRecord(target, run);
      suite.meta.conformanceRun = record;
      writeConsistencyFigures(cfg.reportsDir, record);
    });

    test('cleanup: nothing the run created is left behind', () => {
      const leftovers = run?.leftovers ?? [];
      if (leftovers.length > 0) throw new Error(`Left behind: ${leftovers.join('; ')}`);
    });

    for (const operation of prepared.operations) {
      describe(`${operation.tags[0] ?? 'untagged'} › ${operation.id} (${operation.method} ${operation.path})`, () => {
        for (const check of prepared.checks) {
          test(check.name, async (ctx) => {
            const record = testRecord(
              target,
              byId.get(operation.id),
              operation.tags[0] ?? 'untagged',
              check.name,
            );
            ctx.task.meta.conformance = record;
            if (record.outcome === 'skipped') {
              annotate(ctx.task, record.reason ?? 'skipped', 'skipped');
              // vitest's skip throws an error whose stack nobody reads; 40,000 skips spent a second capturing them.
              withoutStacks(() => ctx.skip(record.reason));
              return;
            }
            // The seed goes with every generated probe (a JUnit property), so a failure names how to repeat it.
            if (check.seeded && run) annotate(ctx.task, String(run.seed), 'seed');
            for (const f of record.findings.filter((x) => x.severity !== 'error'))
              annotate(ctx.task, `${f.title}: ${f.message}`, f.severity);
            const errors = record.findings.filter((f) => f.severity === 'error');
            if (errors.length === 0) return;
            // A known failure the baseline accepts passes, visibly; once its entry expires it fails again.
            const verdict = baselineVerdict(
              baseline,
              record.api,
              record.operation,
              record.check,
              new Date().toISOString().slice(0, 10),
            );
            if (verdict?.kind === 'accepted') {
              ctx.task.meta.conformance = { ...record, outcome: 'accepted' };
              annotate(
                ctx.task,
                `Known failure accepted by the baseline until ${verdict.entry.expires}: ${verdict.entry.reason}`,
                'warning',
              );
              for (const f of errors) annotate(ctx.task, `${f.title}: ${f.message}`, 'warning');
              return;
            }
            if (verdict?.kind === 'expired') {
              errors.unshift(
                finding(
                  record.check,
                  record.operation,
                  'error',
                  `Baseline entry expired on ${verdict.entry.expires}`,
                  verdict.entry.reason,
                ),
              );
            }
            throw new ConformanceFailure(errors, record);
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

/** The suite of the profile file CONFORMANCE_PROFILE names, or one skipped test saying none is set. */
export async function defineProfileSuite(): Promise<void> {
  const path = config().profilePath;
  if (path) {
    await defineConformanceSuite(loadProfileFile(path));
    return;
  }
  describe('profile', () => {
    test.skip('no CONFORMANCE_PROFILE set: no user profile to run', () => {});
  });
}
