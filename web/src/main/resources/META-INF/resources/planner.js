// RuralAtlas planner: commune choropleth (vector tiles joined to /stats/ntm/communes by code),
// province comparison table and chart from /stats/ntm, and a commune panel with its criteria,
// history across the 2025 reorganisation and citizen satisfaction.
(function () {
  'use strict';
  var LEVELS = { none: '#d9d9d9', ntm: '#a6d96a', advanced: '#1a9641', model: '#005a32', modern_pilot: '#2b83ba' };
  var PASS = { true: '#1a9641', false: '#d7191c', null: '#d9d9d9' };
  var values = {};
  var mode = document.getElementById('mode');

  function get(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }
  function text(tag, content, cls) {
    var e = document.createElement(tag);
    if (content !== undefined && content !== null) { e.textContent = content; }
    if (cls) { e.className = cls; }
    return e;
  }

  var styles = {};
  var selected = null;
  var selectedStyle = new ol.style.Style({ stroke: new ol.style.Stroke({ color: '#ffd400', width: 4 }), zIndex: 10 });
  function style(feature) {
    var v = values[feature.get('code')];
    var colour = mode.value === 'level' ? LEVELS[v] : PASS[v === undefined ? null : v];
    if (feature.get('code') === selected) { return colour ? [styleOf(colour), selectedStyle] : selectedStyle; }
    if (!colour) { return null; }
    return styleOf(colour);
  }
  function styleOf(colour) {
    if (!styles[colour]) {
      styles[colour] = new ol.style.Style({ fill: new ol.style.Fill({ color: colour + 'cc' }),
        stroke: new ol.style.Stroke({ color: '#777', width: 0.4 }) });
    }
    return styles[colour];
  }
  var communes = new ol.layer.VectorTile({
    source: new ol.source.VectorTile({ format: new ol.format.MVT(),
      url: 'collections/communes/tiles/WebMercatorQuad/{z}/{y}/{x}' }),
    style: style
  });
  // Communes draw from zoom 7 (the tiles' own range); below it each province is coloured by the
  // share of its rural communes at NTM level (or meeting the chosen criterion), from /stats/ntm.
  var COMMUNES_FROM = 7;
  var SHARES = [[90, '#005a32'], [75, '#1a9641'], [50, '#a6d96a'], [25, '#fdae61'], [0, '#d7191c']];
  var shares = {};
  var outline = new ol.style.Style({ stroke: new ol.style.Stroke({ color: '#333', width: 1.2 }) });
  var shareStyles = {};
  function shareColour(pct) {
    for (var i = 0; i < SHARES.length; i++) { if (pct >= SHARES[i][0]) { return SHARES[i][1]; } }
    return null;
  }
  var provinces = new ol.layer.VectorTile({
    source: new ol.source.VectorTile({ format: new ol.format.MVT(),
      url: 'collections/provinces/tiles/WebMercatorQuad/{z}/{y}/{x}' }),
    style: function (feature, resolution) {
      var pct = shares[feature.get('code')];
      if (map.getView().getZoomForResolution(resolution) >= COMMUNES_FROM || pct === undefined) { return outline; }
      var colour = shareColour(pct);
      if (!shareStyles[colour]) {
        shareStyles[colour] = new ol.style.Style({ fill: new ol.style.Fill({ color: colour + 'cc' }),
          stroke: new ol.style.Stroke({ color: '#333', width: 1.2 }) });
      }
      return shareStyles[colour];
    }
  });
  function loadShares() {
    return get('stats/ntm').then(function (doc) {
      shares = {};
      doc.provinces.forEach(function (p) {
        var v = mode.value === 'level' ? p.at_least.ntm : (p.pass_rates || {})[mode.value];
        if (v && v.pct !== null && v.pct !== undefined) { shares[p.code] = v.pct; }
      });
      provinces.changed();
    });
  }
  var map = new ol.Map({ target: 'map', layers: [communes, provinces],
    view: new ol.View({ center: ol.proj.fromLonLat([106, 16]), zoom: 5, minZoom: 4 }) });
  window.ruralatlasPlanner = map;
  // the view, readable from the page (links, tests): zoom and centre longitude/latitude
  map.on('moveend', function () {
    var c = ol.proj.toLonLat(map.getView().getCenter());
    var el = document.getElementById('map');
    el.dataset.zoom = map.getView().getZoom().toFixed(2);
    el.dataset.center = c[0].toFixed(4) + ',' + c[1].toFixed(4);
  });

  function legend() {
    var box = document.getElementById('legend');
    box.replaceChildren();
    if (map.getView().getZoom() < COMMUNES_FROM) {
      box.appendChild(text('span', mode.value === 'level' ? 'Tỉnh: % xã đạt chuẩn NTM / provinces: % of communes at NTM level'
        : 'Tỉnh: % xã đạt tiêu chí / provinces: % of communes meeting the criterion'));
      SHARES.forEach(function (e) {
        var s = text('span', '≥ ' + e[0] + ' %');
        var i = document.createElement('i');
        i.style.background = e[1];
        s.prepend(i);
        box.appendChild(s);
      });
      return;
    }
    var entries = mode.value === 'level'
      ? Object.keys(LEVELS).map(function (k) { return [LEVELS[k], k]; })
      : [[PASS.true, 'đạt / met'], [PASS.false, 'chưa đạt / not met'], [PASS.null, 'không rõ / unknown']];
    entries.forEach(function (e) {
      var s = text('span', e[1]);
      var i = document.createElement('i');
      i.style.background = e[0];
      s.prepend(i);
      box.appendChild(s);
    });
  }

  function loadValues() {
    var url = mode.value === 'level' ? 'stats/ntm/communes?value=level'
      : 'stats/ntm/communes?value=criterion&criterion=' + encodeURIComponent(mode.value);
    return Promise.all([get(url), loadShares()]).then(function (r) {
      values = r[0].values;
      styles = {};
      communes.changed();
      legend();
    });
  }
  var lastBand = null;
  map.getView().on('change:resolution', function () {
    var band = map.getView().getZoom() >= COMMUNES_FROM;
    if (band !== lastBand) { lastBand = band; legend(); }
  });
  mode.addEventListener('change', loadValues);

  get('ntm/criteria-sets/commune_2021_2025').then(function (set) {
    set.criteria.forEach(function (c) {
      mode.appendChild(new Option('Tiêu chí ' + c.number + ': ' + c.name_vi, c.number));
      c.indicators.forEach(function (i) {
        mode.appendChild(new Option('  Chỉ tiêu ' + i.number + ': ' + i.name_vi + (i.is_digital ? ' (số)' : ''), i.number));
      });
    });
  });
  loadValues();

  // ---- province comparison ----
  var COLUMNS = [
    ['name', 'Tỉnh / Province'], ['communes_total', 'Xã'], ['ntm', 'NTM %'], ['advanced', 'Nâng cao %'],
    ['model', 'Kiểu mẫu %'], ['average_criteria', 'TB tiêu chí'], ['p84', '8.4 %'], ['gap84', 'Cách mục tiêu 8.4'],
    ['satisfaction', 'Hài lòng %']
  ];
  var rows = [];
  var sortKey = 'ntm', descending = true;
  function row(p) {
    var t = p.targets['d924-indicator-8-4'];
    return { code: p.code, name: p.name, communes_total: p.communes_total, ntm: p.at_least.ntm.pct,
      advanced: p.at_least.advanced.pct, model: p.at_least.model.pct, average_criteria: p.average_criteria,
      p84: p.pass_rates['8.4'] ? p.pass_rates['8.4'].pct : null, gap84: t ? t.gap : null,
      met84: t ? t.met : null, satisfaction: p.satisfaction.satisfaction_pct };
  }
  function renderTable() {
    var table = document.getElementById('provinces');
    var head = document.createElement('tr');
    COLUMNS.forEach(function (c) {
      var th = text('th', c[1] + (c[0] === sortKey ? (descending ? ' ▼' : ' ▲') : ''));
      th.addEventListener('click', function () {
        descending = c[0] === sortKey ? !descending : true;
        sortKey = c[0];
        renderTable();
        renderChart();
      });
      head.appendChild(th);
    });
    table.tHead.replaceChildren(head);
    rows.sort(function (a, b) {
      var x = a[sortKey], y = b[sortKey];
      if (x === y) { return 0; }
      if (x === null || x === undefined) { return 1; }
      if (y === null || y === undefined) { return -1; }
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
    var body = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      COLUMNS.forEach(function (c) {
        var v = r[c[0]];
        var td = text('td', v === null || v === undefined ? '–' : v);
        if (c[0] === 'gap84' && r.met84 !== null) { td.className = r.met84 ? 'met' : 'miss'; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.tBodies[0].replaceChildren(body);
  }
  function renderChart() {
    var ns = 'http://www.w3.org/2000/svg';
    var width = 900, bar = 14, left = 130, height = rows.length * (bar + 4) + 30;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    function el(name, attrs, content) {
      var e = document.createElementNS(ns, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (content !== undefined) { e.textContent = content; }
      svg.appendChild(e);
      return e;
    }
    var scale = (width - left - 40) / 100;
    rows.forEach(function (r, i) {
      var y = 10 + i * (bar + 4);
      el('text', { x: left - 6, y: y + bar - 3, 'text-anchor': 'end' }, r.name);
      el('rect', { x: left, y: y, width: (r.ntm || 0) * scale, height: bar, fill: LEVELS.ntm });
      el('rect', { x: left, y: y, width: (r.advanced || 0) * scale, height: bar, fill: LEVELS.advanced });
      el('rect', { x: left, y: y, width: (r.model || 0) * scale, height: bar, fill: LEVELS.model });
      el('text', { x: left + (r.ntm || 0) * scale + 4, y: y + bar - 3 }, (r.ntm === null ? '–' : r.ntm) + ' %');
    });
    var target = 80 * scale + left;
    el('line', { x1: target, x2: target, y1: 0, y2: height - 18, stroke: '#b00020', 'stroke-dasharray': '4 3' });
    el('text', { x: target + 3, y: height - 6, fill: '#b00020' }, 'mục tiêu 80 % (unverified)');
    document.getElementById('chart').replaceChildren(svg);
  }
  get('stats/ntm').then(function (doc) {
    document.getElementById('basis').textContent = doc.basis + (doc.sample ? ' — ' + doc.sample_note : '');
    rows = doc.provinces.map(row);
    renderTable();
    renderChart();
  });

  // ---- commune panel ----
  function dl(pairs) {
    var d = document.createElement('dl');
    pairs.forEach(function (p) { d.appendChild(text('dt', p[0])); d.appendChild(text('dd', p[1] === null ? '–' : p[1])); });
    return d;
  }
  function showCommune(code) {
    var panel = document.getElementById('commune');
    var body = document.getElementById('commune-body');
    get('collections/communes/items?code=' + encodeURIComponent(code) + '&limit=1').then(function (doc) {
      var f = doc.features[0];
      if (!f) { return; }
      var p = f.properties;
      panel.hidden = false;
      selected = p.code;
      communes.changed();
      if (f.geometry) {
        var extent = new ol.format.GeoJSON().readGeometry(f.geometry, { featureProjection: 'EPSG:3857' }).getExtent();
        map.getView().fit(extent, { maxZoom: 11, padding: [40, 40, 40, 40], duration: 300 });
      }
      document.getElementById('commune-title').textContent = p.name + ' (' + p.province_name + ')';
      body.replaceChildren(dl([['Mức NTM', p.ntm_level], ['Tiêu chí đạt', p.criteria_met + '/' + p.criteria_total],
        ['Bộ tiêu chí', p.criteria_set], ['Dữ liệu minh hoạ', p.sample ? 'có' : 'không']]));
      Promise.all([
        get('ntm/assessments?commune=' + code).catch(function () { return null; }),
        get('collections/communes/items/' + encodeURIComponent(f.id) + '/history').catch(function () { return null; }),
        p.unit_type === 'xa' ? get('ntm/survey/' + code + '/results').catch(function () { return null; }) : null
      ]).then(function (r) {
        var a = r[0] && r[0].assessments[0];
        if (a) {
          body.appendChild(text('h3', 'Tiêu chí'));
          var list = document.createElement('p');
          a.criteria_passed.forEach(function (n) { list.appendChild(text('span', n + ' ✓ ', 'pass')); });
          a.criteria_failed.forEach(function (n) { list.appendChild(text('span', n + ' ✗ ', 'fail')); });
          a.indicators_failed.forEach(function (n) { list.appendChild(text('span', n + ' ✗ ', 'fail')); });
          body.appendChild(list);
        }
        var h = r[1];
        if (h) {
          body.appendChild(text('h3', 'Trước 01/07/2025'));
          var ul = document.createElement('ul');
          h.predecessors.forEach(function (pr) {
            var li = text('li', pr.old_name + ' (' + pr.relation + ')');
            pr.recognitions.forEach(function (rec) {
              li.appendChild(text('div', (rec.ntm_level ? rec.ntm_level + ' · ' : '') + rec.remark + ' — ' + rec.source));
            });
            ul.appendChild(li);
          });
          body.appendChild(ul);
          var d = h.derived_pre_merger_ntm_share;
          body.appendChild(text('p', 'Chỉ số suy ra (không phải công nhận): ' + (d.value_pct === null ? 'không rõ' : d.value_pct + ' %')
            + ' đơn vị cũ có công nhận NTM được ghi nhận'));
        }
        var s = r[2];
        if (s) {
          body.appendChild(text('h3', 'Mức hài lòng ' + s.period));
          body.appendChild(text('p', (s.satisfaction_pct === null ? 'chưa có' : s.satisfaction_pct + ' %') + ' (' + s.responses + ' ý kiến)'));
          var a2 = document.createElement('a');
          a2.href = 'ntm/survey/' + code;
          a2.textContent = 'Góp ý kiến / Give your view';
          body.appendChild(a2);
        }
      });
    });
  }
  map.on('singleclick', function (ev) {
    var hit = null;
    map.forEachFeatureAtPixel(ev.pixel, function (f, layer) {
      if (layer === communes && !hit) { hit = f; }
    });
    if (hit) { showCommune(hit.get('code')); }
  });
  var fromUrl = new URLSearchParams(location.search).get('commune');
  if (fromUrl) { showCommune(fromUrl); }
}());
