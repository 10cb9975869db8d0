// EventLite dashboard: figures from /api/stats/stream (one "stats" event a second),
// events from /api/events?name=> (what the viewer may subscribe to). No libraries:
// it must work without internet access.
(function () {
  'use strict';
  var api = '../api/';
  var seconds = 120;
  var history = [];            // {time, rateIn, rateOut}
  var previous = null;         // the last stats snapshot
  var lastEvents = new Map();  // event name -> {time, data}
  var MAX_NAMES = 50;

  function text(id, value) { document.getElementById(id).textContent = value; }
  function number(n) { return n === undefined ? '–' : Math.round(n).toLocaleString('en'); }

  function rows(tableId, items, cells) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren.apply(body, items.map(function (item) {
      var row = document.createElement('tr');
      cells(item).forEach(function (cell) {
        var td = document.createElement('td');
        td.textContent = cell.text;
        if (cell.className) { td.className = cell.className; }
        row.appendChild(td);
      });
      if (item.key) { row.dataset.name = item.key; }
      return row;
    }));
  }

  function onStats(stats) {
    if (previous) {
      var elapsed = (stats.time - previous.time) / 1000;
      if (elapsed > 0) {
        history.push({
          rateIn: (stats.published - previous.published) / elapsed,
          rateOut: (stats.delivered - previous.delivered) / elapsed
        });
        if (history.length > seconds) { history.shift(); }
        var last = history[history.length - 1];
        text('rate-in', number(last.rateIn));
        text('rate-out', number(last.rateOut));
      }
    }
    previous = stats;
    text('connections', number(stats.connections));
    text('subscriptions', number(stats.subscriptions));
    text('published-total', number(stats.published));
    text('delivered-total', number(stats.delivered));
    rows('by-name', stats.byName.map(function (b) { return {key: b.name, b: b}; }), function (item) {
      return [{text: item.b.name}, {text: String(item.b.subscribers)}];
    });
    rows('subscribers', stats.subscribers, function (s) {
      return [{text: s.id > 0 ? 'tcp ' + s.id : 'http ' + (-s.id)}, {text: s.address},
              {text: s.subscriptions.join(', ')}];
    });
    draw();
  }

  function draw() {
    var canvas = document.getElementById('chart');
    var g = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, pad = 36;
    g.clearRect(0, 0, w, h);
    var top = Math.max(1, Math.max.apply(null, history.map(function (p) { return Math.max(p.rateIn, p.rateOut); })));
    g.strokeStyle = '#e6e8ef'; g.fillStyle = '#6b7489'; g.font = '11px sans-serif';
    for (var i = 0; i <= 4; i++) {
      var y = h - pad / 2 - (h - pad) * i / 4;
      g.beginPath(); g.moveTo(pad, y); g.lineTo(w - 8, y); g.stroke();
      g.fillText(number(top * i / 4), 2, y + 4);
    }
    function line(key, color) {
      g.strokeStyle = color; g.fillStyle = color; g.lineWidth = 2; g.beginPath();
      history.forEach(function (p, index) {
        var x = pad + (w - pad - 8) * (index + seconds - history.length) / (seconds - 1);
        var y = h - pad / 2 - (h - pad) * p[key] / top;
        if (index === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
      });
      g.stroke();
      var newest = history[history.length - 1];
      if (newest) {  // the newest second as a dot, so that a single sample shows too
        g.beginPath();
        g.arc(w - 8, h - pad / 2 - (h - pad) * newest[key] / top, 3, 0, 2 * Math.PI);
        g.fill();
      }
    }
    line('rateIn', '#2563eb');
    line('rateOut', '#d97706');
  }

  function onEvent(name, data) {
    lastEvents.delete(name);
    lastEvents.set(name, {time: new Date(), data: data});
    if (lastEvents.size > MAX_NAMES) { lastEvents.delete(lastEvents.keys().next().value); }
    var newestFirst = Array.from(lastEvents.entries()).reverse().map(function (e) {
      return {key: e[0], event: e[1]};
    });
    rows('last-events', newestFirst, function (item) {
      return [{text: item.key}, {text: item.event.time.toLocaleTimeString()}, {text: item.event.data, className: 'data'}];
    });
  }

  function link(up) {
    var element = document.getElementById('link');
    element.textContent = up ? 'live' : 'reconnecting…';
    element.className = 'link ' + (up ? 'up' : 'down');
  }

  var stats = new EventSource(api + 'stats/stream');
  stats.addEventListener('stats', function (e) { onStats(JSON.parse(e.data)); });
  stats.onopen = function () { link(true); };
  stats.onerror = function () { link(false); };

  // Every event this viewer may receive; each arrives as an unnamed SSE message whose
  // JSON names its event. Without credentials for that, the browser asks for them.
  var events = new EventSource(api + 'events?name=' + encodeURIComponent('>'));
  events.onmessage = function (e) {
    var data = JSON.parse(e.data);
    onEvent(String(data.event), e.data);
  };
})();
