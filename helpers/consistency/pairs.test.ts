import { describe, expect, it } from 'vitest';
import { CLOUDPIRATES_SPEC_PATH } from '../mocks/cloudpirates/cloudpirates-mock.ts';
import { enumerateOperations } from '../spec/enumerate-operations.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createRouter } from '../spec/path-router.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { exchange, jsonResponse } from '../testing/fixtures.ts';
import { readsAfterWrite } from './pairs.ts';

const spec = await loadSpec(CLOUDPIRATES_SPEC_PATH);
const operations = new Map(enumerateOperations(spec).map((o) => [o.id, o]));
const op = (id: string) => {
  const found = operations.get(id);
  if (!found) throw new Error(id);
  return found;
};
const pairsOf = (
  id: string,
  status: number,
  body: unknown,
  pathValues: Record<string, string> = {},
  headers: Record<string, string> = {},
) => {
  const ex = exchange(jsonResponse(status, body, headers), {
    request: { method: 'POST', url: 'http://h/v1/x', headers: {} },
  });
  return readsAfterWrite(op(id), ex, {
    operations,
    router: createRouter(spec.doc.paths ?? {}),
    basePath: '/v1',
    evaluate: (e) => evaluateExpression(e, ex, pathValues),
    pathValues,
    profilePairs: [{ write: 'CreateApiKey', read: 'ListApiKeys' }],
  }).map((p) => `${p.kind} ${p.read.id} via ${p.via} ${JSON.stringify(p.params)}`);
};

describe('readsAfterWrite', () => {
  it('follows links from a create to its reads', () => {
    expect(pairsOf('CreateWorkspace', 201, { workspaceId: 'w1' })).toEqual([
      'create GetWorkspace via link {"workspaceId":"w1"}',
      'create ListWorkspaceMembers via link {"workspaceId":"w1"}',
    ]);
    expect(pairsOf('CreateCluster', 201, { clusterId: 'c1' }, { workspaceId: 'w1' })).toEqual([
      'create GetCluster via link {"workspaceId":"w1","clusterId":"c1"}',
    ]);
  });

  it('reads a delete back on the same path and an update on its parent path', () => {
    expect(pairsOf('DeleteWorkspace', 204, {}, { workspaceId: 'w1' })).toEqual([
      'delete GetWorkspace via same-path {"workspaceId":"w1"}',
    ]);
    expect(pairsOf('RenameCluster', 204, {}, { workspaceId: 'w1', clusterId: 'c1' })).toEqual([
      'update GetCluster via parent-path {"workspaceId":"w1","clusterId":"c1"}',
    ]);
  });

  it('follows a Location header through the router, and takes pairs from the profile', () => {
    expect(
      pairsOf('CreateInvitation', 201, {}, { workspaceId: 'w1' }, { location: '/v1/workspaces/w1' }),
    ).toEqual(['create GetWorkspace via location {"workspaceId":"w1"}']);
    expect(pairsOf('CreateApiKey', 201, { id: 'k1' })).toEqual(['create ListApiKeys via profile {}']);
  });

  it('has nothing to read after a failed write', () => {
    expect(pairsOf('CreateWorkspace', 409, { status: 409, message: 'dup' })).toEqual([]);
  });
});
