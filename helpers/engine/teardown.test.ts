import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/env.ts';
import { parseProfile } from '../config/load-profile.ts';
import { createRedactor } from '../core/redact.ts';
import { createHttpClient } from '../http/client.ts';
import { type RunningMock, startMockServer } from '../mocks/mock-server.ts';
import { json, type MockApp } from '../mocks/mock-types.ts';
import { createRegistry } from './created-registry.ts';
import { prepare } from './prepare.ts';
import { resolveTarget } from './target.ts';
import { probeLeftovers, teardown } from './teardown.ts';

// Folders hold files. Lists are eventually consistent: a deleted item stays listed for the next two listings of
// its collection (counted, not timed, so a loaded machine changes nothing). A folder whose files still show in
// its listing refuses its delete with 409, as APIs that keep children do.
const item = { type: 'object', properties: { id: { type: 'string' } } };
const list = { type: 'array', items: item };
const ok = (schema: object) => ({ description: 'ok', content: { 'application/json': { schema } } });
const id = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'folders', version: '1' },
  paths: {
    '/folders': { get: { operationId: 'listFolders', responses: { 200: ok(list) } } },
    '/folders/{folder}': {
      parameters: [id('folder')],
      delete: { operationId: 'deleteFolder', responses: { 204: { description: 'gone' } } },
    },
    '/folders/{folder}/files': {
      parameters: [id('folder')],
      get: { operationId: 'listFiles', responses: { 200: ok(list) } },
    },
    '/folders/{folder}/files/{file}': {
      parameters: [id('folder'), id('file')],
      delete: { operationId: 'deleteFile', responses: { 204: { description: 'gone' } } },
    },
  },
};

interface Folders {
  /** Items of each collection (`''` for the folders, a folder's id for its files), with listings left to show. */
  readonly lists: Map<string, Map<string, number>>;
  readonly requests: string[];
}

function foldersApp(state: Folders, stuck: ReadonlySet<string>): MockApp {
  const listing = (key: string) => {
    const items = state.lists.get(key) ?? new Map<string, number>();
    const shown = [...items.keys()].map((i) => ({ id: i }));
    for (const [i, left] of items)
      if (left !== Number.POSITIVE_INFINITY && !stuck.has(i)) {
        if (left <= 1) items.delete(i);
        else items.set(i, left - 1);
      }
    return shown;
  };
  const remove = (key: string, i: string) => state.lists.get(key)?.set(i, 2);
  return {
    handle(req) {
      state.requests.push(`${req.method} ${req.path}`);
      const [, , folder, , file] = req.path.split('/');
      if (req.method === 'GET' && req.path === '/folders') return json(200, listing(''));
      if (req.method === 'GET' && folder && !file) return json(200, listing(folder));
      if (req.method === 'DELETE' && folder && file) {
        remove(folder, file);
        return { status: 204 };
      }
      if (req.method === 'DELETE' && folder) {
        if ((state.lists.get(folder)?.size ?? 0) > 0) return json(409, { message: 'folder not empty' });
        remove('', folder);
        return { status: 204 };
      }
      return json(404, { message: 'no such route' });
    },
  };
}

describe('teardown', () => {
  let mock: RunningMock;
  let state: Folders;
  const stuck = new Set<string>();
  beforeAll(async () => {
    state = { lists: new Map(), requests: [] };
    mock = await startMockServer(foldersApp(state, stuck));
  });
  afterAll(() => mock.close());

  async function tearDown(resources: [kind: string, values: string[]][]) {
    const dir = mkdtempSync(join(tmpdir(), 'teardown-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(SPEC));
    const profile = parseProfile(
      { name: 'folders', spec: { path: './openapi.json' }, consistency: { windowMs: 200 } },
      'folders.yaml',
      dir,
    );
    const cfg = parseConfig({ RUN_ID: 'teardown' });
    const prepared = await prepare(resolveTarget(profile, cfg, mock.url), cfg);
    const client = createHttpClient({
      timeoutMs: 5_000,
      concurrency: 4,
      redact: createRedactor([]),
      limits: { maxRequests: 0, ratePerSecond: 0 },
    });
    const registry = createRegistry();
    for (const [kind, values] of resources) registry.add({ kind, values, createdBy: 'test' });
    try {
      return { leftovers: await teardown(prepared, client, registry), pending: registry.pending() };
    } finally {
      await client.close();
    }
  }

  const seed = (folders: Record<string, string[]>) => {
    state.lists.clear();
    state.requests.length = 0;
    state.lists.set('', new Map(Object.keys(folders).map((f) => [f, Number.POSITIVE_INFINITY])));
    for (const [f, files] of Object.entries(folders))
      state.lists.set(f, new Map(files.map((x) => [x, Number.POSITIVE_INFINITY])));
  };

  it('deletes files before their folder, waiting until the listing no longer shows them', async () => {
    seed({ a: ['a1', 'a2'], b: [] });
    // In the order the run made them; teardown goes newest first.
    const { leftovers, pending } = await tearDown([
      ['/folders/{}', ['a']],
      ['/folders/{}', ['b']],
      ['/folders/{}/files/{}', ['a', 'a1']],
      ['/folders/{}/files/{}', ['a', 'a2']],
    ]);
    expect(leftovers).toEqual([]);
    expect(pending).toEqual([]);
    const deletes = state.requests.filter((r) => r.startsWith('DELETE'));
    expect(deletes).toEqual([
      'DELETE /folders/a/files/a2',
      'DELETE /folders/a/files/a1',
      'DELETE /folders/b',
      'DELETE /folders/a',
    ]);
    // One listing per collection at each depth, read until none of its deleted items shows: a folder's delete
    // comes only after its files' listing came back empty.
    const firstFolderDelete = state.requests.indexOf('DELETE /folders/b');
    expect(
      state.requests.slice(0, firstFolderDelete).filter((r) => r === 'GET /folders/a/files'),
    ).toHaveLength(3);
    expect(state.requests.filter((r) => r === 'GET /folders')).toHaveLength(3);
  });

  it('names what is still listed after its delete, and keeps it registered', async () => {
    seed({ c: ['c1', 'c2'] });
    stuck.add('c2');
    try {
      const { leftovers, pending } = await tearDown([
        ['/folders/{}/files/{}', ['c', 'c1']],
        ['/folders/{}/files/{}', ['c', 'c2']],
      ]);
      expect(leftovers).toEqual([
        '/folders/c/files/c2 (from test): still listed by listFiles after its delete',
      ]);
      expect(pending.map((r) => r.values)).toEqual([['c', 'c2']]);
    } finally {
      stuck.clear();
    }
  });
});

describe('what probes made, torn down while the run still deletes', () => {
  const made = (kind: string, values: string[], byProbe = false) => ({
    kind,
    values,
    createdBy: byProbe ? 'createFile (a boundary body)' : 'createFolder',
    ...(byProbe ? { byProbe } : {}),
  });
  it('takes a probe-made resource unless it lives inside one the run made itself', () => {
    const own = made('/folders/{}', ['a']);
    const strayFolder = made('/folders/{}', ['s'], true);
    const strayInOwn = made('/folders/{}/files/{}', ['a', 'f1'], true);
    const strayInStray = made('/folders/{}/files/{}', ['s', 'f2'], true);
    const strayElsewhere = made('/folders/{}/files/{}', ['listed', 'f3'], true);
    const ownFile = made('/folders/{}/files/{}', ['a', 'f4']);
    const all = [own, strayFolder, strayInOwn, strayInStray, strayElsewhere, ownFile];
    expect(probeLeftovers(all)).toEqual([strayFolder, strayInStray, strayElsewhere]);
  });
});
