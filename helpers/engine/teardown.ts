import { poll } from '../consistency/poll.ts';
import { provenance } from '../core/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import { pathParams } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import type { CreatedRegistry, CreatedResource } from './created-registry.ts';
import { chooseCredential } from './credentials.ts';
import type { Prepared } from './prepare.ts';
import { createVariables, type Variables } from './variables.ts';

/** True when a DELETE's answer means the resource no longer exists: deleted now (2xx) or already gone (404, 410). */
export const isGone = (status: number | undefined): boolean =>
  status !== undefined && ((status >= 200 && status < 300) || status === 404 || status === 410);

/** The DELETE that removes a resource named by this variable: the one whose last path parameter it is. */
export function deleteOperationFor(
  operations: readonly Operation[],
  variable: string,
): Operation | undefined {
  return operations.find((o) => o.method === 'DELETE' && pathParams(o.path).at(-1) === variable);
}

/** The GET that lists the resources a DELETE removes: the same path without its last segment. */
export function listOperationFor(operations: readonly Operation[], del: Operation): Operation | undefined {
  const parent = del.path.replace(/\/\{[^}]+\}$/, '');
  return operations.find((o) => o.method === 'GET' && o.path === parent);
}

function varsFor(prepared: Prepared, resource: CreatedResource): Variables {
  const vars = createVariables(
    { ...prepared.target.profile.parameters?.fixed, ...resource.context },
    prepared.target.runId,
  );
  for (const [k, v] of Object.entries(resource.context)) vars.created.set(k, v);
  vars.created.set(resource.variable, resource.value);
  return vars;
}

async function remove(
  prepared: Prepared,
  client: HttpClient,
  resource: CreatedResource,
): Promise<string | undefined> {
  const del = deleteOperationFor(prepared.operations, resource.variable);
  const name = `${resource.variable}=${resource.value} (from ${resource.createdBy})`;
  if (!del) return `${name}: no DELETE operation removes {${resource.variable}}`;
  const vars = varsFor(prepared, resource);
  const credential =
    chooseCredential(prepared.target, del, prepared.spec.doc.security).credential ??
    prepared.target.credential;
  const built = buildRequest(prepared.target, prepared.spec, del, vars, credential);
  if (!built.ok) return `${name}: ${built.reason}`;
  const sent = await client.send(built.request, provenance(del.id, { kind: 'teardown', step: 'delete' }));
  if (!isGone(sent.response?.status))
    return `${name}: ${del.id} answered ${sent.response?.status ?? sent.error}`;
  const list = listOperationFor(prepared.operations, del);
  if (!list) return undefined;
  const listed = buildRequest(prepared.target, prepared.spec, list, vars, credential);
  if (!listed.ok) return undefined;
  // Eventually consistent lists may still show it for a while: read until gone or the window passes.
  const { windowMs = 0 } = prepared.target.profile.consistency ?? {};
  const reads = await poll(
    (n) => client.send(listed.request, provenance(list.id, { kind: 'teardown', step: 'verify', attempt: n })),
    (ex) =>
      ex.response && !(client.rawBody(ex) ?? '').includes(resource.value)
        ? 'visible'
        : ex.response
          ? 'not-yet'
          : 'failed',
    { windowMs, confirmReads: 0 },
    performance.now(),
  );
  const last = reads.at(-1);
  return last?.response && (client.rawBody(last) ?? '').includes(resource.value)
    ? `${name}: still listed by ${list.id} after its delete`
    : undefined;
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
    else registry.remove(resource.value);
  }
  return leftovers;
}
