import type { PairFigures } from '../consistency/figures.ts';
import { escapeXml as esc } from './escape.ts';

const WIDTH = 760;
const BARS = 540;
const ROW = 38;
/** Longer labels are cut in the middle (the write and the read stay readable); the whole label is the tooltip. */
const MAX_LABEL = 100;

const cutMiddle = (text: string) =>
  text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL / 2 - 1)}…${text.slice(-(MAX_LABEL / 2 - 1))}` : text;

/** Outcomes that carry no time to visibility, in words. */
const UNTIMED: Readonly<Record<string, string>> = {
  'never-visible': 'never visible',
  'lost-update': 'update never visible',
  'delete-not-effective': 'delete never effective',
  'read-failed': 'read failed',
  unanswered: 'read never answered',
};

/** What the probes of a pair without a time came to, e.g. `never visible ×2`. */
const untimed = (p: PairFigures) =>
  Object.entries(p.outcomes)
    .filter(([outcome, n]) => n > 0 && UNTIMED[outcome] !== undefined)
    .map(([outcome, n]) => `${UNTIMED[outcome]}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');

/**
 * An inline SVG chart of time to visibility per write → read pair: the median as a bar, the maximum behind it,
 * the window as a dashed line. A pair whose write never showed has no time: it is drawn as a hatched red bar up
 * to the window and says so, never as a bar of 0 ms (which would read as instantly visible). Each label sits on
 * its own line above its bar, starting at the left edge, so no label is ever cut off.
 */
export function consistencyChart(pairs: readonly PairFigures[], windowMs: number, id: string): string {
  if (pairs.length === 0) return '';
  const scale = Math.max(windowMs * 1.1, ...pairs.map((p) => p.max), 1);
  const x = (ms: number) => Math.round((ms / scale) * BARS * 10) / 10;
  const rows = pairs.map((p, i) => {
    const y = i * ROW;
    const name = `${p.write} → ${p.read} (${p.kind})`;
    const missing = untimed(p) || 'no time measured';
    const label = `<text x="0" y="${y + 12}"><title>${esc(name)}</title>${esc(cutMiddle(name))}</text>`;
    if (p.count === 0) {
      const end = windowMs > 0 ? x(windowMs) : BARS;
      return `${label}<rect class="never" x="0" y="${y + 17}" width="${end}" height="12" fill="url(#${id}-never)" stroke="#cf222e"/><text x="${end + 6}" y="${y + 27}" fill="#cf222e">${esc(missing)}</text>`;
    }
    const note = untimed(p) ? ` · ${untimed(p)}` : '';
    return `${label}<rect x="0" y="${y + 17}" width="${x(p.max)}" height="12" fill="#d0d7de"/><rect x="0" y="${y + 17}" width="${x(p.p50)}" height="12" fill="#0969da"/><text x="${x(p.max) + 6}" y="${y + 27}"${note ? ' fill="#cf222e"' : ''}>${p.p50}/${p.max} ms${esc(note)}</text>`;
  });
  const height = pairs.length * ROW + 18;
  const window =
    windowMs > 0
      ? `<line x1="${x(windowMs)}" x2="${x(windowMs)}" y1="14" y2="${height - 14}" stroke="#cf222e" stroke-dasharray="4 3"/><text x="${x(windowMs)}" y="${height - 2}" text-anchor="middle" fill="#cf222e">window ${windowMs} ms</text>`
      : '';
  const hatch = `<defs><pattern id="${id}-never" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffebe9"/><line x1="0" y1="0" x2="0" y2="6" stroke="#cf222e" stroke-width="2"/></pattern></defs>`;
  return `<svg class="chart" role="img" aria-label="time to visibility per write → read pair (median bar, maximum behind it)" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${hatch}${rows.join('')}${window}</svg>`;
}
