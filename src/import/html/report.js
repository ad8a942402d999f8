(function () {
  'use strict';
  var PER_PAGE = 50, TOP_REPORTS = 15;
  var KEYS = ['kind', 'severity', 'report', 'q', 'sort', 'page'];
  var SEVERITIES = ['error', 'warning'];
  var ACROSS = '(across reports)';
  var root = document.body;
  var $ = function (id) { return document.getElementById(id); };

  var reports = JSON.parse($('lkjip-reports').textContent);
  var reportOf = Object.create(null);
  reports.forEach(function (r, i) { r.order = i; reportOf[r.id] = r; });
  var items = [];
  $('lkjip-findings').textContent.split('\n').forEach(function (line) {
    if (line) { var it = JSON.parse(line); it.n = items.length; items.push(it); }
  });
  var kinds = [];
  items.forEach(function (it) { if (kinds.indexOf(it.k) < 0) kinds.push(it.k); });
  kinds.sort();

  function order(it) { var r = reportOf[it.r]; return r ? r.order : reports.length; }
  var SORTS = {
    severity: function (a, b) { return (a.s === b.s ? 0 : a.s === 'error' ? -1 : 1) || a.n - b.n; },
    delta: function (a, b) { return (b.d === null ? -1 : b.d) - (a.d === null ? -1 : a.d) || a.n - b.n; },
    report: function (a, b) { return order(a) - order(b) || a.n - b.n; },
    kind: function (a, b) { return a.k < b.k ? -1 : a.k > b.k ? 1 : SORTS.severity(a, b); }
  };

  // the view in the address: `#kind=…&severity=…`; what it cannot follow is said, never dropped
  function read(hash) {
    var state = {}, problems = [];
    hash.replace(/^#/, '').split('&').forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf('='), key, value;
      try {
        key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
        value = decodeURIComponent(at < 0 ? '' : pair.slice(at + 1).replace(/\+/g, ' '));
      } catch (e) { problems.push('“' + pair + '” is not a filter the address can hold'); return; }
      if (KEYS.indexOf(key) < 0) problems.push('unknown filter “' + key + '” (filters: ' + KEYS.join(', ') + ')');
      else state[key] = value;
    });
    if (state.kind && kinds.indexOf(state.kind) < 0)
      problems.push('no finding is of kind “' + state.kind + '” (kinds here: ' + (kinds.join(', ') || 'none') + ')');
    if (state.severity && SEVERITIES.indexOf(state.severity) < 0)
      problems.push('unknown severity “' + state.severity + '” (error or warning)');
    if (state.report && state.report !== ACROSS && !reportOf[state.report])
      problems.push('no report has the id “' + state.report + '”');
    if (state.sort && !SORTS[state.sort])
      problems.push('unknown sort “' + state.sort + '” (' + Object.keys(SORTS).join(', ') + ')');
    if (state.page && !/^[1-9][0-9]*$/.test(state.page))
      problems.push('page “' + state.page + '” is not a page number');
    return { state: state, problems: problems };
  }
  function write(state) {
    var parts = [];
    KEYS.forEach(function (k) { if (state[k]) parts.push(k + '=' + encodeURIComponent(state[k])); });
    return '#' + parts.join('&');
  }
  function withState(state, changes) {
    var next = {};
    KEYS.forEach(function (k) { if (state[k]) next[k] = state[k]; });
    Object.keys(changes).forEach(function (k) { if (changes[k]) next[k] = changes[k]; else delete next[k]; });
    return next;
  }

  var textOf = function (it) {
    if (it.t === undefined) {
      // a template's content is inert: nothing in it loads or runs
      var holder = document.createElement('template');
      holder.innerHTML = it.h;
      it.t = holder.content.textContent.toLowerCase();
    }
    return it.t;
  };
  function matches(state, it) {
    if (state.kind && it.k !== state.kind) return false;
    if (state.severity && it.s !== state.severity) return false;
    if (state.report && it.r !== (state.report === ACROSS ? '' : state.report)) return false;
    return !state.q || textOf(it).indexOf(state.q.toLowerCase()) >= 0;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function count(state, n, changes) {
    return el('a', { href: write(withState(state, changes)), 'class': n ? '' : 'zero' }, [String(n)]);
  }
  function tally(shown, keyOf) {
    var by = Object.create(null);
    shown.forEach(function (it) {
      var key = keyOf(it), t = by[key] || (by[key] = { error: 0, warning: 0 });
      t[it.s] = (t[it.s] || 0) + 1;
    });
    return by;
  }
  function bar(state, t, widest, changes) {
    var cell = el('td', { 'class': 'bar' });
    SEVERITIES.forEach(function (s) {
      if (!t[s]) return;
      var span = el('span', { 'class': s, title: t[s] + ' ' + s });
      span.style.width = Math.max(2, Math.round(120 * t[s] / widest)) + 'px';
      cell.appendChild(el('a', { href: write(withState(state, Object.assign({ severity: s, page: '' }, changes))) }, [span]));
    });
    return cell;
  }
  function summaryTable(table, state, by, names, label, key) {
    table.textContent = '';
    table.appendChild(el('tr', {}, [el('th', {}, [label]), el('th', {}, ['error']), el('th', {}, ['warning']), el('th', {}, ['all']), el('th', {}, [''])]));
    var widest = 1;
    names.forEach(function (n) { var t = by[n.key]; widest = Math.max(widest, t.error + t.warning); });
    names.forEach(function (n) {
      var t = by[n.key], changes = {}, cells = [];
      changes[key] = n.value; changes.page = '';
      var name = el('td', { 'class': 'name', title: n.title || n.label }, [n.label]);
      cells.push(name);
      SEVERITIES.forEach(function (s) { cells.push(el('td', {}, [count(state, t[s], Object.assign({ severity: s }, changes))])); });
      cells.push(el('td', {}, [count(state, t.error + t.warning, Object.assign({ severity: '' }, changes))]));
      cells.push(bar(state, t, widest, changes));
      table.appendChild(el('tr', {}, cells));
    });
  }

  var showAllReports = false;
  function summary(state, shown) {
    var byKind = tally(shown, function (it) { return it.k; });
    summaryTable($('by-kind'), state, byKind, Object.keys(byKind).sort().map(function (k) {
      return { key: k, value: k, label: k };
    }), 'kind', 'kind');
    var total = tally(shown, function () { return ''; })[''] || { error: 0, warning: 0 };
    var row = el('tr', { 'class': 'total' }, [el('td', {}, ['all'])]);
    SEVERITIES.forEach(function (s) { row.appendChild(el('td', {}, [count(state, total[s], { severity: s, page: '' })])); });
    row.appendChild(el('td', {}, [String(total.error + total.warning)]));
    row.appendChild(el('td', {}, []));
    $('by-kind').appendChild(row);
    var byReport = tally(shown, function (it) { return it.r; });
    var ids = Object.keys(byReport).sort(function (a, b) {
      var x = byReport[a], y = byReport[b];
      return y.error - x.error || y.warning - x.warning || (reportOf[a] ? reportOf[a].order : -1) - (reportOf[b] ? reportOf[b].order : -1);
    });
    var listed = showAllReports ? ids : ids.slice(0, TOP_REPORTS);
    summaryTable($('by-report'), state, byReport, listed.map(function (id) {
      var r = reportOf[id];
      return r ? { key: id, value: id, label: r.title || r.file, title: r.file } : { key: id, value: ACROSS, label: ACROSS };
    }), 'report', 'report');
    var more = $('more-reports');
    more.textContent = '';
    if (ids.length > TOP_REPORTS) {
      var toggle = el('a', { href: '#', id: 'toggle-reports' }, [showAllReports ? 'show the first ' + TOP_REPORTS : 'show all ' + ids.length + ' reports']);
      toggle.addEventListener('click', function (e) { e.preventDefault(); showAllReports = !showAllReports; render(); });
      more.appendChild(toggle);
    }
  }

  function pager(state, pages, page) {
    document.querySelectorAll('.pager').forEach(function (nav) {
      nav.textContent = '';
      if (pages < 2) return;
      if (page > 1) nav.appendChild(el('a', { href: write(withState(state, { page: page > 2 ? String(page - 1) : '' })) }, ['‹ previous']));
      nav.appendChild(el('span', {}, ['page ' + page + ' of ' + pages]));
      if (page < pages) nav.appendChild(el('a', { href: write(withState(state, { page: String(page + 1) })) }, ['next ›']));
    });
  }

  function controls(state) {
    ['kind', 'severity', 'sort', 'q'].forEach(function (k) { $(k).value = state[k] || (k === 'sort' ? 'severity' : ''); });
    $('report').value = state.report || '';
  }

  function render() {
    var view = read(location.hash), state = view.state;
    var problem = $('problem');
    problem.hidden = !view.problems.length;
    problem.textContent = view.problems.length ? 'This address asks for a view the page cannot show: ' + view.problems.join('; ') + '. No finding is shown; clear the filters to see them all.' : '';
    var shown = view.problems.length ? [] : items.filter(function (it) { return matches(state, it); });
    shown.sort(SORTS[state.sort] || SORTS.severity);
    summary(state, shown);
    var pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
    var page = Math.min(pages, Number(state.page || 1));
    $('findings').innerHTML = shown.slice((page - 1) * PER_PAGE, page * PER_PAGE).map(function (it) { return it.h; }).join('');
    pager(state, pages, page);
    controls(state);
    $('shown').textContent = shown.length + ' of ' + items.length + ' findings' + (pages > 1 ? ', ' + PER_PAGE + ' to a page' : '');
    root.setAttribute('data-shown', String(shown.length));
    root.setAttribute('data-problems', String(view.problems.length));
  }

  function go(changes) {
    var next = withState(read(location.hash).state, Object.assign({ page: '' }, changes));
    history.replaceState(null, '', write(next) === '#' ? location.pathname + location.search : write(next));
    render();
  }

  kinds.forEach(function (k) { $('kind').appendChild(el('option', { value: k }, [k])); });
  reports.forEach(function (r) { $('reports').appendChild(el('option', { value: r.id }, [r.title + ' — ' + r.file])); });
  ['kind', 'severity', 'sort'].forEach(function (k) {
    $(k).addEventListener('change', function () { var c = {}; c[k] = k === 'sort' && this.value === 'severity' ? '' : this.value; go(c); });
  });
  $('report').addEventListener('change', function () { go({ report: this.value.trim() }); });
  var typing = null;
  $('q').addEventListener('input', function () {
    var value = this.value;
    clearTimeout(typing);
    typing = setTimeout(function () { go({ q: value.trim() }); }, 200);
  });
  $('reset').addEventListener('click', function (e) { e.preventDefault(); history.replaceState(null, '', location.pathname + location.search); render(); });
  window.addEventListener('hashchange', render);
  render();
  root.setAttribute('data-ready', String(Math.round(performance.now())));
})();
