import { type ReadAfterWrite, readsAfterWrite } from '../consistency/pairs.ts';
import { poll } from '../consistency/poll.ts';
import { expectationOf, observable, visibility } from '../consistency/visibility.ts';
import { inEnvelope } from '../core/envelope.ts';
import { type Exchange, provenance } from '../core/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import type { Operation } from '../spec/operation.ts';
import { blankParams } from '../spec/path-kinds.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { pathParams } from '../url/build-url.ts';
import { buildRequest } from './build-request.ts';
import { chooseCredential } from './credentials.ts';
import type { Prepared } from './prepare.ts';
import type { Resource } from './resources.ts';

/** A write that succeeded, seen with its raw body, what it made, and when it ended (performance clock). */
export interface DoneWrite {
  readonly operation: Operation;
  readonly exchange: Exchange;
  readonly pathValues: Readonly<Record<string, string>>;
  /** Resources the write created: each is read back on its own item path. */
  readonly made: readonly Resource[];
  readonly endedAt: number;
  /** Fills `{name}` in the read's query templates. */
  readonly resolveName: (name: string) => string | undefined;
}

/** The GET of each created resource's item path, by position: the read-back that needs no link. */
function createdPairs(prepared: Prepared, write: DoneWrite): ReadAfterWrite[] {
  return write.made.flatMap((r) => {
    const read = prepared.operations.find((o) => o.method === 'GET' && blankParams(o.path) === r.kind);
    if (!read) return [];
    const params = Object.fromEntries(pathParams(read.path).map((name, i) => [name, r.values[i] ?? '']));
    return [{ kind: 'create' as const, read, params, via: 'created' as const }];
  });
}

async function pollPair(prepared: Prepared, client: HttpClient, write: DoneWrite, pair: ReadAfterWrite) {
  const { target, spec } = prepared;
  const choice = chooseCredential(target, pair.read, spec.doc.security);
  if (choice.credential === undefined) return [];
  const values = { pathValues: pair.params, resolveName: write.resolveName };
  const built = buildRequest(target, spec, pair.read, values, choice.credential);
  if (!built.ok || pathParams(pair.read.path).some((p) => pair.params[p] === undefined)) return [];
  const { windowMs = 0, notYetVisible = [404] } = target.profile.consistency ?? {};
  // An API that wraps payloads (`{data: …}`) shows an update inside the envelope, as the consistency check sees it.
  const envelope = target.profile.response?.envelope;
  const expected = pair.kind === 'update' ? expectationOf(inEnvelope(write.exchange, envelope)) : undefined;
  const judge = (answer: Exchange) => {
    const ex = inEnvelope(answer, envelope);
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
 * Polls every read that must reflect a successful write (the created resource's item path, links, Location,
 * same-path GET, profile pairs), all at once; each poll is recorded as answered by its read, with the write it
 * follows in its purpose.
 */
export async function readBack(prepared: Prepared, client: HttpClient, write: DoneWrite): Promise<void> {
  const basePath = new URL(prepared.target.baseUrl).pathname.replace(/\/+$/, '');
  const pairs = [
    ...createdPairs(prepared, write),
    ...readsAfterWrite(write.operation, write.exchange, {
      operations: prepared.operationsById,
      router: prepared.router,
      basePath,
      evaluate: (expression) => evaluateExpression(expression, write.exchange, write.pathValues),
      pathValues: write.pathValues,
      profilePairs: prepared.target.profile.consistency?.pairs ?? [],
    }),
  ];
  const seen = new Set<string>();
  const distinct = pairs.filter((p) => !seen.has(p.read.id) && seen.add(p.read.id) !== undefined);
  await Promise.all(distinct.map((pair) => pollPair(prepared, client, write, pair)));
}
