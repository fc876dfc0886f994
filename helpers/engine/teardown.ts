import { poll } from '../consistency/poll.ts';
import { type Exchange, type OutgoingRequest, provenance } from '../core/exchange.ts';
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

/** A resource deleted, and the listing that should no longer show it (none when no GET lists its kind). */
interface Deleted {
  readonly resource: CreatedResource;
  readonly list?: { readonly operation: Operation; readonly request: OutgoingRequest };
}

/** Sends the DELETE of one resource: a problem to report, or what to list to verify it is gone. */
async function remove(
  prepared: Prepared,
  client: HttpClient,
  resource: CreatedResource,
): Promise<{ problem: string } | Deleted> {
  const name = describe(resource);
  const del = deleteOperationFor(prepared.operations, resource.kind);
  if (!del) return { problem: `${name}: no DELETE operation removes ${resource.kind}` };
  const credential =
    chooseCredential(prepared.target, del, prepared.spec.doc.security).credential ??
    prepared.target.credential;
  const named = (n: string) => prepared.target.profile.parameters?.fixed?.[n];
  const values = { resolveName: named, pathValues: valuesFor(del, resource.values) };
  const built = buildRequest(prepared.target, prepared.spec, del, values, credential);
  if (!built.ok) return { problem: `${name}: ${built.reason}` };
  const sent = await client.send(built.request, provenance(del.id, { kind: 'teardown', step: 'delete' }));
  if (!isGone(sent.response?.status))
    return { problem: `${name}: ${del.id} answered ${sent.response?.status ?? sent.error}` };
  const list = listOperationFor(prepared.operations, resource.kind);
  if (!list) return { resource };
  const listValues = { resolveName: named, pathValues: valuesFor(list, resource.values) };
  const listed = buildRequest(prepared.target, prepared.spec, list, listValues, credential);
  return listed.ok ? { resource, list: { operation: list, request: listed.request } } : { resource };
}

/**
 * Lists until none of the resources deleted from one collection shows any more, or the window passes; returns
 * the ones still listed. Eventually consistent lists may show a deleted resource for a while.
 */
async function stillShown(
  prepared: Prepared,
  client: HttpClient,
  group: readonly Required<Deleted>[],
): Promise<readonly Required<Deleted>[]> {
  const [first] = group;
  if (!first) return [];
  const { operation, request } = first.list;
  const { windowMs = 0 } = prepared.target.profile.consistency ?? {};
  const shown = (ex: Exchange) =>
    ex.response === undefined
      ? []
      : group.filter((d) => stillListed(prepared, d.resource, client.rawBody(ex)));
  const reads = await poll(
    (n) => client.send(request, provenance(operation.id, { kind: 'teardown', step: 'verify', attempt: n })),
    (ex) => (!ex.response ? 'failed' : shown(ex).length > 0 ? 'not-yet' : 'visible'),
    { windowMs, confirmReads: 0 },
    performance.now(),
  );
  const last = reads.at(-1);
  return last ? shown(last) : [];
}

/** Path depth of a kind: `/projects/{}/tasks/{}` is 2. Deeper resources live inside shallower ones. */
const depthOf = (r: CreatedResource) => r.values.length;

/** True when `inner` lives in `outer`: the outer kind is a prefix of the inner one, with the same values. */
const inside = (inner: CreatedResource, outer: CreatedResource) =>
  outer.values.length < inner.values.length &&
  inner.kind.startsWith(`${outer.kind}/`) &&
  outer.values.every((v, i) => inner.values[i] === v);

/**
 * What a probe made that can go once the run's deletes are answered, while their read-backs still run: it lives
 * inside nothing the run made itself (whose delete is the final teardown's, children first).
 */
export const probeLeftovers = (pending: readonly CreatedResource[]): CreatedResource[] =>
  pending.filter((r) => r.byProbe === true && !pending.some((o) => o.byProbe !== true && inside(r, o)));

/**
 * Deletes every resource the run created and did not delete itself (a failed test, an interrupted run), or those
 * of them `select` picks, then lists to verify each is gone. Resources inside others go first: one depth at a
 * time, deepest first, each depth deleted newest first and then verified with one listing per collection, read
 * until none of its deleted items shows (so the lag of an eventually consistent list is waited out once per
 * collection, not once per resource, and a parent is deleted only once its children are gone from the lists).
 * Returns what is left, by name; never touches what the run did not create.
 */
export async function teardown(
  prepared: Prepared,
  client: HttpClient,
  registry: CreatedRegistry,
  select: (pending: readonly CreatedResource[]) => readonly CreatedResource[] = (all) => all,
): Promise<string[]> {
  const leftovers: string[] = [];
  const pending = select(registry.pending());
  const depths = [...new Set(pending.map(depthOf))].sort((a, b) => b - a);
  for (const depth of depths) {
    const verify = new Map<string, Required<Deleted>[]>();
    for (const resource of pending.filter((r) => depthOf(r) === depth)) {
      const outcome = await remove(prepared, client, resource);
      if ('problem' in outcome) leftovers.push(outcome.problem);
      else if (!outcome.list) registry.remove(resource.kind, resource.values);
      else {
        const key = `${outcome.list.request.method} ${outcome.list.request.url}`;
        verify.set(key, [...(verify.get(key) ?? []), outcome as Required<Deleted>]);
      }
    }
    const shown = await Promise.all([...verify.values()].map((group) => stillShown(prepared, client, group)));
    const left = new Set(shown.flat());
    for (const group of verify.values())
      for (const d of group) {
        if (left.has(d))
          leftovers.push(`${describe(d.resource)}: still listed by ${d.list.operation.id} after its delete`);
        else registry.remove(d.resource.kind, d.resource.values);
      }
  }
  return leftovers;
}
