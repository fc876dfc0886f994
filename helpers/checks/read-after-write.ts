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

const NAME = 'consistency';

const endOf = (e: Exchange) => Date.parse(e.startedAt) + e.elapsedMs;

const DESCRIBE: Record<string, string> = {
  'window-exceeded': 'Visible only after the consistency window',
  'never-visible': 'Lost write: never visible',
  flapping: 'Flapping read: visible, then not visible again',
  'lost-update': 'Lost update: the change never showed',
  'delete-not-effective': 'Delete not effective: still readable',
  'read-failed': 'Read after write failed',
};

/**
 * `consistency`: every read that must reflect a write (OpenAPI link, Location, same-path GET) shows it within
 * the profile's window; the profile's "not yet visible" statuses inside the window are lag, flagged as a race.
 */
export const readAfterWrite: Check = {
  name: NAME,
  description:
    'Reads after a write show it within the consistency window: consistent, or a flagged race; never lost, late, flapping or undeleted.',
  needsBaseline: true,
  judgesReadBacks: true,
  notApplicable: (ctx) => (isWrite(ctx.operation) ? undefined : 'the operation is not a write'),
  verify(ctx, { baseline, readBacks = [] }) {
    const id = ctx.operation.id;
    const status = baseline?.response?.status ?? 0;
    if (!baseline || status < 200 || status >= 300) return [];
    const groups = readBacks.filter((g) => g.reads.length > 0);
    if (groups.length === 0)
      return [
        notValidated(
          NAME,
          id,
          'No read to check',
          'No OpenAPI link, Location header, GET of the created resource or GET of the same path reads what this write changed',
        ),
      ];
    const { windowMs = 0, notYetVisible = [404] } = ctx.target.profile.consistency ?? {};
    // Reads of an API that wraps payloads (`{data: …}`) show an update inside the envelope.
    const envelope = ctx.target.profile.response?.envelope;
    const out: Finding[] = [];
    for (const group of groups) {
      const lastAnswer = group.reads.filter((r) => (r.response?.status ?? 500) < 500).at(-1);
      const expectation =
        group.kind === 'update'
          ? observable(expectationOf(inEnvelope(baseline, envelope)), inEnvelope(lastAnswer, envelope))
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
      if (outcome === 'unanswered') {
        // Every read was a server error or went unanswered: that is the read's own failure (its status check).
        out.push({
          ...notValidated(
            NAME,
            id,
            'Read never answered',
            `${group.read} after ${group.kind}: ${trail}; the read's own checks judge these answers`,
          ),
          data,
        });
        continue;
      }
      if (FAILING_OUTCOMES.has(outcome)) {
        // The read that shows it: the one that failed, else the last one.
        const shown =
          group.reads.find((_r, i) => outcome === 'read-failed' && attempts[i]?.visibility === 'failed') ??
          group.reads.at(-1);
        out.push({
          ...finding(
            NAME,
            id,
            'error',
            DESCRIBE[outcome] ?? outcome,
            `${group.read} after ${group.kind}: Received: ${outcome === 'read-failed' ? received(shown) : trail} / Documented: visible within ${windowMs} ms (${notYetVisible.join(', ')} meanwhile)`,
            shown?.label,
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
    }
    return out;
  },
};
