import type { WriteKind } from '../consistency/pairs.ts';
import {
  type Attempt,
  classify,
  expectationOf,
  FAILING_OUTCOMES,
  observable,
  visibility,
} from '../consistency/visibility.ts';
import { inEnvelope } from '../core/envelope.ts';
import type { Exchange } from '../core/exchange.ts';
import { type Finding, finding, notValidated } from '../core/finding.ts';
import { isWrite } from '../spec/operation.ts';
import type { Check } from './check.ts';
import { received } from './check-helpers.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';

const NAME = 'consistency';
/** Variant name of a read-after-write probe: `raw:<kind>:<readOperationId>#<attempt>`. */
export const probeVariant = (kind: WriteKind, readId: string, attempt: number): string =>
  `raw:${kind}:${readId}#${attempt}`;
const PROBE = /^raw:(create|update|delete):(.+)#(\d+)$/;

const endOf = (e: Exchange) => Date.parse(e.startedAt) + e.elapsedMs;

const DESCRIBE: Record<string, string> = {
  'window-exceeded': 'Visible only after the consistency window',
  'never-visible': 'Lost write: never visible',
  flapping: 'Flapping read: visible, then not visible again',
  'lost-update': 'Lost update: the change never showed',
  'delete-not-effective': 'Delete not effective: still readable',
  'read-failed': 'Read after write failed',
};

/** Groups probe exchanges by read operation, attempts in order. */
function probes(exchanges: ReadonlyMap<string, Exchange>) {
  const groups = new Map<string, { kind: WriteKind; read: string; reads: Exchange[] }>();
  for (const [name, ex] of exchanges) {
    const m = PROBE.exec(name);
    if (!m) continue;
    const key = `${m[1]}:${m[2]}`;
    const group = groups.get(key) ?? { kind: m[1] as WriteKind, read: m[2] ?? '', reads: [] };
    group.reads[Number(m[3]) - 1] = ex;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, reads: g.reads.filter(Boolean) }));
}

/**
 * `consistency`: every read that must reflect a write (OpenAPI link, Location, same-path GET) shows it within
 * the profile's window; the profile's "not yet visible" statuses inside the window are lag, flagged as a race.
 */
export const readAfterWrite: Check = {
  name: NAME,
  description:
    'Reads after a write show it within the consistency window: consistent, or a flagged race; never lost, late, flapping or undeleted.',
  needsBaseline: true,
  alsoJudges: (variant) => PROBE.test(variant),
  notApplicable: (ctx) => (isWrite(ctx.operation) ? undefined : 'the operation is not a write'),
  verify(ctx, { baseline, variants }) {
    const id = ctx.operation.id;
    const status = baseline?.response?.status ?? 0;
    if (!baseline || status < 200 || status >= 300) return [];
    const groups = probes(variants);
    if (groups.length === 0)
      return [
        notValidated(
          NAME,
          id,
          'No read to check',
          'No OpenAPI link, Location header or GET of the same path reads what this write changed',
        ),
      ];
    const { windowMs = 0, notYetVisible = [404] } = ctx.target.profile.consistency ?? {};
    // Reads of an API that wraps payloads (`{data: …}`) show an update inside the envelope.
    const envelope = ctx.target.profile.response?.envelope;
    const out: Finding[] = [];
    for (const group of groups) {
      const expectation =
        group.kind === 'update'
          ? observable(
              expectationOf(inEnvelope(baseline, envelope)),
              inEnvelope(group.reads.at(-1), envelope),
            )
          : undefined;
      if (group.kind === 'update' && !expectation) {
        out.push(
          notValidated(
            NAME,
            id,
            'Update not observable',
            `${group.read} shows none of the fields this write sets`,
          ),
        );
        continue;
      }
      const attempts: Attempt[] = group.reads.map((r) => ({
        atMs: Math.max(0, Math.round(Date.parse(r.startedAt) - endOf(baseline))),
        visibility: visibility(group.kind, inEnvelope(r, envelope), notYetVisible, expectation),
        ...(r.response ? { status: r.response.status } : {}),
      }));
      const { outcome, timeToVisibleMs } = classify(group.kind, attempts, windowMs);
      const data = { read: group.read, kind: group.kind, outcome, timeToVisibleMs, reads: attempts.length };
      const trail = attempts.map((a) => `${a.status ?? 'none'}@${a.atMs}ms`).join(' ');
      if (FAILING_OUTCOMES.has(outcome)) {
        const last = group.reads.at(-1);
        out.push({
          ...finding(
            NAME,
            id,
            'error',
            DESCRIBE[outcome] ?? outcome,
            `${group.read} after ${group.kind}: Received: ${outcome === 'read-failed' ? received(last) : trail} / Documented: visible within ${windowMs} ms (${notYetVisible.join(', ')} meanwhile)`,
          ),
          data,
        });
        continue;
      }
      const title =
        outcome === 'race'
          ? `Read-after-write race: visible after ${timeToVisibleMs} ms`
          : 'Consistent: visible on the first read';
      out.push({
        ...finding(
          NAME,
          id,
          outcome === 'race' ? 'warning' : 'note',
          title,
          `${group.read} after ${group.kind}: ${trail} (window ${windowMs} ms)`,
        ),
        data,
      });
      const readOp = ctx.operationById(group.read);
      const visibleRead = group.reads.find(
        (r) => visibility(group.kind, inEnvelope(r, envelope), notYetVisible, expectation) === 'visible',
      );
      if (readOp && visibleRead && group.kind !== 'delete') {
        const schema = responseSchemaConformance.verify(
          { ...ctx, operation: readOp },
          { baseline: visibleRead, variants: new Map() },
        );
        out.push(
          ...schema
            .filter((f) => f.severity === 'error')
            .map((f) => ({
              ...f,
              check: NAME,
              operation: id,
              message: `${group.read} after ${group.kind}: ${f.message}`,
            })),
        );
      }
    }
    return out;
  },
};
