// `npm run bench`: the main job beside a bare vitest run and Dredd, where its time goes, spec size (Pulumi's
// published spec cold and warm, synthetic specs up to 5,000 operations), runs against the embedded mocks, and
// the project's own test suite. Writes reports/bench.json and prints Markdown tables. Figures of one run are
// compared with each other only. `npm run bench -- --quick` leaves out the test suite and the 5,000-operation run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { mainJob } from './main-job.ts';
import { summary, timeProcess } from './processes.ts';
import { reportPage } from './report-page.ts';
import { runSpeed } from './run-speed.ts';
import { fullRuns, hasPublished, loadAndValidators, PUBLISHED } from './spec-scale.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = 5;

/** The goals, each with the figure it is judged on and whether this run meets it. */
function goals(result: Awaited<ReturnType<typeof measure>>) {
  const five = result.fullRuns.find((r) => r.operations === 5000);
  const hundred = result.fullRuns.find((r) => r.operations === 100);
  const published = 'cold' in result.publishedSpec ? result.publishedSpec : undefined;
  const rows: [string, string, boolean | undefined][] = [
    [
      'main job ≤ 3× a bare vitest run (through npm / without npm)',
      `${result.mainJob.ratioToBareVitest}× / ${result.mainJob.ratioWithoutNpm}×`,
      result.mainJob.ratioToBareVitest <= 3 && result.mainJob.ratioWithoutNpm <= 3,
    ],
    [
      'main job peak RSS ≤ 200 MB',
      `${result.mainJob.npmRunConformance.peakRssMb ?? '?'} MB`,
      (result.mainJob.npmRunConformance.peakRssMb ?? 1e9) <= 200,
    ],
    [
      'published spec cold ≤ 0.8 s',
      `${published?.cold.totalMs ?? '-'} ms`,
      published && published.cold.totalMs <= 800,
    ],
    [
      'published spec warm (third run on) ≤ 0.2 s',
      `${published?.warm.totalMs ?? '-'} ms`,
      published && published.warm.totalMs <= 200,
    ],
    ['5,000 operations ≤ 10 s', `${five?.wallMs ?? '-'} ms`, five && five.wallMs <= 10_000],
    ['5,000 operations ≤ 400 MB', `${five?.peakRssMb ?? '-'} MB`, five && (five.peakRssMb ?? 1e9) <= 400],
    [
      'cost linear from 100 to 5,000 (per operation within 2×)',
      five && hundred ? `${hundred.msPerOperation} → ${five.msPerOperation} ms/operation` : '-',
      five && hundred ? five.msPerOperation <= 2 * hundred.msPerOperation : undefined,
    ],
    [
      'npm test ≤ 90 s',
      'testSuite' in result && result.testSuite ? `${result.testSuite.wallMs} ms` : '-',
      'testSuite' in result && result.testSuite ? result.testSuite.wallMs <= 90_000 : undefined,
    ],
  ];
  return rows.map(([goal, measured, met]) => ({
    goal,
    measured,
    met: met === undefined ? 'not measured' : met ? 'yes' : 'no',
  }));
}

async function measure() {
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    mainJob: await mainJob(ROUNDS),
    publishedSpec: hasPublished() ? loadAndValidators(PUBLISHED, 3) : { skipped: `${PUBLISHED} not present` },
    fullRuns: await fullRuns(quick ? [100, 1000] : [100, 1000, 5000]),
    runSpeed: await runSpeed(),
    ...(quick ? {} : { reportPage: reportPage() }),
    ...(quick
      ? {}
      : { testSuite: summary([await timeProcess('npm', ['test', '--silent'], { NO_COLOR: '1' })]) }),
  };
}

const result = await measure();
const withGoals = { ...result, goals: goals(result) };
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', `${JSON.stringify(withGoals, null, 2)}\n`);

const m = result.mainJob;
const dredd = 'wallMs' in m.dredd ? m.dredd : undefined;
const lines = [
  `Benchmarks of ${result.date.slice(0, 10)} on ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}:`,
  '',
  '| goal | measured | met |',
  '|---|---|---|',
  ...withGoals.goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met} |`),
  '',
  `Main job on ${m.api}; medians of ${m.rounds} alternated runs of whole processes:`,
  '',
  '| command | wall | peak RSS | reported |',
  '|---|---|---|---|',
  `| bare \`vitest run\` of one test (\`npm test\` in a package of its own) | ${m.npmBareVitest.wallMs} ms | ${m.npmBareVitest.peakRssMb} MB | 1 passed |`,
  `| the same, without npm (\`node vitest.mjs run\`) | ${m.bareVitest.wallMs} ms | ${m.bareVitest.peakRssMb} MB | 1 passed |`,
  `| \`npm run conformance\` (the notes profile) | ${m.npmRunConformance.wallMs} ms | ${m.npmRunConformance.peakRssMb} MB | ${m.npmRunConformance.reported} |`,
  `| \`node helpers/cli/launch.mjs\` (the same, without npm) | ${m.nodeLaunch.wallMs} ms | ${m.nodeLaunch.peakRssMb} MB | |`,
  dredd
    ? `| Dredd 14 (\`dredd\` with hooks that wait out the lag) | ${dredd.wallMs} ms | ${dredd.peakRssMb} MB | ${dredd.reported} |`
    : `| Dredd | skipped | | ${JSON.stringify(m.dredd)} |`,
  '',
  `Where one run of the main job spends its ${m.breakdown.cpuMs} ms of CPU (${m.breakdown.threads} threads, ${m.breakdown.wallMs} ms wall, profiled):`,
  '',
  '| what ran | CPU |',
  '|---|---|',
  ...Object.entries(m.breakdown.byCategory).map(([k, v]) => `| ${k} | ${v} ms |`),
  '',
  '| spec | operations | validators | load | compile | total | peak RSS |',
  '|---|---|---|---|---|---|---|',
  ...('cold' in result.publishedSpec
    ? (['cold', 'second', 'warm'] as const).map((k) => {
        const r = (result.publishedSpec as ReturnType<typeof loadAndValidators>)[k];
        return `| Pulumi published spec, ${k} | ${r.operations} | ${r.validators} | ${r.loadMs} ms | ${r.compileMs} ms | ${r.totalMs} ms | ${r.peakRssMb} MB |`;
      })
    : [`| Pulumi published spec | ${JSON.stringify(result.publishedSpec)} |`]),
  '',
  '| synthetic spec, full run | wall | per operation | peak RSS | console lines | reported |',
  '|---|---|---|---|---|---|',
  ...result.fullRuns.map(
    (r) =>
      `| ${r.operations} operations | ${r.wallMs} ms | ${r.msPerOperation} ms | ${r.peakRssMb} MB | ${r.consoleLines} | ${r.reported} |`,
  ),
  '',
  '| in-process run | prepare (spec, validators) | run wall | of which validation | requests | requests/s |',
  '|---|---|---|---|---|---|',
  ...(['pulumi', 'cloudpirates', 'cloudpiratesWithoutLag'] as const).map((k) => {
    const r = result.runSpeed[k];
    return `| ${k} (embedded mock) | ${r.prepareMs} ms | ${r.wallMs} ms | ${r.validationMs} ms | ${r.requests} | ${r.requestsPerSecond} |`;
  }),
  '',
  `Share of the CloudPirates run spent waiting on eventual consistency: ${Math.round(result.runSpeed.consistencyWaitShare * 100)} %.`,
  'reportPage' in result && result.reportPage
    ? `HTML report of a 5,000-operation run (index.html size, Chromium: open until usable, a search over every operation): ${JSON.stringify(result.reportPage)}.`
    : '',
  'testSuite' in result && result.testSuite ? `\`npm test\`: ${result.testSuite.wallMs} ms.` : '',
];
console.log(lines.join('\n'));
