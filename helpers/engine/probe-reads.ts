import { type ReadAfterWrite, readsAfterWrite } from '../consistency/pairs.ts';
import { poll } from '../consistency/poll.ts';
import { expectationOf, observable, visibility } from '../consistency/visibility.ts';
import { type Exchange, provenance } from '../core/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { buildRequest } from './build-request.ts';
import { chooseCredential } from './credentials.ts';
import type { Prepared } from './prepare.ts';
import type { Variables } from './variables.ts';

/** A write that succeeded, seen with its raw body, and when it ended (performance clock). */
export interface DoneWrite {
  readonly operation: Operation;
  readonly exchange: Exchange;
  readonly pathValues: Readonly<Record<string, string>>;
  readonly endedAt: number;
}

async function pollPair(
  prepared: Prepared,
  client: HttpClient,
  vars: Variables,
  write: DoneWrite,
  pair: ReadAfterWrite,
) {
  const { target, spec } = prepared;
  // The read is addressed by the pair's values first, then by whatever the run knows.
  const overlay: Variables = {
    discovered: new Map([...vars.created, ...vars.discovered, ...Object.entries(pair.params)]),
    created: new Map(vars.created),
  };
  const choice = chooseCredential(target, pair.read, spec.doc.security);
  const built = buildRequest(target, spec, pair.read, overlay, choice.credential ?? target.credential);
  if (!built.ok || choice.credential === undefined) return [];
  const { windowMs = 0, notYetVisible = [404] } = target.profile.consistency ?? {};
  const expected = pair.kind === 'update' ? expectationOf(write.exchange) : undefined;
  const judge = (ex: Exchange) => {
    if (pair.kind !== 'update') return visibility(pair.kind, ex, notYetVisible);
    const shown = observable(expected, ex);
    return shown ? visibility('update', ex, notYetVisible, shown) : visibility('create', ex, notYetVisible);
  };
  const read = (attempt: number) =>
    client.send(
      built.request,
      provenance(pair.read.id, { kind: 'poll', after: write.operation.id, write: pair.kind, attempt }),
    );
  return poll(read, judge, { windowMs }, write.endedAt);
}

/**
 * Polls every read that must reflect a successful write (links, Location, same-path GET, profile pairs), all
 * at once; each poll is recorded as answered by its read, with the write it follows in its purpose.
 */
export async function probeReads(
  prepared: Prepared,
  client: HttpClient,
  vars: Variables,
  write: DoneWrite,
): Promise<Exchange[]> {
  const basePath = new URL(prepared.target.baseUrl).pathname.replace(/\/+$/, '');
  const pairs = readsAfterWrite(write.operation, write.exchange, {
    operations: prepared.operationsById,
    router: prepared.router,
    basePath,
    evaluate: (expression) => evaluateExpression(expression, write.exchange, write.pathValues),
    pathValues: write.pathValues,
    profilePairs: prepared.target.profile.consistency?.pairs ?? [],
  });
  return (await Promise.all(pairs.map((pair) => pollPair(prepared, client, vars, write, pair)))).flat();
}
