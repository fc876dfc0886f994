import { parseConfig } from './helpers/config/env.ts';
import { builtInProfile } from './helpers/config/load-profile.ts';
import { prepare } from './helpers/engine/prepare.ts';
import { runConformance } from './helpers/engine/run-conformance.ts';
import { resolveTarget } from './helpers/engine/target.ts';
import { EMBEDDED_MOCKS } from './helpers/mocks/index.ts';

for (const name of ['cloudpirates', 'pulumi']) {
  const cfg = parseConfig({ RUN_ID: 'smoke2', CLOUDPIRATES_MOCK_LAG_MS: process.env.LAG ?? '300' });
  const profile = builtInProfile(name);
  const mock = await EMBEDDED_MOCKS[name]?.(profile, cfg);
  if (!mock) throw new Error('x');
  const r = await runConformance(await prepare(resolveTarget(profile, cfg, mock.url), cfg));
  for (const o of r.operations) {
    const c = o.checks.consistency;
    if (!c || c.status === 'skipped') continue;
    console.log(
      o.operation.id.padEnd(30),
      c.status,
      c.findings.map((f) => `${f.severity}:${f.title} [${f.message.slice(0, 90)}]`).join(' | '),
    );
  }
  console.log(name, r.durationMs, 'ms');
  await mock.close();
}
