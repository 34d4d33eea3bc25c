// spaceport's HTML report: renders the results embedded in the page (#spaceport-data) with the
// DOM's text nodes only, never as markup, so no text from the API, the plan or a log is ever
// interpreted. The filter lives in the address (#outcome=fail&check=dns.ttl).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('spaceport-data').textContent);
  var S = data.strings;
  var meta = data.meta;
  var OUTCOMES = ['fail', 'error', 'warn', 'waived', 'pass', 'skip'];  // worst first
  var SYMBOL = { pass: '\u2713', fail: '\u2717', warn: '!', skip: '\u2013', error: '?', waived: '~' };
  var PAGE = 500;
  var results = data.results.map(function (r, i) {
    return { i: i, outcome: S[r[0]], phase: S[r[1]], check: S[r[2]], migration: S[r[3]],
             subject: S[r[4]], message: S[r[5]], attempts: r[6], ms: r[7],
             evidence: r[8] < 0 ? null : S[r[8]], requestIds: r[9] };
  });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; }
      else if (k === 'class') { e.className = attrs[k]; }
      else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function badge(outcome) {
    return el('span', { class: 'badge o-' + outcome, text: SYMBOL[outcome] + ' ' + outcome });
  }
  function unique(key) {
    var seen = {}, out = [];
    results.forEach(function (r) { if (!seen[r[key]]) { seen[r[key]] = true; out.push(r[key]); } });
    return out;
  }
  function hashFor(filter) {
    return '#' + Object.keys(filter).filter(function (k) { return filter[k]; })
      .map(function (k) { return k + '=' + encodeURIComponent(filter[k]); }).join('&');
  }
  function readHash() {
    var f = { outcome: '', phase: '', check: '', migration: '', q: '' };
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq > 0 && Object.prototype.hasOwnProperty.call(f, part.slice(0, eq))) {
        try { f[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); } catch (e) { /* kept empty */ }
      }
    });
    return f;
  }

  var app = document.getElementById('app');
  var VERDICT = { 0: ['passed', 'pass'], 1: ['failed', 'fail'], 2: ['not run', 'error'],
                  3: ['undecided', 'error'] };
  var verdict = VERDICT[meta.exit_code] || ['exit ' + meta.exit_code, 'error'];
  app.appendChild(el('a', { class: 'skip', href: '#results-table', text: 'Skip to the results' }));
  app.appendChild(el('h1', {}, [el('span', { text: 'spaceport ' + meta.command + ': ' }),
    el('span', { class: 'verdict o-' + verdict[1], id: 'verdict',
                 text: verdict[0] + ' (exit ' + meta.exit_code + ')' })]));
  var facts = el('dl', { class: 'facts' });
  [['Plan', meta.plan], ['Plan SHA-256', meta.plan_sha256], ['Phases', meta.phases],
   ['Run by', meta.account], ['Started', meta.started_at], ['Finished', meta.finished_at],
   ['spaceport', meta.tool], ['Change', meta.change], ['CI run', meta.ci], ['Shard', meta.shard]]
    .forEach(function (f) {
      if (f[1]) { facts.appendChild(el('dt', { text: f[0] })); facts.appendChild(el('dd', { text: f[1] })); }
    });
  app.appendChild(facts);
  var counts = el('div', { class: 'counts', id: 'counts' });
  OUTCOMES.forEach(function (o) {
    counts.appendChild(el('span', { class: 'o-' + o, text: SYMBOL[o] + ' ' + (meta.summary[o] || 0) + ' ' + o }));
  });
  counts.appendChild(el('span', { class: 'o-skip', text: meta.summary.total + ' results' }));
  app.appendChild(counts);

  // The fleet matrix: one row per migration, one column per phase, the worst outcome and counts.
  var phases = unique('phase');
  var migrations = unique('migration');
  var cells = {};
  results.forEach(function (r) {
    var key = r.migration + '\u0000' + r.phase;
    var c = cells[key] || (cells[key] = {});
    c[r.outcome] = (c[r.outcome] || 0) + 1;
  });
  app.appendChild(el('h2', { text: 'Migrations by phase' }));
  var head = el('tr', {}, [el('th', { scope: 'col', text: 'Migration' })].concat(phases.map(function (p) {
    return el('th', { scope: 'col' }, [el('span', { text: p }),
      p === 'decommission' ? el('span', { class: 'guard', title: 'every one must pass before destroy', text: 'guards' }) : null]);
  })));
  var body = el('tbody');
  migrations.forEach(function (m) {
    var row = el('tr', {}, [el('th', { scope: 'row' }, [el('a', { href: hashFor({ migration: m }), text: m })])]);
    phases.forEach(function (p) {
      var c = cells[m + '\u0000' + p];
      if (!c) { row.appendChild(el('td', { class: 'muted', text: '\u2013' })); return; }
      var worst = OUTCOMES.filter(function (o) { return c[o]; })[0];
      var text = OUTCOMES.filter(function (o) { return c[o]; })
        .map(function (o) { return c[o] + ' ' + o; }).join(' \u00b7 ');
      row.appendChild(el('td', {}, [el('a', { class: 'o-' + worst, href: hashFor({ migration: m, phase: p }),
        text: SYMBOL[worst] + ' ' + text })]));
    });
    body.appendChild(row);
  });
  app.appendChild(el('table', { class: 'matrix' }, [el('thead', {}, [head]), body]));

  // Details: the filters, kept in the address, and the matching results a page at a time.
  app.appendChild(el('h2', { text: 'Results' }));
  var filters = el('form', { class: 'filters', role: 'search' });
  function select(name, label, values) {
    var s = el('select', { name: name, id: 'filter-' + name },
      [el('option', { value: '', text: 'all' })].concat(values.map(function (v) { return el('option', { value: v, text: v }); })));
    filters.appendChild(el('label', { for: 'filter-' + name }, [el('span', { text: label }), s]));
    return s;
  }
  var controls = {
    outcome: select('outcome', 'Outcome', OUTCOMES), phase: select('phase', 'Phase', phases),
    check: select('check', 'Check', unique('check').sort()), migration: select('migration', 'Migration', migrations)
  };
  controls.q = el('input', { type: 'search', name: 'q', id: 'filter-q', placeholder: 'subject or message' });
  filters.appendChild(el('label', { for: 'filter-q' }, [el('span', { text: 'Search' }), controls.q]));
  var clear = el('button', { type: 'button', text: 'Show all' });
  filters.appendChild(clear);
  app.appendChild(filters);
  var shown = el('p', { id: 'shown', 'aria-live': 'polite' });
  app.appendChild(shown);
  var rows = el('tbody');
  app.appendChild(el('table', { id: 'results-table' }, [el('thead', {}, [el('tr', {},
    ['Outcome', 'Migration', 'Phase', 'Check', 'Subject', 'Message', 'Attempts', 'Time'].map(function (h) {
      return el('th', { scope: 'col', text: h });
    }))]), rows]));
  var more = el('button', { type: 'button', class: 'more', text: 'Show more' });
  app.appendChild(more);

  function evidence(r) {
    if (!r.evidence) { return null; }
    var d = el('details', {}, [el('summary', { text: 'evidence' })]);
    d.addEventListener('toggle', function () {
      if (d.open && d.childNodes.length === 1) {
        var text;
        try {
          var shown = JSON.parse(r.evidence);
          if (r.requestIds.length) { shown.request_ids = r.requestIds.map(function (k) { return S[k]; }); }
          text = JSON.stringify(shown, null, 2);
        } catch (e) { text = r.evidence; }
        d.appendChild(el('pre', { text: text }));
      }
    });
    return d;
  }
  var matching = [], limit = PAGE;
  function renderRows() {
    while (rows.firstChild) { rows.removeChild(rows.firstChild); }
    matching.slice(0, limit).forEach(function (r) {
      rows.appendChild(el('tr', { class: 'result' }, [
        el('td', {}, [badge(r.outcome)]), el('td', { text: r.migration }), el('td', { text: r.phase }),
        el('td', {}, [el('code', { text: r.check }), r.phase === 'decommission' ? el('span', { class: 'guard', text: 'guard' }) : null]),
        el('td', { text: r.subject }),
        el('td', { class: 'message' }, [el('span', { text: r.message }), evidence(r)]),
        el('td', { text: String(r.attempts) }), el('td', { text: r.ms + ' ms' })]));
    });
    shown.textContent = matching.length + ' of ' + results.length + ' results' +
      (matching.length > limit ? ', the first ' + limit + ' shown' : '');
    more.hidden = matching.length <= limit;
  }
  function apply() {
    var f = readHash();
    Object.keys(controls).forEach(function (k) { controls[k].value = f[k]; });
    var q = f.q.toLowerCase();
    matching = results.filter(function (r) {
      return (!f.outcome || r.outcome === f.outcome) && (!f.phase || r.phase === f.phase) &&
        (!f.check || r.check === f.check) && (!f.migration || r.migration === f.migration) &&
        (!q || (r.subject + '\n' + r.message).toLowerCase().indexOf(q) >= 0);
    });
    limit = PAGE;
    renderRows();
  }
  function fromControls() {
    var f = {};
    Object.keys(controls).forEach(function (k) { f[k] = controls[k].value; });
    history.replaceState(null, '', hashFor(f) === '#' ? location.pathname + location.search : hashFor(f));
    apply();
  }
  Object.keys(controls).forEach(function (k) {
    controls[k].addEventListener(k === 'q' ? 'input' : 'change', fromControls);
  });
  filters.addEventListener('submit', function (e) { e.preventDefault(); });
  clear.addEventListener('click', function () { location.hash = ''; apply(); });
  more.addEventListener('click', function () { limit += PAGE; renderRows(); });
  window.addEventListener('hashchange', apply);

  if (meta.waivers.length) {
    app.appendChild(el('h2', { text: 'Waivers' }));
    app.appendChild(el('table', {}, [el('thead', {}, [el('tr', {},
      ['Status', 'Migration', 'Check', 'Subject', 'Reason', 'Approved by', 'Expires', 'Waived'].map(function (h) {
        return el('th', { scope: 'col', text: h });
      }))]), el('tbody', {}, meta.waivers.map(function (w) {
        return el('tr', {}, [w.status, w.migration, w.check, w.subject, w.reason, w.approved_by, w.expires,
          String(w.matched)].map(function (t) { return el('td', { text: t }); }));
      }))]));
  }
  app.appendChild(el('h2', { text: 'API use' }));
  app.appendChild(el('p', { id: 'api', text: meta.api }));
  apply();
  document.body.setAttribute('data-rendered-ms', String(Math.round(performance.now())));
}());
