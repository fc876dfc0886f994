import { poll } from '../consistency/poll.ts';
import { type Exchange, provenance } from '../core/exchange.ts';
import { tryParseJson } from '../core/json.ts';
import type { HttpClient } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import { blankParams, collectionOf } from '../spec/path-kinds.ts';
import { pathParams } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import type { CreatedRegistry, CreatedResource } from './created-registry.ts';
import { chooseCredential } from './credentials.ts';
import { idOf, itemsOf } from './id-fields.ts';
import type { Prepared } from './prepare.ts';

/** True when a DELETE's answer means the resource no longer exists: deleted now (2xx) or already gone (404, 410). */
export const isGone = (status: number | undefined): boolean =>
  status !== undefined && ((status >= 200 && status < 300) || status === 404 || status === 410);

/** The DELETE that removes a resource of a kind: the one whose path is the kind's item path. */
export function deleteOperationFor(operations: readonly Operation[], kind: string): Operation | undefined {
  return operations.find((o) => o.method === 'DELETE' && blankParams(o.path) === kind);
}

/** The GET that lists the resources of a kind: the one whose path is the kind's collection. */
export function listOperationFor(operations: readonly Operation[], kind: string): Operation | undefined {
  return operations.find((o) => o.method === 'GET' && blankParams(o.path) === collectionOf(kind));
}

/** Path values of an operation, by position, from a resource's values. */
const valuesFor = (op: Operation, values: readonly string[]) =>
  Object.fromEntries(pathParams(op.path).map((name, i) => [name, values[i] ?? '']));

/** The resource's item path with its values, for people: `/projects/p1/tasks/t7`. */
const describe = (r: CreatedResource) => {
  let i = 0;
  return `${r.kind.replace(/\{\}/g, () => r.values[i++] ?? '?')} (from ${r.createdBy})`;
};

/** True when a list still shows the resource: an item with its id, or (not JSON) its value in the text. */
function stillListed(prepared: Prepared, r: CreatedResource, body: string | undefined): boolean {
  const id = r.values.at(-1) ?? '';
  const parsed = tryParseJson(body);
  if (parsed === undefined) return (body ?? '').includes(id);
  const names = prepared.plan.idNames.get(r.kind) ?? [];
  return itemsOf(parsed).some((item) => idOf(item, r.kind, names) === id);
}

async function remove(
  prepared: Prepared,
  client: HttpClient,
  resource: CreatedResource,
): Promise<string | undefined> {
  const name = describe(resource);
  const del = deleteOperationFor(prepared.operations, resource.kind);
  if (!del) return `${name}: no DELETE operation removes ${resource.kind}`;
  const credential =
    chooseCredential(prepared.target, del, prepared.spec.doc.security).credential ??
    prepared.target.credential;
  const named = (n: string) => prepared.target.profile.parameters?.fixed?.[n];
  const values = { resolveName: named, pathValues: valuesFor(del, resource.values) };
  const built = buildRequest(prepared.target, prepared.spec, del, values, credential);
  if (!built.ok) return `${name}: ${built.reason}`;
  const sent = await client.send(built.request, provenance(del.id, { kind: 'teardown', step: 'delete' }));
  if (!isGone(sent.response?.status))
    return `${name}: ${del.id} answered ${sent.response?.status ?? sent.error}`;
  const list = listOperationFor(prepared.operations, resource.kind);
  if (!list) return undefined;
  const listValues = { resolveName: named, pathValues: valuesFor(list, resource.values) };
  const listed = buildRequest(prepared.target, prepared.spec, list, listValues, credential);
  if (!listed.ok) return undefined;
  // Eventually consistent lists may still show it for a while: read until gone or the window passes.
  const { windowMs = 0 } = prepared.target.profile.consistency ?? {};
  const shows = (ex: Exchange) =>
    ex.response !== undefined && stillListed(prepared, resource, client.rawBody(ex));
  const reads = await poll(
    (n) => client.send(listed.request, provenance(list.id, { kind: 'teardown', step: 'verify', attempt: n })),
    (ex) => (!ex.response ? 'failed' : shows(ex) ? 'not-yet' : 'visible'),
    { windowMs, confirmReads: 0 },
    performance.now(),
  );
  const last = reads.at(-1);
  return last && shows(last) ? `${name}: still listed by ${list.id} after its delete` : undefined;
}

/**
 * Deletes, newest first, every resource the run created and did not delete itself (a failed test, an interrupted
 * run), then lists to verify each is gone. Returns what is left, by name; never touches what the run did not create.
 */
export async function teardown(
  prepared: Prepared,
  client: HttpClient,
  registry: CreatedRegistry,
): Promise<string[]> {
  const leftovers: string[] = [];
  for (const resource of registry.pending()) {
    const problem = await remove(prepared, client, resource);
    if (problem) leftovers.push(problem);
    else registry.remove(resource.kind, resource.values);
  }
  return leftovers;
}
