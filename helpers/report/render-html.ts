import { readFileSync } from 'node:fs';
import { consistencyChart } from './consistency-chart.ts';
import { escapeXml as esc } from './escape.ts';
import { pageData } from './page-data.ts';
import type { Summary, Totals } from './summary.ts';
import type { ExchangeRecord } from './test-record.ts';

// The page's own style and script, inlined: the report is one file that fetches nothing.
const asset = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
const STYLE = asset('report.css');
const SCRIPT = asset('report.js');

/** Why checks validated nothing, counted, as the count's tooltip: `12 no schema for the media type, 2 no read to check`. */
const unvalidatedWhy = (t: Totals) => {
  const parts = Object.entries(t.unvalidatedWhy ?? {}).map(([why, n]) => `${n} ${why.toLowerCase()}`);
  return parts.length > 0 ? ` title="${esc(parts.join(', '))}"` : '';
};
const totals = (t: Totals | undefined) =>
  t
    ? `<p class="totals"><span class="t-passed">${t.passed} passed</span><span class="t-failed">${t.failed} failed</span><span class="t-skipped">${t.skipped} skipped</span><span class="t-race">${t.races} races</span><span class="t-warning">${t.warnings} warnings</span><span class="t-skipped"${unvalidatedWhy(t)}>${t.unvalidated} not validated</span></p>`
    : '';

function consistencySection(summary: Summary): string {
  const blocks = summary.consistency
    .filter((c) => c.pairs.length > 0)
    .map((c, i) => {
      const rows = c.pairs
        .map((p) => {
          // A pair without a measured time shows none, not 0 ms.
          const ms = (v: number) => (p.count === 0 ? '–' : String(v));
          const outcomes = Object.entries(p.outcomes)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
          return `<tr><td>${esc(`${p.write} → ${p.read}`)} <small>(${esc(p.kind)})</small></td><td>${p.count}</td><td>${ms(p.p50)}</td><td>${ms(p.p95)}</td><td>${ms(p.max)}</td><td>${esc(outcomes)}</td></tr>`;
        })
        .join('');
      return `<h3>${esc(c.api)} <small class="meta">window ${c.windowMs} ms</small></h3><table class="pairs"><thead><tr><th>write → read</th><th>timed</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>outcomes</th></tr></thead><tbody>${rows}</tbody></table>${consistencyChart(c.pairs, c.windowMs, `chart${i}`)}`;
    })
    .join('');
  return blocks
    ? `<section id="consistency"><h2>Eventual consistency: time to visibility</h2>${blocks}</section>`
    : '';
}

function card(summary: Summary, t: Summary['targets'][number]): string {
  const where = t.live ? t.baseUrl : `embedded mock (${t.baseUrl})`;
  const stopped = t.http.stopped ? `<br><b>stopped: ${esc(t.http.stopped)}</b>` : '';
  const left =
    t.leftovers.length > 0
      ? `<div class="banner bad"><b>Left behind:</b> ${t.leftovers.map(esc).join('<br>')}</div>`
      : '';
  return `<div class="card" data-api="${esc(t.api)}"><h3>${esc(t.title)} <small class="meta">profile ${esc(t.api)}</small></h3><div class="meta">${esc(where)}<br>spec: ${esc(t.specTitle)} ${esc(t.specVersion)}<br>${t.http.requests} requests, ${t.http.retries} retried, ${t.http.rateLimited} rate-limited${stopped}</div>${totals(summary.apis[t.api])}${left}</div>`;
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
  const banner = summary.complete
    ? ''
    : `<div class="banner bad" role="alert"><b>Incomplete run</b> (${esc(summary.endReason)}): ${summary.errors.map(esc).join('<br>') || 'interrupted before every check ran'}</div>`;
  const data = JSON.stringify(pageData(summary, exchanges)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>API conformance report</title><style>${STYLE}</style></head>
<body><header><h1>API conformance report</h1>
<div class="meta">started ${esc(summary.startedAt)} · took ${(summary.durationMs / 1000).toFixed(1)} s · generated ${esc(summary.generatedAt)}</div>
<div id="totals">${totals(summary.totals)}</div>${banner}<div class="cards">${summary.targets.map((t) => card(summary, t)).join('')}</div></header>
<main><div class="controls"><label>API <select id="f-api"><option value="">all</option></select></label>
<label>check <select id="f-check"><option value="">all</option></select></label>
<label>outcome <select id="f-outcome"><option value="">all</option><option>passed</option><option>failed</option><option>race</option><option>warning</option><option>accepted</option><option>skipped</option></select></label>
<input id="f-search" type="search" placeholder="search operation, path or tag" aria-label="search operation, path or tag"> <span id="shown" class="meta" aria-live="polite"></span>
<span class="legend meta"><span>✓ passed</span><span>○ passed, validated nothing</span><span>⚠ race</span><span>! warning</span><span>≈ known failure (baseline)</span><span>✗ failed</span><span>– skipped</span><span>arrow keys move, Enter opens</span></span></div>
<div class="layout"><div class="matrix-wrap"><table id="matrix" role="grid" aria-label="operations × checks"></table></div><aside id="details" aria-live="polite"></aside></div>
${consistencySection(summary)}</main>
<script id="data" type="application/json">${data}</script><script>${SCRIPT}</script></body></html>
`;
}
