import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../helpers/config/env.ts';
import { builtInProfile } from '../helpers/config/load-profile.ts';
import type { Profile } from '../helpers/config/profile.ts';
import { prepare } from '../helpers/engine/prepare.ts';
import { resolveTarget } from '../helpers/engine/target.ts';

const TOKEN = 'pul-spec-download-token-00000000000000';
const SPEC = readFileSync('specs/pulumi.openapi.yaml', 'utf8');

/** A loopback server that serves the spec at /spec.yaml and remembers the Authorization of every request. */
async function specServer(): Promise<{ url: string; seen: (string | undefined)[]; server: Server }> {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/yaml' });
    res.end(SPEC);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let target: Awaited<ReturnType<typeof specServer>>;
let elsewhere: Awaited<ReturnType<typeof specServer>>;
beforeAll(async () => {
  [target, elsewhere] = await Promise.all([specServer(), specServer()]);
});
afterAll(async () => {
  for (const s of [target, elsewhere]) await new Promise((resolve) => s.server.close(resolve));
});

/** Prepares a live Pulumi run whose spec comes from `specUrl`: the spec download is the only request it makes. */
async function load(specUrl: string, profile: Profile = builtInProfile('pulumi')) {
  target.seen.length = 0;
  elsewhere.seen.length = 0;
  const cfg = parseConfig({ PULUMI_API_URL: target.url, PULUMI_ACCESS_TOKEN: TOKEN, PULUMI_SPEC: specUrl });
  await prepare(resolveTarget(profile, cfg), cfg);
}

describe('the spec download', () => {
  it("sends the target's credential to the target's own origin", async () => {
    await load(`${target.url}/spec.yaml`);
    expect(target.seen).toEqual([`token ${TOKEN}`]);
  });

  it('sends no credential to a spec on another origin (same host, another port)', async () => {
    await load(`${elsewhere.url}/spec.yaml`);
    expect(elsewhere.seen).toEqual([undefined]);
    expect(target.seen).toEqual([]);
  });

  it('sends it there when the profile says the spec host needs it (spec.withCredential)', async () => {
    const pulumi = builtInProfile('pulumi');
    await load(`${elsewhere.url}/spec.yaml`, { ...pulumi, spec: { ...pulumi.spec, withCredential: true } });
    expect(elsewhere.seen).toEqual([`token ${TOKEN}`]);
  });
});
