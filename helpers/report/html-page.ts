/** The report page's stylesheet: inline, no fonts or images from anywhere. */
export const STYLE = `
:root { --pass:#1a7f37; --fail:#cf222e; --race:#bf8700; --skip:#8c959f; --line:#d0d7de; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; }
header { padding: 16px 24px; background: var(--bg); border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
main { padding: 0 24px 24px; }
.meta { color: #57606a; }
.banner { margin-top: 8px; padding: 8px 12px; border-radius: 6px; background: #fff8c5; border: 1px solid #d4a72c; }
.banner.bad { background: #ffebe9; border-color: var(--fail); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 280px; }
.card h3 { margin: 0 0 4px; font-size: 15px; }
.totals span { margin-right: 10px; font-weight: 600; }
.t-passed { color: var(--pass); } .t-failed { color: var(--fail); } .t-race { color: var(--race); } .t-skipped { color: var(--skip); }
.controls { position: sticky; top: 0; background: #fff; padding: 10px 0; display: flex; gap: 8px; flex-wrap: wrap; align-items: center; border-bottom: 1px solid var(--line); z-index: 1; }
.controls select, .controls input { font: inherit; padding: 4px 6px; }
.layout { display: flex; gap: 16px; align-items: flex-start; }
.matrix-wrap { flex: 1 1 auto; overflow-x: auto; }
table { border-collapse: collapse; }
#matrix th, #matrix td { border: 1px solid var(--line); padding: 3px 6px; }
#matrix thead th { background: var(--bg); font-weight: 600; }
#matrix tr.group th { text-align: left; background: #eaeef2; }
#matrix td.op { min-width: 200px; } #matrix td.op small { display: block; color: #57606a; word-break: break-all; }
td.cell { text-align: center; cursor: pointer; min-width: 40px; font-weight: 600; scroll-margin: 120px 0 40px; }
td.cell.passed { color: var(--pass); } td.cell.failed { color: #fff; background: var(--fail); }
td.cell.race { background: #fff8c5; color: var(--race); } td.cell.skipped { color: var(--skip); }
td.cell.hollow { color: var(--skip); font-weight: 400; }
td.cell.accepted { background: #ddf4ff; color: #0969da; }
.legend span { margin-right: 12px; }
td.cell.selected { outline: 3px solid #0969da; outline-offset: -3px; }
#details { flex: 0 0 32%; max-width: 32%; position: sticky; top: 60px; max-height: calc(100vh - 80px); overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 12px; background: #fff; }
#details:empty { display: none; }
pre { background: var(--bg); padding: 8px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
.finding { border-left: 4px solid var(--skip); padding: 2px 8px; margin: 6px 0; }
.finding.error { border-color: var(--fail); } .finding.warning { border-color: var(--race); }
.pairs td, .pairs th { border: 1px solid var(--line); padding: 3px 8px; text-align: right; } .pairs td:first-child, .pairs th:first-child { text-align: left; }
svg text { font: 11px system-ui, sans-serif; }
@media print {
  .controls, #details { display: none; }
  body { font-size: 11px; } td.cell.failed { background: none; color: var(--fail); }
}
`;

/** The report page's script: builds the matrix, filters and details from the embedded data; no network. */
export const SCRIPT = `
const data = JSON.parse(document.getElementById('data').textContent);
const S = data.summary, X = data.exchanges;
const $ = (s) => document.querySelector(s);
const esc = (t) => String(t ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const SYMBOL = { passed: '✓', failed: '✗', race: '⚠', accepted: '≈', skipped: '–' };
const checks = [...new Set(S.tests.map((t) => t.check))];
const apis = [...new Set(S.tests.map((t) => t.api))];
function fill(sel, values) { for (const v of values) sel.insertAdjacentHTML('beforeend', '<option>' + esc(v) + '</option>'); }
fill($('#f-api'), apis); fill($('#f-check'), checks);
const ops = new Map();
S.tests.forEach((t, i) => {
  const key = t.api + '\\u0000' + t.operation;
  if (!ops.has(key)) ops.set(key, { api: t.api, tag: t.tag, operation: t.operation, method: t.method, path: t.path, cells: {} });
  ops.get(key).cells[t.check] = i;
});
const head = '<tr><th>Operation</th>' + checks.map((c) => '<th data-check="' + esc(c) + '">' + esc(c) + '</th>').join('') + '</tr>';
let body = '', group = '';
for (const op of ops.values()) {
  const g = op.api + ' › ' + op.tag;
  if (g !== group) { group = g; body += '<tr class="group" data-api="' + esc(op.api) + '"><th colspan="' + (checks.length + 1) + '">' + esc(g) + '</th></tr>'; }
  body += '<tr class="op" data-api="' + esc(op.api) + '" data-search="' + esc((op.operation + ' ' + op.method + ' ' + op.path + ' ' + op.tag).toLowerCase()) + '"><td class="op">' + esc(op.operation) + '<small>' + esc(op.method + ' ' + op.path) + '</small></td>';
  for (const c of checks) {
    const i = op.cells[c];
    if (i === undefined) { body += '<td data-check="' + esc(c) + '"></td>'; continue; }
    const t = S.tests[i];
    const tip = t.reason || (t.findings.find((f) => f.severity !== 'note') || {}).title || t.outcome;
    const hollow = !t.validated && t.outcome !== 'skipped' && t.outcome !== 'failed';
    body += '<td class="cell ' + t.outcome + (hollow ? ' hollow' : '') + '" data-check="' + esc(c) + '" data-outcome="' + t.outcome + '" data-i="' + i + '" title="' + esc(tip) + '">' + (hollow ? '○' : SYMBOL[t.outcome]) + '</td>';
  }
  body += '</tr>';
}
$('#matrix').innerHTML = '<thead>' + head + '</thead><tbody>' + body + '</tbody>';
function apply() {
  const api = $('#f-api').value, check = $('#f-check').value, outcome = $('#f-outcome').value, q = $('#f-search').value.trim().toLowerCase();
  document.querySelectorAll('#matrix [data-check]').forEach((el) => { el.hidden = check !== '' && el.dataset.check !== check; });
  let shown = 0; const groups = new Set();
  document.querySelectorAll('#matrix tr.op').forEach((row) => {
    const cells = [...row.querySelectorAll('td.cell')].filter((c) => !c.hidden);
    const ok = (api === '' || row.dataset.api === api) && (q === '' || row.dataset.search.includes(q)) && (outcome === '' || cells.some((c) => c.dataset.outcome === outcome));
    row.hidden = !ok; if (ok) { shown++; groups.add(row.dataset.api); }
  });
  document.querySelectorAll('#matrix tr.group').forEach((g) => { let n = g.nextElementSibling, any = false; while (n && !n.classList.contains('group')) { any = any || !n.hidden; n = n.nextElementSibling; } g.hidden = !any; });
  $('#shown').textContent = shown + ' of ' + ops.size + ' operations shown';
}
['#f-api', '#f-check', '#f-outcome'].forEach((s) => $(s).addEventListener('change', apply));
$('#f-search').addEventListener('input', apply);
function exchangeHtml(e) {
  const req = e.method + ' ' + e.url + '\\n' + Object.entries(e.requestHeaders).map(([k, v]) => k + ': ' + v).join('\\n') + (e.requestBody ? '\\n\\n' + e.requestBody : '');
  const res = e.status === undefined ? 'no response: ' + (e.error || '') : 'HTTP ' + e.status + '\\n' + Object.entries(e.responseHeaders || {}).map(([k, v]) => k + ': ' + v).join('\\n') + '\\n\\n' + (e.responseBody || '');
  return '<h4>' + esc(e.variant) + ' <small>' + esc(e.elapsedMs) + ' ms, ' + esc(e.startedAt) + '</small></h4><pre class="request">' + esc(req) + '</pre><pre class="response">' + esc(res) + '</pre><details open><summary>curl</summary><pre class="curl">' + esc(e.curl) + '</pre></details>';
}
$('#matrix').addEventListener('click', (ev) => {
  const cell = ev.target.closest('td.cell'); if (!cell) return;
  document.querySelectorAll('td.cell.selected').forEach((c) => c.classList.remove('selected')); cell.classList.add('selected');
  const t = S.tests[Number(cell.dataset.i)], ex = X[cell.dataset.i] || [];
  $('#details').innerHTML = '<h3>' + esc(t.api + ' › ' + t.operation + ' › ' + t.check) + '</h3><p class="outcome t-' + t.outcome + '">' + esc(t.outcome) + (t.reason ? ': ' + esc(t.reason) : '') + '</p>'
    + t.findings.map((f) => '<div class="finding ' + f.severity + '"><b>' + esc(f.title) + '</b><br>' + esc(f.message) + '</div>').join('')
    + ex.map(exchangeHtml).join('');
});
apply();
`;
