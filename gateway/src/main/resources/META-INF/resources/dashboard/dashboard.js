// FlopX operations dashboard: one Server-Sent Events stream from the gateway (/dashboard/stream), one
// aggregated frame every 250 ms; each frame replaces what the page shows. The market part comes from
// matching-service through the gateway; while it is unavailable the frame says so and still carries the
// services' health. Charts by Apache ECharts. Money arrives in minor units and is shown in its currency;
// every price names its model (prices of different models do not compare) and every time is UTC.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const text = (v) => (v === null || v === undefined ? '–' : String(v));
  const HUBS = ['jing-jin-ji', 'yangtze-delta', 'greater-bay', 'chengdu-chongqing',
    'inner-mongolia', 'guizhou', 'gansu', 'ningxia'];
  // Where each hub's clusters are, roughly (longitude, latitude), for the schematic; not a map.
  const HUB_PLACES = {
    'jing-jin-ji': [116.4, 39.9], 'yangtze-delta': [121.0, 31.2], 'greater-bay': [113.3, 23.1],
    'chengdu-chongqing': [105.0, 30.0], 'inner-mongolia': [111.7, 40.8], 'guizhou': [106.6, 26.6],
    'gansu': [107.6, 35.7], 'ningxia': [105.2, 37.5]
  };
  // Where each label goes, so that neighbours (ningxia, gansu, inner-mongolia) do not write over each other.
  const LABEL_SIDE = {
    'jing-jin-ji': 'right', 'yangtze-delta': 'left', 'greater-bay': 'right', 'chengdu-chongqing': 'left',
    'inner-mongolia': 'top', 'guizhou': 'bottom', 'gansu': 'right', 'ningxia': 'left'
  };
  const PRECISIONS = ['FP8', 'FP16', 'BF16', 'TF32', 'FP32', 'FP64', 'INT8'];
  const indexChart = echarts.init($('indexChart'), 'dark');
  const latencyChart = echarts.init($('latencyChart'), 'dark');
  const hubMap = echarts.init($('hubMap'), 'dark');
  let precision = 'FP16';
  let lastFrame = null;
  window.flopxDashboard = { frames: 0, lastFrameAt: 0, charts: { index: indexChart, latency: latencyChart, hubMap } };

  fetch('/dashboard/me').then((r) => r.json()).then((me) => { $('who').textContent = me.name + ' (' + me.tenant + ')'; });

  const fractionDigits = {};
  function digits(currency) {
    if (!(currency in fractionDigits)) {
      try {
        fractionDigits[currency] = new Intl.NumberFormat('en', { style: 'currency', currency })
          .resolvedOptions().maximumFractionDigits;
      } catch (e) {
        fractionDigits[currency] = 2;
      }
    }
    return fractionDigits[currency];
  }
  const major = (minor, currency) => minor / 10 ** digits(currency);
  function money(minor, currency) {
    if (minor === null || minor === undefined) return '–';
    const d = digits(currency);
    return major(minor, currency).toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) + ' ' + currency;
  }
  const utcMinute = (t) => (t ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') : '–');
  const utcSecond = (t) => (t ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : '–');
  // Basis points as a percentage with two decimals; none ('–') when there is no history.
  const percent = (bps) => (bps === null || bps === undefined ? '–' : (bps / 100).toFixed(2) + ' %');

  function rows(id, data, cells) {
    const body = $(id).querySelector('tbody');
    body.replaceChildren(...data.map((d) => {
      const tr = document.createElement('tr');
      cells(d).forEach((c) => { const td = document.createElement('td'); td.textContent = text(c); tr.appendChild(td); });
      return tr;
    }));
  }

  function line(label, value, detail) {
    const div = document.createElement('div');
    div.append(label + ' ');
    const v = document.createElement('span');
    v.className = 'price';
    v.textContent = value;
    div.append(v);
    if (detail) {
      const m = document.createElement('span');
      m.className = 'muted';
      m.textContent = ' ' + detail;
      div.append(m);
    }
    return div;
  }

  function hubCards(f) {
    $('hubs').replaceChildren(...HUBS.map((name) => {
      const h = f.hubs[name] || {};
      const card = document.createElement('div');
      card.className = 'hub';
      card.dataset.hub = name;
      const title = document.createElement('b');
      title.textContent = name;
      card.append(title);
      const ask = h.bestAsk;
      card.append(ask
        ? line('best ask', money(ask.pricePerDeviceHour, ask.currency), ask.model + ' · from ' + utcMinute(ask.at))
        : line('best ask', 'none listed'));
      const last = h.lastTrade;
      card.append(last
        ? line('last trade', money(last.pricePerDeviceHour, last.currency), last.model + ' · ' + utcMinute(last.at))
        : line('last trade', 'none yet'));
      card.append(line('listed', text(h.devicesListed || 0) + ' devices', text(h.restingOrders || 0) + ' resting orders'));
      card.append(line('traded', text(h.volumeDeviceHours || 0) + ' device-h', text(h.trades || 0) + ' trades'));
      return card;
    }));
  }

  function hubSchematic(f) {
    const most = Math.max(1, ...HUBS.map((n) => (f.hubs[n] || {}).volumeDeviceHours || 0));
    hubMap.setOption({
      animation: false, backgroundColor: 'transparent', grid: { left: 10, right: 10, top: 20, bottom: 10 },
      xAxis: { type: 'value', min: 96, max: 128, show: false }, yAxis: { type: 'value', min: 19, max: 45, show: false },
      tooltip: { formatter: (p) => p.data.tip },
      series: [{
        type: 'scatter',
        data: HUBS.map((name) => {
          const h = f.hubs[name] || {};
          const volume = h.volumeDeviceHours || 0;
          const last = h.lastTrade ? money(h.lastTrade.pricePerDeviceHour, h.lastTrade.currency) + ' ' + h.lastTrade.model : 'no trade yet';
          return {
            name, value: HUB_PLACES[name], symbolSize: 10 + 40 * Math.sqrt(volume / most),
            label: {
              show: true, position: LABEL_SIDE[name], formatter: name + '\n' + volume + ' device-h\n' + last,
              fontSize: 11, lineHeight: 14, color: '#c9d6e3'
            },
            tip: name + ': ' + volume + ' device-h traded, last ' + last
          };
        })
      }]
    });
  }

  function precisionTabs(available) {
    const shown = PRECISIONS.filter((p) => available.has(p));
    const current = [...$('precisions').children].map((b) => b.textContent).join(',');
    if (current !== shown.join(',')) {
      $('precisions').replaceChildren(...shown.map((p) => {
        const b = document.createElement('button');
        b.textContent = p;
        b.setAttribute('role', 'tab');
        b.onclick = () => { precision = p; if (lastFrame) priceIndex(lastFrame); };
        return b;
      }));
    }
    [...$('precisions').children].forEach((b) => b.setAttribute('aria-selected', String(b.textContent === precision)));
  }

  function priceIndex(f) {
    const series = Object.entries(f.index).map(([key, points]) => {
      const [p, currency] = key.split(' ');
      return { precision: p, currency, points };
    });
    const available = new Set(series.map((s) => s.precision));
    if (!available.has(precision) && available.size) precision = PRECISIONS.find((p) => available.has(p)) || [...available][0];
    precisionTabs(available);
    const chosen = series.filter((s) => s.precision === precision);
    $('indexCaption').textContent = chosen.length
      ? precision + ' · ' + chosen.map((s) => {
        const latest = s.points.length ? s.points[s.points.length - 1][1] : null;
        return 'latest ' + money(latest === null ? null : Math.round(latest), s.currency) + ' per PFLOP-hour';
      }).join(' · ')
      : 'no index yet';
    indexChart.setOption({
      animation: false, backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, name: chosen.map((s) => s.currency).join(', ') + ' per PFLOP-hour' },
      series: chosen.map((s) => ({
        name: precision + ' ' + s.currency, type: 'line', showSymbol: false,
        data: s.points.map(([at, price]) => [at, major(price, s.currency)])
      }))
    }, { replaceMerge: ['series'] });
  }

  // One <details> per consumer group, kept across frames (updated in place, so that one a person opened stays
  // open and a click never lands on an element the next frame replaced).
  const lagGroups = new Map();
  function consumerLag(f) {
    const groups = new Map();
    f.lag.forEach((l) => {
      const g = groups.get(l.group) || { worst: 0, total: 0, partitions: [] };
      g.worst = Math.max(g.worst, l.lag);
      g.total += l.lag;
      g.partitions.push(l);
      groups.set(l.group, g);
    });
    [...lagGroups.keys()].filter((group) => !groups.has(group)).forEach((group) => {
      lagGroups.get(group).remove();
      lagGroups.delete(group);
    });
    [...groups.keys()].sort().forEach((group) => {
      const g = groups.get(group);
      let details = lagGroups.get(group);
      if (!details) {
        details = document.createElement('details');
        details.dataset.group = group;
        details.innerHTML = '<summary><span class="name"></span><span class="worst"></span></summary>'
          + '<table><thead><tr><th>topic</th><th>partition</th><th>lag</th></tr></thead><tbody></tbody></table>';
        details.querySelector('.name').textContent = group;
        lagGroups.set(group, details);
      }
      details.querySelector('.worst').textContent = 'worst ' + g.worst + ' · total ' + g.total;
      details.querySelector('tbody').replaceChildren(...g.partitions.map((l) => {
        const tr = document.createElement('tr');
        [l.topic, l.partition, l.lag].forEach((c) => { const td = document.createElement('td'); td.textContent = text(c); tr.appendChild(td); });
        return tr;
      }));
      $('lag').appendChild(details); // in sorted order; moving an element keeps its state
    });
  }

  // null while order-service does not answer: '–', not "no plans".
  function plans(all) {
    const active = (all || []).filter((p) => p.status === 'ACTIVE');
    const wanted = active.reduce((sum, p) => sum + p.coverage.deviceHoursWanted, 0);
    const covered = active.reduce((sum, p) => sum + p.coverage.deviceHoursCovered, 0);
    $('plansActive').textContent = all == null ? '–' : text(active.length) + (all.length >= 50 ? '+' : '');
    $('plansCoverage').textContent = all == null || wanted === 0 ? '–' : percent(Math.floor(covered * 10000 / wanted));
    rows('plans', all || [], (p) => [p.tenant, p.name, p.devices, p.hubs.length ? p.hubs.join(', ') : 'any',
      utcMinute(p.endsAt), percent(p.coverage.coverageBps), money(p.coverage.spent, p.currency),
      money(p.coverage.budgetLeft, p.currency), p.status + (p.statusReason ? ' (' + p.statusReason + ')' : '')]);
  }

  // null while catalog-service does not answer: '–', not "no listings".
  function resale(all) {
    $('resaleSelling').textContent = all == null ? '–' : text(all.reduce((n, r) => n + r.listingsSelling, 0));
    rows('resale', all || [], (r) => [r.currency, r.listings, r.listingsSelling, r.leases, r.deviceHours,
      money(r.turnover, r.currency)]);
  }

  function render(f) {
    lastFrame = f;
    const unavailable = f.marketFeed === 'unavailable';
    $('feed').textContent = unavailable ? 'market feed unavailable' : 'live';
    $('feed').className = unavailable ? 'down' : 'up';
    $('rate').textContent = text(f.fillsLastMinute) + ' fills in the last minute';
    $('fillsMinute').textContent = text(f.fillsLastMinute);
    $('fillsTotal').textContent = text(f.fillsTotal);
    hubCards(f);
    hubSchematic(f);
    rows('trades', f.trades, (t) => [utcSecond(t.at), t.hub, t.model, t.devices + ' × ' + t.hours,
      money(t.pricePerDeviceHour, t.currency)]);
    rows('depth', f.books, (b) => [b.hub, b.model, b.offerings, b.devicesListed, money(b.bestAsk, b.currency),
      b.bestAsk === null || b.bestAsk === undefined ? null : utcMinute(b.bestAskFrom), b.restingOrders,
      money(b.bestBid, b.currency), money(b.lastPrice, b.currency), b.trades, b.volumeDeviceHours]);
    rows('money', f.money || [], (m) => [m.currency, money(m.paidIn, m.currency), money(m.available, m.currency),
      money(m.creditInUse, m.currency), money(m.traded, m.currency), money(m.escrow, m.currency),
      money(m.payable, m.currency), money(m.fees, m.currency), money(m.vouchersOutstanding, m.currency),
      money(m.vouchersRedeemed, m.currency), money(m.vouchersLapsed, m.currency), money(m.slaCredited, m.currency)]);
    rows('moneyByHub', (f.money || []).flatMap((m) => (m.hubs || []).map((h) => ({ ...h, currency: m.currency }))),
      (h) => [h.hub, h.currency, h.fills, money(h.traded, h.currency), money(h.escrow, h.currency),
        money(h.paidOut, h.currency), money(h.fees, h.currency), money(h.refunded, h.currency),
        money(h.vouchersRedeemed, h.currency), money(h.slaCredited, h.currency)]);
    // Providers first, each followed by its sites (a site by the start of its id: operators look it up).
    rows('reliability', f.reliability || [], (r) => [r.provider, r.siteId ? 'site ' + r.siteId.slice(0, 8) : 'all sites',
      r.reliability.state === 'RATED' ? percent(r.reliability.scoreBps) : 'no history', r.reliability.leases,
      r.reliability.judgedDeviceHours, r.reliability.outages, r.reliability.outageMinutes,
      percent(r.reliability.disputeRateBps)]);
    // null while settlement-service does not answer: '–', not a count of none.
    const open = f.disputesOpen;
    $('disputesOpen').textContent = open == null ? '–' : text(open.length) + (open.length >= 500 ? '+' : '');
    rows('disputes', (open || []).slice(0, 5), (d) => [utcMinute(d.openedAt), d.openedBy, d.leaseId.slice(0, 8),
      utcMinute(d.hour), d.reason]);
    plans(f.plans);
    resale(f.resale);
    consumerLag(f);
    $('health').replaceChildren(...Object.entries(f.health).map(([name, state]) => {
      const s = document.createElement('span');
      s.className = state === 'UP' ? 'up' : 'down';
      s.textContent = name + ' ' + state;
      return s;
    }));
    priceIndex(f);
    latencyChart.setOption({
      animation: false, backgroundColor: 'transparent', tooltip: {}, grid: { bottom: 40 },
      xAxis: { type: 'category', data: f.matchLatency.map((b) => (b.le === 'more' ? '> 2500' : '≤ ' + b.le) + ' ms') },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: f.matchLatency.map((b) => b.count) }]
    });
    window.flopxDashboard.eventsPerSecond = f.eventsPerSecond; // what the feed reads (the load benchmark)
    window.flopxDashboard.frames++;
    window.flopxDashboard.lastFrameAt = Date.now();
  }

  const source = new EventSource('/dashboard/stream');
  source.onopen = () => { $('feed').textContent = 'live'; $('feed').className = 'up'; };
  source.onerror = () => { $('feed').textContent = 'reconnecting…'; $('feed').className = 'down'; };
  source.onmessage = (e) => render(JSON.parse(e.data));
})();
