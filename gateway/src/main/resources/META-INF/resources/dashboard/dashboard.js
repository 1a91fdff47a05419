// FlopX operations dashboard: one Server-Sent Events stream from the gateway (/dashboard/stream), one
// aggregated frame every 250 ms; each frame replaces what the page shows. The market part comes from
// matching-service through the gateway; while it is unavailable the frame says so and still carries the
// services' health. Charts by Apache ECharts.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const text = (v) => (v === null || v === undefined ? '–' : String(v));
  const HUBS = ['jing-jin-ji', 'yangtze-delta', 'greater-bay', 'chengdu-chongqing',
    'inner-mongolia', 'guizhou', 'gansu', 'ningxia'];
  const indexChart = echarts.init($('indexChart'), 'dark');
  const latencyChart = echarts.init($('latencyChart'), 'dark');
  window.flopxDashboard = { frames: 0, lastFrameAt: 0 };

  fetch('/dashboard/me').then((r) => r.json()).then((me) => { $('who').textContent = me.name + ' (' + me.tenant + ')'; });

  function rows(tbody, data, cells) {
    const body = $(tbody).querySelector('tbody');
    body.replaceChildren(...data.map((d) => {
      const tr = document.createElement('tr');
      cells(d).forEach((c) => { const td = document.createElement('td'); td.textContent = text(c); tr.appendChild(td); });
      return tr;
    }));
    return body;
  }

  function render(f) {
    const unavailable = f.marketFeed === 'unavailable';
    $('feed').textContent = unavailable ? 'market feed unavailable' : 'live';
    $('feed').className = unavailable ? 'down' : 'up';
    $('rate').textContent = text(f.eventsPerSecond) + ' events/s';
    $('fillsMinute').textContent = text(f.fillsLastMinute);
    $('fillsTotal').textContent = text(f.fillsTotal);
    $('hubs').replaceChildren(...HUBS.map((name) => {
      const h = f.hubs[name] || {};
      const div = document.createElement('div');
      div.className = 'hub';
      div.innerHTML = '<b></b><div>resting orders <span class="ro"></span></div><div>devices listed <span class="dl"></span></div>'
        + '<div>best ask <span class="ba"></span></div><div>device-h traded <span class="vt"></span></div>';
      div.querySelector('b').textContent = name;
      div.querySelector('.ro').textContent = text(h.restingOrders || 0);
      div.querySelector('.dl').textContent = text(h.devicesListed || 0);
      div.querySelector('.ba').textContent = text(h.bestAsk);
      div.querySelector('.vt').textContent = text(h.volumeDeviceHours || 0);
      return div;
    }));
    rows('trades', f.trades, (t) => [new Date(t.at).toLocaleTimeString(), t.hub, t.model, t.devices + ' × ' + t.hours,
      t.pricePerDeviceHour + ' ' + t.currency]);
    rows('depth', f.books, (b) => [b.hub, b.model, b.offerings, b.devicesListed, b.bestAsk, b.restingOrders, b.bestBid,
      b.lastPrice, b.trades, b.volumeDeviceHours]);
    rows('lag', f.lag, (l) => [l.group, l.topic, l.partition, l.lag]);
    $('health').replaceChildren(...Object.entries(f.health).map(([name, state]) => {
      const s = document.createElement('span');
      s.className = state === 'UP' ? 'up' : 'down';
      s.textContent = name + ' ' + state;
      return s;
    }));
    indexChart.setOption({
      animation: false, backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
      series: Object.entries(f.index).map(([name, points]) => ({ name, type: 'line', showSymbol: false, data: points }))
    }, { replaceMerge: ['series'] });
    latencyChart.setOption({
      animation: false, backgroundColor: 'transparent', tooltip: {}, grid: { bottom: 40 },
      xAxis: { type: 'category', data: f.matchLatency.map((b) => (b.le === 'more' ? '> 2500' : '≤ ' + b.le) + ' ms') },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: f.matchLatency.map((b) => b.count) }]
    });
    window.flopxDashboard.frames++;
    window.flopxDashboard.lastFrameAt = Date.now();
  }

  const source = new EventSource('/dashboard/stream');
  source.onopen = () => { $('feed').textContent = 'live'; $('feed').className = 'up'; };
  source.onerror = () => { $('feed').textContent = 'reconnecting…'; $('feed').className = 'down'; };
  source.onmessage = (e) => render(JSON.parse(e.data));
})();
