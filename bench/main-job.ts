// The main job on a small API, as users run it: `npm run conformance` with a profile, beside a bare `vitest run`
// of one trivial test (the floor any vitest-based suite starts from) and Dredd's command line on the same API,
// its read model lagging 300 ms × 0.5–1.5. Whole processes, alternated, medians.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse, stringify } from 'yaml';
import { breakdown } from './breakdown.ts';
import { ensureDredd } from './peers.ts';
import { alternate, summary, type Timed, timeProcess } from './processes.ts';
import { startServer } from './servers.ts';

const KEY = 'bench-notes-key';
const WORK = resolve('.cache/bench');
const NOTES = 'bench/fixtures/notes';

/**
 * A package inside the project with one trivial test and an empty vitest configuration: vitest's own start,
 * nothing else. Its own configuration file matters: without one, vitest finds the project's above it, and then
 * collects the project's files (and finds none in this directory) instead of running the one test.
 */
function bareVitest(): string {
  const dir = join(WORK, 'bare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'one.test.ts'),
    "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(1));\n",
  );
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    "import { defineConfig } from 'vitest/config';\nexport default defineConfig({});\n",
  );
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "scripts": { "test": "vitest run" } }\n');
  return dir;
}

/** The notes document with an example for each path value (Dredd sends examples; the suite discovers values). */
function dreddSpec(): string {
  const doc = parse(readFileSync(join(NOTES, 'openapi.yaml'), 'utf8'));
  doc.components.parameters.noteId.example = '5f0c6b1e-8a4d-4c3e-9b2a-7d1e0f3a2b4c';
  doc.components.parameters.tag.example = 'home';
  const file = join(WORK, 'notes-dredd.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

/** Dredd's hooks: read, change and delete the note the run created, once the read model shows it. */
function dreddHooks(): string {
  const file = join(WORK, 'notes-dredd-hooks.cjs');
  writeFileSync(
    file,
    `const hooks = require('hooks');
const SEED = '5f0c6b1e-8a4d-4c3e-9b2a-7d1e0f3a2b4c';
let created;
// The read model shows a write after at most 450 ms: Dredd cannot poll, so its hooks wait that long.
hooks.afterEach((t, done) => {
  if (t.request.method === 'POST' && t.real && t.real.statusCode === 201) {
    created = JSON.parse(t.real.body).id;
    setTimeout(done, 450);
  } else done();
});
hooks.beforeEach((t) => {
  if (created && t.fullPath.includes(SEED)) {
    t.fullPath = t.fullPath.replace(SEED, created);
    t.request.uri = t.request.uri.replace(SEED, created);
  }
});
`,
  );
  return file;
}

/** Runs the three side by side, `rounds` times each, alternated; returns medians and the ratios that are goals. */
export async function mainJob(rounds: number) {
  const notes = await startServer(['notes', KEY, '300']);
  const dredd = await ensureDredd();
  try {
    const bare = bareVitest();
    const env = {
      CONFORMANCE_TARGETS: 'none',
      CONFORMANCE_PROFILE: join(NOTES, 'profile.yaml'),
      NOTES_URL: notes.url,
      NOTES_API_KEY: KEY,
      REPORTS_DIR: join(WORK, 'reports-notes'),
      NO_COLOR: '1',
    };
    const vitestBin = resolve('node_modules/vitest/vitest.mjs');
    const variants: Record<string, () => Promise<Timed>> = {
      bareVitest: () => timeProcess(process.execPath, [vitestBin, 'run'], {}, bare),
      // Both as a user starts them, through npm: `npm test` in a package whose test script is `vitest run`.
      npmBareVitest: () => timeProcess('npm', ['run', '--silent', 'test'], {}, bare),
      npmRunConformance: () => timeProcess('npm', ['run', '--silent', 'conformance'], env),
      nodeLaunch: () => timeProcess(process.execPath, ['helpers/cli/launch.mjs'], env),
    };
    if (typeof dredd === 'string') {
      const args = [dreddSpec(), notes.url.replace(/\/api$/, ''), `--hookfiles=${dreddHooks()}`];
      variants.dredd = () =>
        timeProcess(dredd, [...args, '--header', `X-Api-Key: ${KEY}`, '--loglevel', 'warning'], {});
    }
    // One unmeasured round first: compiled command line, validator cache, npm's own caches.
    await variants.npmRunConformance?.();
    const runs = await alternate(rounds, variants);
    const last = (k: string) => stripVTControlCharacters(runs[k]?.at(-1)?.out ?? '');
    // A floor that did not run its one test would flatter nothing and mean nothing.
    for (const run of [...(runs.bareVitest ?? []), ...(runs.npmBareVitest ?? [])])
      if (run.code !== 0 || !/Tests\s+1 passed/.test(stripVTControlCharacters(run.out)))
        throw new Error(`the bare vitest run did not pass its one test:\n${run.out}`);
    const ours = summary(runs.npmRunConformance ?? []);
    const launched = summary(runs.nodeLaunch ?? []);
    const floor = summary(runs.bareVitest ?? []);
    const npmFloor = summary(runs.npmBareVitest ?? []);
    const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
    return {
      api: 'notes: 9 operations, read model lagging 300 ms × 0.5–1.5 (bench/fixtures/notes)',
      rounds,
      bareVitest: floor,
      npmBareVitest: npmFloor,
      npmRunConformance: {
        ...ours,
        reported: /^Conformance: (.*)$/m.exec(last('npmRunConformance'))?.[1] ?? '',
      },
      nodeLaunch: launched,
      // Like for like: both through npm, as users start them, and both as bare node processes.
      ratioToBareVitest: ratio(ours.wallMs, npmFloor.wallMs),
      ratioWithoutNpm: ratio(launched.wallMs, floor.wallMs),
      // Where one run's time goes, by what its threads ran.
      breakdown: await breakdown(env),
      dredd:
        typeof dredd === 'string' && runs.dredd
          ? {
              ...summary(runs.dredd),
              reported: /complete: (.*)/.exec(last('dredd'))?.[1] ?? 'no summary line',
            }
          : typeof dredd === 'string'
            ? { skipped: 'no Dredd run' }
            : dredd,
    };
  } finally {
    await notes.close();
  }
}
