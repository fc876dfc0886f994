// The report page's script, inlined into index.html: draws the operation × check matrix from the embedded data
// (see page-data.ts for its shape), filters it, moves through it by keyboard and shows a cell's details. It
// fetches nothing. Rows are drawn a chunk at a time as the matrix scrolls into view, so a 5,000-operation report
// opens and filters as fast as a small one; printing draws them all.
(() => {
  const D = JSON.parse(document.getElementById('data').textContent);
  const s = (i) => (i < 0 ? undefined : D.strings[i]);
  const $ = (q) => document.querySelector(q);
  const esc = (t) =>
    String(t ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const SYMBOL = { passed: '✓', failed: '✗', race: '⚠', warning: '!', accepted: '≈', skipped: '–' };
  const CHUNK = 200;
  const checks = D.checks.map(s);

  // Operations with their cells (test indexes by check), in the data's order: grouped by API and tag.
  const ops = D.ops.map((o) => ({
    api: s(o[0]),
    tag: s(o[1]),
    operation: s(o[2]),
    method: s(o[3]),
    path: s(o[4]),
    cells: new Array(checks.length).fill(-1),
  }));
  for (const o of ops) o.search = `${o.operation} ${o.method} ${o.path} ${o.tag}`.toLowerCase();
  D.tests.forEach((t, i) => {
    ops[t[0]].cells[checks.indexOf(s(t[1]))] = i;
  });
  const outcomeOf = (i) => s(D.tests[i][2]);

  const fill = (sel, values) => {
    for (const v of values) sel.insertAdjacentHTML('beforeend', `<option>${esc(v)}</option>`);
  };
  fill($('#f-api'), [...new Set(ops.map((o) => o.api))]);
  fill($('#f-check'), checks);

  const matrix = $('#matrix');
  const body = document.createElement('tbody');
  let shown = []; // indexes of the operations the filters let through
  let drawn = 0; // how many of them have rows
  let columns = []; // indexes of the checks shown
  let active; // the cell that takes the keyboard focus (roving tabindex)

  function cellHtml(i, c) {
    if (i < 0) return `<td data-c="${c}"></td>`;
    const t = D.tests[i];
    const outcome = outcomeOf(i);
    const hollow = t[3] === 0 && outcome !== 'skipped' && outcome !== 'failed';
    const first = t[5].find((f) => s(f[0]) !== 'note');
    const tip = s(t[4]) ?? (first ? s(first[1]) : outcome);
    const label = `${checks[c]}: ${hollow ? 'passed, validated nothing' : outcome}`;
    return `<td class="cell ${outcome}${hollow ? ' hollow' : ''}" role="gridcell" tabindex="-1" data-c="${c}" data-i="${i}" title="${esc(tip)}" aria-label="${esc(label)}">${hollow ? '○' : SYMBOL[outcome]}</td>`;
  }

  function rowsHtml(from, to) {
    let html = '';
    for (let k = from; k < to; k++) {
      const o = ops[shown[k]];
      const previous = k > 0 ? ops[shown[k - 1]] : undefined;
      // A group heading opens each API › tag once: the operations come grouped.
      if (!previous || previous.api !== o.api || previous.tag !== o.tag)
        html += `<tr class="group"><th colspan="${columns.length + 1}" scope="rowgroup">${esc(`${o.api} › ${o.tag}`)}</th></tr>`;
      html += `<tr class="op" data-k="${k}"><th class="op" scope="row"><span>${esc(o.operation)}</span><small>${esc(`${o.method} ${o.path}`)}</small></th>${columns.map((c) => cellHtml(o.cells[c], c)).join('')}</tr>`;
    }
    return html;
  }

  const more = () => body.querySelector('tr.more');
  function drawMore(all) {
    more()?.remove();
    const to = all ? shown.length : Math.min(shown.length, drawn + CHUNK);
    body.insertAdjacentHTML('beforeend', rowsHtml(drawn, to));
    drawn = to;
    if (drawn < shown.length) {
      body.insertAdjacentHTML(
        'beforeend',
        `<tr class="more"><td colspan="${columns.length + 1}">${shown.length - drawn} more operations: scroll on</td></tr>`,
      );
      watcher.observe(more());
    }
    if (!active) setActive(body.querySelector('td.cell'), false);
  }
  const watcher = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) drawMore(false);
  });

  function apply() {
    const api = $('#f-api').value;
    const check = $('#f-check').value;
    const outcome = $('#f-outcome').value;
    const q = $('#f-search').value.trim().toLowerCase();
    columns = checks.map((_c, c) => c).filter((c) => check === '' || checks[c] === check);
    shown = [];
    ops.forEach((o, k) => {
      if (api !== '' && o.api !== api) return;
      if (q !== '' && !o.search.includes(q)) return;
      if (outcome !== '' && !columns.some((c) => o.cells[c] >= 0 && outcomeOf(o.cells[c]) === outcome))
        return;
      shown.push(k);
    });
    watcher.disconnect();
    active = undefined;
    drawn = 0;
    matrix.innerHTML = `<thead><tr><th scope="col">Operation</th>${columns.map((c) => `<th scope="col">${esc(checks[c])}</th>`).join('')}</tr></thead>`;
    body.textContent = '';
    matrix.append(body);
    drawMore(false);
    $('#shown').textContent = `${shown.length} of ${ops.length} operations shown`;
  }
  for (const id of ['#f-api', '#f-check', '#f-outcome']) $(id).addEventListener('change', apply);
  $('#f-search').addEventListener('input', apply);
  window.addEventListener('beforeprint', () => drawMore(true));

  // Details of a cell: findings, then each judged exchange folded to one line, the first one an error is about open.
  function exchangeHtml(x, open, about) {
    const e = D.exchanges[x];
    const lines = (refs) => refs.map(s).join('\n');
    const url = s(e[3]);
    let where = url;
    try {
      const u = new URL(url);
      where = u.pathname + u.search;
    } catch {}
    const status = e[6] < 0 ? `no response: ${s(e[9]) ?? ''}` : `HTTP ${e[6]}`;
    const request = `${s(e[2])} ${url}\n${lines(e[4])}${e[5] >= 0 ? `\n\n${s(e[5])}` : ''}`;
    const response = e[6] < 0 ? status : `${status}\n${lines(e[7])}\n\n${s(e[8]) ?? ''}`;
    const line = `${s(e[2])} ${where} → ${e[6] < 0 ? 'no response' : e[6]} · ${e[10]} ms`;
    return `<details class="exchange${about ? ' about' : ''}"${open ? ' open' : ''}><summary title="${esc(`${s(e[0])}: ${s(e[2])} ${url}`)}"><b>${esc(s(e[1]))}</b> ${esc(s(e[0]))} · ${esc(line)}</summary><pre class="curl">${esc(s(e[12]))}</pre><pre class="response">${esc(response)}</pre><details class="request"><summary>request as sent · ${esc(s(e[11]))}</summary><pre>${esc(request)}</pre></details></details>`;
  }
  function showDetails(cell) {
    for (const c of document.querySelectorAll('td.cell.selected')) c.classList.remove('selected');
    cell.classList.add('selected');
    const i = Number(cell.dataset.i);
    const t = D.tests[i];
    const o = ops[t[0]];
    // The exchanges the errors are about come first; only the first exchange is open, the rest fold to a line.
    const about = new Set(t[7]);
    const order = [...t[6].filter((x) => about.has(x)), ...t[6].filter((x) => !about.has(x))];
    const outcome = outcomeOf(i);
    const findings = t[5]
      .map(
        (f) =>
          `<div class="finding ${esc(s(f[0]))}"><b>${esc(s(f[1]))}</b>${f[3] >= 0 ? ` <small class="meta">${esc(s(f[3]))}</small>` : ''}<div class="message">${esc(s(f[2]))}</div></div>`,
      )
      .join('');
    const judged =
      order.length > 0 ? `<h4>${order.length} exchange${order.length === 1 ? '' : 's'} judged</h4>` : '';
    $('#details').innerHTML =
      `<h3>${esc(`${o.api} › ${o.operation} › ${s(t[1])}`)}</h3><div class="meta">${esc(`${o.method} ${o.path}`)}</div>` +
      `<p class="outcome t-${outcome}">${esc(outcome)}${t[4] >= 0 ? `: ${esc(s(t[4]))}` : ''}</p>${findings}${judged}` +
      order.map((x, k) => exchangeHtml(x, k === 0, about.has(x))).join('');
  }

  // Keyboard: the matrix is one tab stop; arrows move between cells, Enter or Space shows a cell's details.
  function setActive(cell, focus) {
    if (!cell) return;
    if (active && active !== cell) active.tabIndex = -1;
    active = cell;
    cell.tabIndex = 0;
    if (focus) cell.focus();
  }
  const cellsOf = (row) => [...row.querySelectorAll('td.cell')];
  function rowAfter(row, step) {
    let r = step > 0 ? row.nextElementSibling : row.previousElementSibling;
    while (r && !r.classList.contains('op')) {
      if (step > 0 && r.classList.contains('more')) {
        drawMore(false);
        r = row.nextElementSibling;
        continue;
      }
      r = step > 0 ? r.nextElementSibling : r.previousElementSibling;
    }
    return r;
  }
  function nearest(row, cell) {
    const cells = cellsOf(row);
    const x = cell.getBoundingClientRect().left;
    const distance = (c) => Math.abs(c.getBoundingClientRect().left - x);
    return cells.reduce((best, c) => (distance(c) < distance(best) ? c : best), cells[0]);
  }
  matrix.addEventListener('keydown', (ev) => {
    const cell = ev.target.closest?.('td.cell');
    if (!cell) return;
    const row = cell.parentElement;
    const cells = cellsOf(row);
    const at = cells.indexOf(cell);
    let next;
    if (ev.key === 'ArrowRight') next = cells[at + 1];
    else if (ev.key === 'ArrowLeft') next = cells[at - 1];
    else if (ev.key === 'Home') next = cells[0];
    else if (ev.key === 'End') next = cells[cells.length - 1];
    else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      let r = rowAfter(row, step);
      while (r && cellsOf(r).length === 0) r = rowAfter(r, step);
      next = r ? nearest(r, cell) : undefined;
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      showDetails(cell);
      return;
    } else return;
    ev.preventDefault();
    if (next) setActive(next, true);
  });
  matrix.addEventListener('click', (ev) => {
    const cell = ev.target.closest('td.cell');
    if (!cell) return;
    setActive(cell, false);
    showDetails(cell);
  });
  matrix.addEventListener('focusin', (ev) => {
    if (ev.target.matches?.('td.cell')) setActive(ev.target, false);
  });

  if (ops.length === 0) {
    $('.layout').innerHTML = '<p class="empty">No check ran: the banner above says why.</p>';
    $('#shown').textContent = '0 operations';
  } else apply();
})();
