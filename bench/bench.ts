// `npm run bench`: spec scale, run speed, the suite's own overhead, and a side-by-side with Dredd.
// Writes reports/bench.json and prints a Markdown table. Figures of one run are compared with each other only.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import { judgeOperation, readBacksOf } from '../helpers/engine/judge.ts';
import { type Prepared, prepare } from '../helpers/engine/prepare.ts';
import { runConformance } from '../helpers/engine/run-conformance.ts';
import type { RunResult } from '../helpers/engine/run-result.ts';
import { resolveTarget } from '../helpers/engine/target.ts';
import { EMBEDDED_MOCKS } from '../helpers/mocks/index.ts';
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { PULUMI_SPEC_PATH, startPulumiMock } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';
import { syntheticSpec } from './synthetic-spec.ts';

const exec = promisify(execFile);
const PUBLISHED = '../shared/reference/pulumi-spec.json';
const WORK = resolve('.cache/bench');
mkdirSync(WORK, { recursive: true });

function measureSpec(path: string) {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure-spec.ts', path], {
    encoding: 'utf8',
  });
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as {
    operations: number;
    validators: number;
    totalMs: number;
    peakRssMb: number;
  };
}

async function specScale() {
  const rows = [];
  if (existsSync(PUBLISHED)) rows.push({ spec: 'Pulumi published spec', ...measureSpec(PUBLISHED) });
  for (const n of [100, 1000, 5000]) {
    const file = join(WORK, `synthetic-${n}.json`);
    writeFileSync(file, JSON.stringify(syntheticSpec(n)));
    rows.push({ spec: `synthetic ${n}`, ...measureSpec(file) });
  }
  return rows.map((r) => ({ ...r, msPerOperation: Math.round((r.totalMs / r.operations) * 100) / 100 }));
}

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

async function runSpeed() {
  const withLag = { pulumi: await runOn('pulumi', {}), cloudpirates: await runOn('cloudpirates', {}) };
  const noLag = await runOn('cloudpirates', { CLOUDPIRATES_MOCK_LAG_MS: '0' });
  const waitShare = Math.max(0, (withLag.cloudpirates.wallMs - noLag.wallMs) / withLag.cloudpirates.wallMs);
  return {
    ...withLag,
    cloudpiratesWithoutLag: noLag,
    consistencyWaitShare: Math.round(waitShare * 100) / 100,
  };
}

async function publishedSpecGets() {
  if (!existsSync(PUBLISHED)) return { skipped: `${PUBLISHED} not present` };
  const spec = await loadSpec(PUBLISHED);
  const mock = await startMockServer(createSpecDrivenMock(spec));
  try {
    const cfg = parseConfig({
      PULUMI_API_URL: mock.url,
      PULUMI_ACCESS_TOKEN: 'bench-token-000',
      PULUMI_SPEC: PUBLISHED,
      RUN_ID: 'bench-published',
      CONCURRENCY: '8',
    });
    const t0 = performance.now();
    const prepared = await prepare(resolveTarget(builtInProfile('pulumi'), cfg), cfg);
    const prepareMs = Math.round(performance.now() - t0);
    const run = await runConformance(prepared);
    const exercised = run.operations.filter((o) => o.skipped === undefined).length;
    return {
      getOperations: run.operations.filter((o) => o.operation.method === 'GET').length,
      operationsExercised: exercised,
      prepareMs,
      ...figures(run),
      validationMs: validationMs(prepared, run),
    };
  } finally {
    await mock.close();
  }
}

/** The project's Pulumi document with an example for every path parameter: Dredd needs them, the suite discovers them. */
function dreddSpec(): string {
  const doc = parse(readFileSync(PULUMI_SPEC_PATH, 'utf8'));
  const examples: Record<string, string> = {
    orgName: 'acme',
    projectName: 'website',
    stackName: 'production',
    teamName: 'platform',
    hookName: 'deploy-notify',
    envName: 'dev',
    tokenId: 'tok-1',
  };
  for (const p of Object.values(doc.components.parameters) as { name: string; example?: string }[])
    p.example = examples[p.name];
  for (const item of Object.values(doc.paths) as Record<
    string,
    { parameters?: { name?: string; in?: string; example?: string }[] }
  >[]) {
    for (const op of Object.values(item))
      for (const p of op.parameters ?? []) if (p.in === 'path' && p.name) p.example = examples[p.name];
  }
  const file = join(WORK, 'pulumi-dredd.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

async function againstDredd() {
  const peers = resolve('.cache/peers');
  const dredd = join(peers, 'node_modules/.bin/dredd');
  if (!existsSync(dredd)) {
    const install = spawnSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', peers, 'dredd@14'],
      { encoding: 'utf8' },
    );
    if (install.status !== 0)
      return {
        skipped: `dredd could not be installed: ${install.stderr.split('\n').at(-2) ?? install.status}`,
      };
  }
  const token = 'bench-token-000';
  const mock = await startPulumiMock({ accessToken: token });
  try {
    const t0 = performance.now();
    const result = await exec(
      dredd,
      [
        dreddSpec(),
        mock.url,
        '--header',
        `Authorization: token ${token}`,
        '--header',
        'Accept: application/vnd.pulumi+8',
        '--method',
        'GET',
        '--loglevel',
        'warning',
      ],
      { maxBuffer: 64 << 20 },
    ).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
    );
    const dreddMs = Math.round(performance.now() - t0);
    const summary = /complete: (.*)/.exec(stripVTControlCharacters(result))?.[1] ?? 'no summary line';
    const cfg = parseConfig({ PULUMI_API_URL: mock.url, PULUMI_ACCESS_TOKEN: token, RUN_ID: 'bench-peer' });
    const t1 = performance.now();
    const run = await runConformance(await prepare(resolveTarget(builtInProfile('pulumi'), cfg), cfg));
    const oursMs = Math.round(performance.now() - t1);
    const outcomes = run.operations.flatMap((o) => Object.values(o.checks));
    return {
      dredd: {
        wallMs: dreddMs,
        reported: summary,
        checks: 'status code and body/headers against the documented response, for operations with examples',
      },
      ours: {
        wallMs: oursMs,
        reported: `${outcomes.filter((c) => c.status === 'passed').length} passed, ${outcomes.filter((c) => c.status === 'failed').length} failed, ${outcomes.filter((c) => c.status === 'skipped').length} skipped checks over ${run.operations.filter((o) => !o.skipped).length} operations`,
        requests: run.http.requests,
        beyond:
          'credential rejection (4 probes per operation, 401 body shape and message), Accept policy, URL building with an awkward path value, unknown routes, pagination walks, read-after-write consistency, discovery of path values instead of hand-written examples',
      },
    };
  } finally {
    await mock.close();
  }
}

const started = new Date().toISOString();
const result = {
  date: started,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  specScale: await specScale(),
  runSpeed: await runSpeed(),
  publishedSpecGetOperations: await publishedSpecGets(),
  peer: await againstDredd(),
};
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', `${JSON.stringify(result, null, 2)}\n`);

const lines = [
  `Benchmarks of ${result.date.slice(0, 10)} on ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}:`,
  '',
  '| spec | operations | validators | load + compile | per operation | peak RSS |',
  '|---|---|---|---|---|---|',
  ...result.specScale.map(
    (r) =>
      `| ${r.spec} | ${r.operations} | ${r.validators} | ${r.totalMs} ms | ${r.msPerOperation} ms | ${r.peakRssMb} MB |`,
  ),
  '',
  '| run | prepare (spec, validators) | run wall | of which validation | requests | requests/s |',
  '|---|---|---|---|---|---|',
  ...(['pulumi', 'cloudpirates', 'cloudpiratesWithoutLag'] as const).map((k) => {
    const r = result.runSpeed[k];
    return `| ${k} (embedded mock) | ${r.prepareMs} ms | ${r.wallMs} ms | ${r.validationMs} ms | ${r.requests} | ${r.requestsPerSecond} |`;
  }),
  '',
  `Share of the CloudPirates run spent waiting on eventual consistency: ${Math.round(result.runSpeed.consistencyWaitShare * 100)} %.`,
  `Published Pulumi spec, every GET against a spec-driven mock: ${JSON.stringify(result.publishedSpecGetOperations)}.`,
  `Against Dredd (same spec and server, GET only): ${JSON.stringify(result.peer)}.`,
];
console.log(lines.join('\n'));
