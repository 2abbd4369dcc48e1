// Hopper's monitoring page: polls this instance's REST API every few seconds and renders the
// tables and charts. Plain browser JavaScript, no build step; the only library is ECharts, served
// by the app itself. Data is inserted as text nodes only (never as HTML).
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var TOKEN_KEY = 'hopper.rest.token';
  var state = {
    paused: false,
    needToken: false,
    coin: null,
    vs: null,
    lastLag: {},
    candles: null,
    sales: null,
    timer: null,
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; }
        else if (k === 'cls') { e.className = attrs[k]; }
        else if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function fill(tbody, rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function td(text, cls) { return el('td', { cls: cls || null, text: text === null || text === undefined ? '–' : String(text) }); }

  var intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var decFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  function int(n) { return n === null || n === undefined ? '–' : intFmt.format(n); }
  function dec(n) { return n === null || n === undefined ? '–' : decFmt.format(n); }
  function price(n) {
    if (n === null || n === undefined) { return '–'; }
    var digits = Math.abs(n) >= 100 ? 2 : Math.abs(n) >= 1 ? 4 : 6;
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
  }
  function bytes(n) {
    if (n === null || n === undefined) { return '–'; }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }
  function hhmm(iso) { return iso ? iso.substring(11, 16) : '–'; }
  function hhmmss(iso) { return iso ? iso.substring(11, 19) : '–'; }

  // ------------------------------------------------------------------------------ HTTP + auth

  function AuthError() { this.message = 'bearer token needed'; }

  function token() {
    try { return window.sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  function api(path) {
    var headers = { Accept: 'application/json' };
    var t = token();
    if (t) { headers.Authorization = 'Bearer ' + t; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      if (r.status === 401) { throw new AuthError(); }
      return r.text().then(function (body) {
        var json = null;
        try { json = JSON.parse(body); } catch (e) { /* not JSON */ }
        if (!r.ok) {
          var msg = json && json.message ? json.message : 'HTTP ' + r.status;
          throw new Error(msg);
        }
        return json;
      });
    });
  }

  function showAuth(message) {
    state.needToken = true;
    $('auth').hidden = false;
    $('auth-error').textContent = message || '';
    $('refresh-state').textContent = 'waiting for the token';
  }

  $('auth').addEventListener('submit', function (ev) {
    ev.preventDefault();
    try { window.sessionStorage.setItem(TOKEN_KEY, $('token').value.trim()); } catch (e) { /* private mode */ }
    $('auth').hidden = true;
    state.needToken = false;
    refresh();
  });

  $('pause').addEventListener('click', function () {
    state.paused = !state.paused;
    $('pause').textContent = state.paused ? 'Resume' : 'Pause';
    if (!state.paused) { refresh(); }
    else { $('refresh-state').textContent = 'paused'; }
  });

  // Runs one section; its error is shown in the section, an auth failure stops the round.
  function section(errorId, promise) {
    return promise.then(function () { $(errorId).textContent = ''; }, function (e) {
      if (e instanceof AuthError) { throw e; }
      $(errorId).textContent = 'Could not load: ' + (e && e.message ? e.message : e);
    });
  }

  // -------------------------------------------------------------------------------- sections

  function topicRow(t) {
    var rate = t.offsetsPerSecond;
    return el('tr', { 'data-topic': t.name },
      el('td', null, el('code', { text: t.name })),
      td(t.role.toLowerCase()),
      td(t.partitions, 'num'),
      td(int(t.endOffset), 'num'),
      td(int(t.endOffset - t.startOffset), 'num'),
      td(rate === null ? '–' : dec(rate), 'num'),
      td(bytes(t.sizeBytes), 'num'));
  }

  function loadTopics() {
    return api('/api/v1/monitor/topics').then(function (d) {
      $('sampled-at').textContent = hhmmss(d.sampledAt) + ' UTC';
      $('rate-head').textContent = 'offsets/s (last ' + d.rateWindowSeconds + ' s)';
      var own = d.topics.filter(function (t) { return !t.internal; });
      var internal = d.topics.filter(function (t) { return t.internal; });
      fill($('topics').tBodies[0], own.map(topicRow));
      fill($('internal-topics').tBodies[0], internal.map(topicRow));
      $('internal-count').textContent = internal.length;
      $('topics-meta').textContent = own.length + ' topics, offsets sampled every ' + d.sampleIntervalSeconds + ' s'
        + (d.sizesReadAt ? ', sizes read at ' + hhmmss(d.sizesReadAt) + ' UTC' : '');
      $('topics-error').textContent = d.errors.length ? d.errors.join('; ') : '';
    });
  }

  function loadGroups() {
    return api('/api/v1/monitor/groups').then(function (d) {
      fill($('groups').tBodies[0], d.groups.map(function (g) {
        var trend = '';
        var before = state.lastLag[g.groupId];
        if (g.lag !== null && before !== undefined && before !== null) {
          trend = g.lag > before ? ' ↑' : g.lag < before ? ' ↓' : '';
        }
        state.lastLag[g.groupId] = g.lag;
        var lagCell = el('td', {
          cls: 'num ' + (g.lag === null ? '' : g.lag === 0 ? 'lag-zero' : 'lag-positive'),
          'data-lag': g.lag === null ? '' : String(g.lag),
          text: g.lag === null ? 'no commits yet' : int(g.lag) + trend,
        });
        // The app's own repartition and changelog topics are summed on one line.
        var perTopic = el('td');
        var internalPrefix = g.groupId + '-';
        var internal = g.topics.filter(function (t) { return g.kind === 'streams-app' && t.topic.indexOf(internalPrefix) === 0; });
        g.topics.forEach(function (t) {
          if (internal.indexOf(t) < 0) {
            perTopic.appendChild(el('div', { cls: 'small' }, el('code', { text: t.topic }), ' ' + int(t.lag)));
          }
        });
        if (internal.length) {
          var internalLag = internal.reduce(function (a, t) { return a + t.lag; }, 0);
          perTopic.appendChild(el('div', {
            cls: 'small muted',
            title: internal.map(function (t) { return t.topic + ' ' + t.lag; }).join('\n'),
            text: internal.length + ' internal topics ' + int(internalLag),
          }));
        }
        return el('tr', { 'data-group': g.groupId },
          el('td', null, el('code', { text: g.groupId })),
          td(g.kind),
          td(g.state, 'state-' + g.state),
          td(g.members, 'num'),
          lagCell,
          perTopic);
      }));
      $('groups-error').textContent = d.errors.length ? d.errors.join('; ') : '';
    });
  }

  function taskLag(tasks) {
    var lag = 0;
    var known = false;
    tasks.forEach(function (t) {
      t.partitions.forEach(function (p) {
        if (p.committed !== null && p.endOffset !== null) {
          lag += Math.max(0, p.endOffset - p.committed);
          known = true;
        }
      });
    });
    return known ? lag : null;
  }

  function loadStreams() {
    return api('/api/v1/monitor/streams').then(function (d) {
      var badge = $('streams-state');
      badge.textContent = d.state;
      badge.className = 'badge ' + (d.state === 'RUNNING' ? 'ok' : d.state === 'REBALANCING' || d.state === 'CREATED' ? 'warn' : 'bad');
      $('instance').textContent = d.instance;
      $('app-id').textContent = d.applicationId;
      fill($('threads').tBodies[0], d.threads.map(function (t) {
        return el('tr', null,
          el('td', { title: t.name, text: t.name.replace(/^.*-(StreamThread-\d+)$/, '$1') }),
          td(t.state, 'state-' + t.state),
          td(t.activeTasks.map(function (x) { return x.id; }).join(' ') || 'none'),
          td(t.standbyTasks.map(function (x) { return x.id; }).join(' ') || 'none'),
          td(int(taskLag(t.activeTasks)), 'num'));
      }));
      if (!d.threads.length) {
        fill($('threads').tBodies[0], [el('tr', null, el('td', { colspan: '5', text: 'no stream threads running (state ' + d.state + ')' }))]);
      }
      fill($('stores').tBodies[0], d.stores.map(function (s) {
        return el('tr', null, el('td', null, el('code', { text: s.name })), td(bytes(s.bytesOnDisk), 'num'));
      }));
      $('store-count').textContent = d.stores.length;
    });
  }

  function loadInstances() {
    return api('/api/v1/instances').then(function (d) {
      fill($('instances').tBodies[0], d.instances.map(function (i) {
        return el('tr', null,
          td(i.server + (i.self ? ' (this one)' : '')),
          td(i.partitions.length, 'num'),
          td(i.standbyPartitions.length, 'num'));
      }));
      $('instance-count').textContent = d.instances.length;
    }, function (e) {
      if (e instanceof AuthError) { throw e; }
      // 503 while the app is not running yet: the instance map is not known.
      $('instance-count').textContent = '?';
    });
  }

  function loadQuality() {
    return api('/api/v1/monitor/quality').then(function (d) {
      var dl = d.deadLetters;
      var deadEl = $('dead-letters');
      deadEl.textContent = dl ? int(dl.records) + (dl.caughtUp ? '' : '+') : '–';
      deadEl.setAttribute('data-dead-letters', dl ? String(dl.records) : '');
      if (dl) { $('dead-topic').textContent = dl.topic; }
      var rows = [];
      Object.keys(d.rejectedBySource).forEach(function (source) {
        var rules = d.rejectedBySource[source];
        Object.keys(rules).forEach(function (rule) {
          rows.push(el('tr', null, td(source), el('td', null, el('code', { text: rule })), td(int(rules[rule]), 'num')));
        });
      });
      Object.keys(d.unreadableByTopic).forEach(function (topic) {
        if (d.unreadableByTopic[topic] > 0) {
          rows.push(el('tr', null, td(topic), el('td', null, el('code', { text: 'DESERIALIZATION' })), td(int(d.unreadableByTopic[topic]), 'num')));
        }
      });
      if (!rows.length) { rows.push(el('tr', null, el('td', { colspan: '3', text: 'no record rejected on this instance' }))); }
      fill($('rejections').tBodies[0], rows);
      var late = Object.keys(d.lateDroppedByOperator).map(function (op) {
        return el('tr', null, el('td', null, el('code', { text: op })), td(int(d.lateDroppedByOperator[op]), 'num'));
      });
      if (!late.length) { late.push(el('tr', null, el('td', { colspan: '2', text: 'none' }))); }
      fill($('late').tBodies[0], late);
      $('quality-error').textContent = d.deadLettersError ? 'Dead letters: ' + d.deadLettersError : '';
    });
  }

  function loadConnect() {
    return api('/api/v1/monitor/connectors').then(function (d) {
      var msg = !d.configured ? d.message
        : !d.reachable ? 'Kafka Connect at ' + d.url + ' did not answer: ' + d.message
          : d.connectors.length + ' connector(s) at ' + d.url;
      $('connect-message').textContent = msg;
      fill($('connectors').tBodies[0], d.connectors.map(function (c) {
        var tasks = el('td');
        c.tasks.forEach(function (t) {
          tasks.appendChild(el('div', { cls: 'small state-' + t.state, text: '#' + t.id + ' ' + t.state }));
          if (t.trace) { tasks.appendChild(el('div', { cls: 'small trace', text: t.trace })); }
        });
        if (!c.tasks.length) { tasks.textContent = 'no tasks'; }
        return el('tr', null,
          el('td', null, el('code', { text: c.name }), el('div', { cls: 'small muted', text: c.topics || '' }),
            c.trace ? el('div', { cls: 'small trace', text: c.trace }) : null),
          td(c.state, 'state-' + c.state),
          tasks);
      }));
    });
  }

  function loadSchemas() {
    return api('/api/v1/monitor/schemas').then(function (d) {
      $('schemas-meta').textContent = d.subjects.length + ' subjects' + (d.sampledAt ? ', read at ' + hhmmss(d.sampledAt) + ' UTC' : '');
      fill($('subjects').tBodies[0], d.subjects.map(function (s) {
        return el('tr', null, el('td', null, el('code', { text: s.subject })), td(s.topic), td(s.versions.join(', ')));
      }));
      $('schemas-error').textContent = d.message || '';
    });
  }

  // ---------------------------------------------------------------------------------- charts

  function chart(id) {
    if (typeof echarts === 'undefined') { throw new Error('the charting library did not load'); }
    var dom = $(id);
    return echarts.getInstanceByDom(dom) || echarts.init(dom, null, { renderer: 'canvas' });
  }

  // The newest quote time of the charted pair: the end of the hour shown.
  var anchorMs = null;

  function loadQuotes() {
    return api('/api/v1/quotes/latest').then(function (d) {
      var quotes = d.quotes;
      var coins = {};
      var currencies = {};
      quotes.forEach(function (q) { coins[q.coinId] = true; currencies[q.vsCurrency] = true; });
      if (!state.coin || !coins[state.coin]) { state.coin = coins.bitcoin ? 'bitcoin' : Object.keys(coins)[0] || null; }
      if (!state.vs || !currencies[state.vs]) { state.vs = currencies.usd ? 'usd' : Object.keys(currencies)[0] || null; }
      options($('coin'), Object.keys(coins).sort(), state.coin);
      options($('vs'), Object.keys(currencies).sort(), state.vs);
      anchorMs = null;
      quotes.forEach(function (q) {
        var t = Date.parse(q.lastUpdated);
        if (q.coinId === state.coin && q.vsCurrency === state.vs) { anchorMs = t; }
      });
      fill($('quotes').tBodies[0], quotes.map(function (q) {
        var change = q.priceChangePct24h;
        var row = el('tr', { cls: 'clickable' + (q.coinId === state.coin && q.vsCurrency === state.vs ? ' selected' : '') },
          el('td', null, q.coinId, el('div', { cls: 'small muted', text: q.source ? q.source.toLowerCase() : '' })),
          td(q.vsCurrency), td(price(q.price), 'num'),
          td(change === null ? '–' : (change > 0 ? '+' : '') + change.toFixed(2) + ' %', 'num ' + (change > 0 ? 'up' : change < 0 ? 'down' : '')),
          el('td', null, hhmmss(q.lastUpdated), el('div', { cls: 'small muted', text: q.lastUpdated ? q.lastUpdated.substring(0, 10) : '' })));
        row.addEventListener('click', function () { state.coin = q.coinId; state.vs = q.vsCurrency; refreshCharts(); });
        return row;
      }));
      if (d.partial) { $('quotes-error').textContent = 'Partial answer: partitions ' + d.missingPartitions.join(', ') + ' could not be read now.'; }
      else { $('quotes-error').textContent = ''; }
    });
  }

  function options(select, values, selected) {
    var current = Array.prototype.map.call(select.options, function (o) { return o.value; }).join(',');
    if (current !== values.join(',')) {
      while (select.firstChild) { select.removeChild(select.firstChild); }
      values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
    }
    select.value = selected || '';
  }

  function loadCandles() {
    if (!state.coin) {
      $('candles-note').textContent = 'No quotes yet: the chart appears with the first quote.';
      return Promise.resolve();
    }
    var to = anchorMs || Date.now();
    var path = '/api/v1/candles/' + encodeURIComponent(state.coin) + '?vs=' + encodeURIComponent(state.vs) + '&interval=1m&to=' + to;
    return api(path).then(function (d) {
      var c = chart('candles-chart');
      var labels = d.candles.map(function (k) { return hhmm(k.windowStart); });
      var data = d.candles.map(function (k) {
        var item = { value: [k.open, k.close, k.low, k.high], final: k.final, count: k.quoteCount };
        if (!k.final) { item.itemStyle = { opacity: 0.45 }; }
        return item;
      });
      c.setOption({
        animation: false,
        grid: { left: 70, right: 16, top: 32, bottom: 56 },
        tooltip: {
          trigger: 'axis', axisPointer: { type: 'cross' },
          formatter: function (ps) {
            var p = ps[0];
            var v = p.data.value;
            return p.axisValue + ' UTC' + (p.data.final ? '' : ' (open)') + '<br>open ' + price(v[0]) + '<br>high ' + price(v[3])
              + '<br>low ' + price(v[2]) + '<br>close ' + price(v[1]) + '<br>' + p.data.count + ' quotes';
          },
        },
        xAxis: { type: 'category', data: labels, name: 'UTC', nameLocation: 'middle', nameGap: 28, boundaryGap: true },
        yAxis: { type: 'value', scale: true, name: state.vs.toUpperCase(), axisLabel: { formatter: price } },
        dataZoom: [{ type: 'inside' }],
        series: [{
          type: 'candlestick', name: state.coin + ':' + state.vs, data: data,
          itemStyle: { color: '#1a7f4b', color0: '#c62828', borderColor: '#1a7f4b', borderColor0: '#c62828' },
        }],
      }, { notMerge: true });
      var dom = $('candles-chart');
      dom.setAttribute('data-candles', String(d.candles.length));
      dom.setAttribute('data-pair', state.coin + ':' + state.vs);
      $('candles-note').textContent = d.candles.length
        ? state.coin + ' in ' + state.vs.toUpperCase() + ', ' + d.candles.length + ' candle(s) from ' + hhmm(d.from) + ' to '
          + hhmm(d.to) + ' UTC (the hour up to the newest quote). Open windows, not final yet, are faded.'
        : 'No candle for ' + state.coin + ':' + state.vs + ' in the hour up to ' + hhmm(d.to) + ' UTC.';
    });
  }

  var PALETTE = ['#2b6cb0', '#dd6b20', '#38a169', '#d53f8c', '#805ad5', '#319795', '#b7791f', '#e53e3e', '#4a5568', '#00a3c4'];

  function loadSales() {
    var to = anchorMs || Date.now();
    return api('/api/v1/sales/categories?interval=1m&to=' + to).then(function (d) {
      var measure = $('measure').value;
      var starts = [];
      var seen = {};
      var categories = {};
      var open = {};
      d.windows.forEach(function (w) {
        if (!seen[w.windowStart]) { seen[w.windowStart] = true; starts.push(w.windowStart); }
        categories[w.category] = categories[w.category] || {};
        categories[w.category][w.windowStart] = w[measure];
        if (!w.final) { open[w.windowStart] = true; }
      });
      starts.sort();
      var names = Object.keys(categories).sort();
      var series = names.map(function (name, i) {
        return {
          type: 'bar', name: name, stack: 'total', barMaxWidth: 28,
          itemStyle: { color: PALETTE[i % PALETTE.length] },
          data: starts.map(function (s) {
            var v = categories[name][s];
            return { value: v === undefined || v === null ? 0 : v, itemStyle: open[s] ? { opacity: 0.45 } : undefined };
          }),
        };
      });
      var c = chart('sales-chart');
      c.setOption({
        animation: false,
        legend: { type: 'scroll', top: 0 },
        grid: { left: 80, right: 16, top: 36, bottom: 48 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: starts.map(function (s) { return hhmm(s) + (open[s] ? '*' : ''); }), name: 'UTC (* open)', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', axisLabel: { formatter: function (v) { return intFmt.format(v); } } },
        series: series,
      }, { notMerge: true });
      $('sales-chart').setAttribute('data-windows', String(starts.length));
      $('sales-error').textContent = d.partial ? 'Partial answer: partitions ' + d.missingPartitions.join(', ') + ' could not be read now.' : '';
    });
  }

  function refreshCharts() {
    return section('quotes-error', loadQuotes()).then(function () {
      return Promise.all([section('candles-error', loadCandles()), section('sales-error', loadSales())]);
    });
  }

  $('coin').addEventListener('change', function () { state.coin = $('coin').value; refreshCharts(); });
  $('vs').addEventListener('change', function () { state.vs = $('vs').value; refreshCharts(); });
  $('measure').addEventListener('change', function () { section('sales-error', loadSales()); });
  window.addEventListener('resize', function () {
    ['candles-chart', 'sales-chart'].forEach(function (id) {
      if (typeof echarts !== 'undefined') { var c = echarts.getInstanceByDom($(id)); if (c) { c.resize(); } }
    });
  });

  // ----------------------------------------------------------------------------------- loop

  function refresh() {
    if (state.timer) { clearTimeout(state.timer); state.timer = null; }
    if (state.paused || state.needToken) { return; }
    $('refresh-state').textContent = 'refreshing…';
    Promise.all([
      section('topics-error', loadTopics()),
      section('groups-error', loadGroups()),
      section('streams-error', loadStreams().then(loadInstances)),
      section('quality-error', loadQuality()),
      section('connect-error', loadConnect()),
      section('schemas-error', loadSchemas()),
      refreshCharts(),
    ]).then(function () {
      $('refresh-state').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC, every ' + REFRESH_MS / 1000 + ' s';
    }, function (e) {
      if (e instanceof AuthError) {
        showAuth(token() ? 'The token was refused.' : '');
        return;
      }
      $('refresh-state').textContent = 'update failed: ' + (e && e.message ? e.message : e);
    }).then(function () {
      if (!state.paused && !state.needToken) { state.timer = setTimeout(refresh, REFRESH_MS); }
    });
  }

  refresh();
})();
