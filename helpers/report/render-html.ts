import { escapeXml } from './escape.ts';
import { SCRIPT, STYLE } from './html-page.ts';
import type { Summary, Totals } from './summary.ts';
import type { ExchangeRecord } from './test-record.ts';

const esc = escapeXml;
const totals = (t: Totals | undefined) =>
  t
    ? `<p class="totals"><span class="t-passed">${t.passed} passed</span><span class="t-failed">${t.failed} failed</span><span class="t-skipped">${t.skipped} skipped</span><span class="t-race">${t.races} races</span><span class="t-race">${t.warnings} warnings</span><span class="t-skipped">${t.unvalidated} not validated</span></p>`
    : '';

const shorten = (label: string) => (label.length > 58 ? `…${label.slice(-57)}` : label);

/** An inline SVG chart of time to visibility per pair: p50 bar, max whisker, the window as a dashed line. */
function consistencyChart(pairs: Summary['consistency'][number]['pairs'], windowMs: number): string {
  if (pairs.length === 0) return '';
  const row = 22;
  const left = 360;
  const width = 320;
  const scale = Math.max(windowMs, ...pairs.map((p) => p.max), 1);
  const x = (ms: number) => left + (ms / scale) * width;
  const bars = pairs
    .map((p, i) => {
      const y = i * row + 4;
      return `<text x="${left - 6}" y="${y + 12}" text-anchor="end">${esc(shorten(`${p.write} → ${p.read}`))}</text><rect x="${left}" y="${y + 2}" width="${x(p.max) - left}" height="12" fill="#d0d7de"/><rect x="${left}" y="${y + 2}" width="${x(p.p50) - left}" height="12" fill="#0969da"/><text x="${x(p.max) + 4}" y="${y + 12}">${p.p50}/${p.max} ms</text>`;
    })
    .join('');
  const height = pairs.length * row + 20;
  const window =
    windowMs > 0
      ? `<line x1="${x(windowMs)}" x2="${x(windowMs)}" y1="0" y2="${height - 14}" stroke="#cf222e" stroke-dasharray="4 3"/><text x="${x(windowMs)}" y="${height - 2}" text-anchor="middle" fill="#cf222e">window ${windowMs} ms</text>`
      : '';
  return `<svg class="chart" role="img" aria-label="time to visibility" width="${left + width + 110}" height="${height}" viewBox="0 0 ${left + width + 110} ${height}">${bars}${window}</svg>`;
}

function consistencySection(summary: Summary): string {
  const blocks = summary.consistency
    .filter((c) => c.pairs.length > 0)
    .map((c) => {
      const rows = c.pairs
        .map(
          (p) =>
            `<tr><td>${esc(`${p.write} → ${p.read}`)} <small>(${esc(p.kind)})</small></td><td>${p.count}</td><td>${p.p50}</td><td>${p.p95}</td><td>${p.max}</td><td>${esc(
              Object.entries(p.outcomes)
                .map(([k, v]) => `${k} ${v}`)
                .join(', '),
            )}</td></tr>`,
        )
        .join('');
      return `<h3>${esc(c.api)} <small class="meta">window ${c.windowMs} ms</small></h3><table class="pairs"><thead><tr><th>write → read</th><th>count</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>outcomes</th></tr></thead><tbody>${rows}</tbody></table>${consistencyChart(c.pairs, c.windowMs)}`;
    })
    .join('');
  return blocks
    ? `<section id="consistency"><h2>Eventual consistency: time to visibility</h2>${blocks}</section>`
    : '';
}

/**
 * The HTML report: one self-contained file (inline style, script and data; nothing fetched), readable from disk
 * or a CI artifact: header with targets and totals, the operation × check matrix with filters and details, and
 * the consistency figures with a chart.
 */
export function renderHtml(
  summary: Summary,
  exchanges: Readonly<Record<number, readonly ExchangeRecord[]>>,
): string {
  const cards = summary.targets
    .map(
      (t) =>
        `<div class="card" data-api="${esc(t.api)}"><h3>${esc(t.title)} <small class="meta">profile ${esc(t.api)}</small></h3><div class="meta">${esc(t.live ? t.baseUrl : `embedded mock (${t.baseUrl})`)}<br>spec: ${esc(t.specTitle)} ${esc(t.specVersion)}<br>${t.http.requests} requests, ${t.http.retries} retried, ${t.http.rateLimited} rate-limited${t.http.stopped ? `<br><b>stopped: ${esc(t.http.stopped)}</b>` : ''}</div>${totals(summary.apis[t.api])}${t.leftovers.length > 0 ? `<div class="banner bad"><b>Left behind:</b> ${t.leftovers.map(esc).join('<br>')}</div>` : ''}</div>`,
    )
    .join('');
  const banner = summary.complete
    ? ''
    : `<div class="banner bad"><b>Incomplete run</b> (${esc(summary.endReason)}): ${summary.errors.map(esc).join('<br>') || 'interrupted before every check ran'}</div>`;
  const data = JSON.stringify({ summary, exchanges }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>API conformance report</title><style>${STYLE}</style></head>
<body><header><h1>API conformance report</h1>
<div class="meta">started ${esc(summary.startedAt)} · took ${(summary.durationMs / 1000).toFixed(1)} s · generated ${esc(summary.generatedAt)}</div>
<div id="totals">${totals(summary.totals)}</div>${banner}<div class="cards">${cards}</div></header>
<main><div class="controls"><label>API <select id="f-api"><option value="">all</option></select></label>
<label>check <select id="f-check"><option value="">all</option></select></label>
<label>outcome <select id="f-outcome"><option value="">all</option><option>passed</option><option>failed</option><option>race</option><option>accepted</option><option>skipped</option></select></label>
<input id="f-search" type="search" placeholder="search operation, path or tag"> <span id="shown" class="meta"></span>
<span class="legend meta"><span>✓ passed</span><span>○ passed, validated nothing</span><span>⚠ race</span><span>≈ known failure (baseline)</span><span>✗ failed</span><span>– skipped</span></span></div>
<div class="layout"><div class="matrix-wrap"><table id="matrix"></table></div><aside id="details"></aside></div>
${consistencySection(summary)}</main>
<script id="data" type="application/json">${data}</script><script>${SCRIPT}</script></body></html>
`;
}
