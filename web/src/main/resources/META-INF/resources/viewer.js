// RuralAtlas viewer: the map (RuralAtlas's own vector tiles over a basemap that may be missing), the
// layer panel and legend, search, permalink, language, downloads and PNG export. Feature panels and
// the tourist tools are in panels.js. Everything the page shows about the data (layer titles,
// property labels, value titles, id properties) comes from the server's catalogue.
(function () {
  'use strict';
  var I = window.RuralAtlasI18n;
  var t = I.t;
  var started = performance.now();

  // ---- colours (ColorBrewer-based, readable on the plain and OSM basemaps) ----
  var NTM_LEVELS = ['none', 'ntm', 'advanced', 'model', 'modern_pilot'];
  var NTM_COLOURS = { none: '#f4a582', ntm: '#a6d96a', advanced: '#1a9641', model: '#00441b', modern_pilot: '#2b83ba' };
  var NO_DATA = '#cccccc'; // wards and special zones are not assessed
  var CRITERIA_CLASSES = [
    { from: 0, to: 9, colour: '#d7191c' }, { from: 10, to: 13, colour: '#fdae61' }, { from: 14, to: 16, colour: '#ffffbf' },
    { from: 17, to: 18, colour: '#a6d96a' }, { from: 19, to: 19, colour: '#1a9641' }];
  var CATEGORY_COLOURS = {
    community_based: '#c51b7d', homestay: '#7b3294', craft_village: '#e66101', eco_agri: '#4d9221',
    cultural_historic_relic: '#8c510a', festival: '#d01c8b', natural_landscape: '#0571b0', ocop_showroom: '#b2182b', other: '#555555' };
  var SELECTED = '#0b57d0'; // the selected feature's outline: blue, apart from every fill colour
  var LAYER_ORDER = ['communes', 'zones', 'provinces', 'farms', 'tourism'];
  var SWATCH = { communes: '#a6d96a', zones: '#e6a817', provinces: '#555555', farms: '#8c510a', tourism: '#c51b7d' };

  var state = { lang: 'vi', theme: 'level', base: 'osm', selected: null,
    visible: { communes: true, zones: true, provinces: true, farms: true, tourism: true },
    opacity: { communes: 0.75, zones: 0.8, provinces: 1, farms: 1, tourism: 1 } };
  var filter = null; // tourism filter set by the explore panel: function (properties) → boolean

  var catalog = { titles: {}, schemas: {}, idProperty: {}, ready: null };
  var listeners = { language: [], selection: [] };
  var metrics = { firstDrawMs: null, tilesLoaded: 0, basemapErrors: 0, basemapLoaded: 0 };

  // ---- styles ----
  var styleCache = {};
  function cached(key, make) { return styleCache[key] || (styleCache[key] = make()); }
  function fill(c) { return new ol.style.Fill({ color: c }); }
  function stroke(c, w) { return new ol.style.Stroke({ color: c, width: w }); }
  function isSelected(layer, f) {
    return state.selected && state.selected.layer === layer && String(f.get(catalog.idProperty[layer] || '')) === state.selected.id;
  }
  function communeColour(f) {
    if (state.theme === 'criteria') {
      var n = f.get('criteria_met');
      if (n === undefined || n === null) { return NO_DATA; }
      for (var i = 0; i < CRITERIA_CLASSES.length; i++) {
        if (n >= CRITERIA_CLASSES[i].from && n <= CRITERIA_CLASSES[i].to) { return CRITERIA_CLASSES[i].colour; }
      }
      return NO_DATA;
    }
    return NTM_COLOURS[f.get('ntm_level')] || NO_DATA;
  }
  var STYLES = {
    communes: function (f) {
      var sel = isSelected('communes', f);
      var key = 'c' + communeColour(f) + sel;
      return cached(key, function () {
        return new ol.style.Style({ fill: fill(communeColour(f)), stroke: sel ? stroke(SELECTED, 3.5) : stroke('rgba(60,60,60,0.45)', 0.6), zIndex: sel ? 2 : 1 });
      });
    },
    zones: function (f) {
      var sel = isSelected('zones', f);
      return cached('z' + sel, function () {
        return new ol.style.Style({ fill: fill('rgba(230,168,23,0.45)'), stroke: sel ? stroke(SELECTED, 3.5) : stroke('#a66f00', 1.2) });
      });
    },
    provinces: function () {
      return cached('p', function () { return new ol.style.Style({ stroke: stroke('#4a4a4a', 1.4) }); });
    },
    farms: function (f) {
      var sel = isSelected('farms', f);
      var point = f.getType() === 'Point' || f.getType() === 'MultiPoint';
      return cached('f' + point + sel, function () {
        return point
          ? new ol.style.Style({ image: new ol.style.Circle({ radius: sel ? 8 : 5, fill: fill('#8c510a'), stroke: stroke(sel ? SELECTED : '#fff', sel ? 3 : 1.5) }) })
          : new ol.style.Style({ fill: fill('rgba(140,81,10,0.35)'), stroke: stroke(sel ? SELECTED : '#8c510a', sel ? 3 : 1) });
      });
    },
    tourism: function (f) {
      if (filter && !filter(f)) { return null; }
      var sel = isSelected('tourism', f);
      var colour = CATEGORY_COLOURS[f.get('category')] || '#555555';
      return cached('t' + colour + sel, function () {
        return new ol.style.Style({ image: new ol.style.Circle({ radius: sel ? 10 : 7, fill: fill(colour), stroke: stroke(sel ? SELECTED : '#fff', sel ? 3 : 2) }), zIndex: sel ? 2 : 1 });
      });
    }
  };
  // the plain basemap: land from the province boundaries, commune outlines when close
  function plainStyle(f) {
    var layer = f.get('layer');
    if (layer === 'provinces') {
      return cached('bp', function () { return new ol.style.Style({ fill: fill('#f2efe9'), stroke: stroke('#c8c2b8', 1) }); });
    }
    if (layer === 'communes') {
      return cached('bc', function () { return new ol.style.Style({ stroke: stroke('#ddd6cb', 0.6) }); });
    }
    return null;
  }

  // ---- map ----
  var tileSource = new ol.source.VectorTile({
    format: new ol.format.MVT(),
    url: 'tiles/WebMercatorQuad/{z}/{y}/{x}',
    maxZoom: 14,
    transition: 0
  });
  tileSource.on('tileloadend', function () { metrics.tilesLoaded++; });

  function byLayer(id, style) {
    return function (f, resolution) { return f.get('layer') === id ? style(f, resolution) : null; };
  }
  var plain = new ol.layer.VectorTile({ source: tileSource, style: plainStyle, properties: { id: 'plain' } });
  var basemap = new ol.layer.Tile({ properties: { id: 'basemap' }, visible: false });
  var layers = {};
  LAYER_ORDER.forEach(function (id) {
    layers[id] = new ol.layer.VectorTile({
      source: tileSource, style: byLayer(id, STYLES[id]), properties: { id: id },
      opacity: state.opacity[id], renderBuffer: 40
    });
  });

  var scale = new ol.control.ScaleLine({ units: 'metric' });
  var map = new ol.Map({
    target: 'map',
    layers: [plain, basemap].concat(LAYER_ORDER.map(function (id) { return layers[id]; })),
    controls: ol.control.defaults.defaults({ attributionOptions: { collapsible: true } }).extend([scale]),
    view: new ol.View({ center: ol.proj.fromLonLat([106.0, 16.2]), zoom: 5.3, minZoom: 4, maxZoom: 19,
      extent: ol.proj.transformExtent([95, 3, 122, 27], 'EPSG:4326', 'EPSG:3857'), constrainOnlyCenter: true })
  });

  // first draw: the first frame after the first tile with data arrived
  map.on('rendercomplete', function () {
    if (metrics.firstDrawMs === null && metrics.tilesLoaded > 0) {
      metrics.firstDrawMs = Math.round(performance.now());
      metrics.firstDrawSinceScriptMs = Math.round(performance.now() - started);
    }
  });

  // ---- basemap: configured by the server; on failure, the plain basemap below shows through ----
  function setBasemap(config) {
    if (!config || !config.url) {
      state.base = 'plain';
      basemap.setSource(null);
      return;
    }
    var src = new ol.source.XYZ({ url: config.url, maxZoom: config.maxZoom, crossOrigin: 'anonymous',
      attributions: config.attribution, transition: 0 });
    src.on('tileloadend', function () { metrics.basemapLoaded++; });
    src.on('tileloaderror', function () {
      metrics.basemapErrors++;
      if (metrics.basemapLoaded === 0 && metrics.basemapErrors >= 2 && !metrics.basemapFailed) {
        metrics.basemapFailed = true;
        notice(t('basemap.failed'));
      }
    });
    basemap.setSource(src);
    basemap.setVisible(state.base === 'osm');
  }

  // ---- catalogue: titles in both languages, schemas (labels, value titles, id property) ----
  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }
  catalog.ready = Promise.all([
    getJson('collections?lang=vi'), getJson('collections?lang=en')
  ].concat(LAYER_ORDER.map(function (id) { return getJson('collections/' + id + '/schema'); }))).then(function (docs) {
    docs[0].collections.forEach(function (c) { catalog.titles[c.id] = { vi: c.title, en: c.title, attribution: c.attribution, license: c.license }; });
    docs[1].collections.forEach(function (c) { if (catalog.titles[c.id]) { catalog.titles[c.id].en = c.title; } });
    LAYER_ORDER.forEach(function (id, i) {
      var schema = docs[2 + i];
      catalog.schemas[id] = schema.properties;
      Object.keys(schema.properties).forEach(function (name) {
        if (schema.properties[name]['x-ogc-role'] === 'id') { catalog.idProperty[id] = name; }
      });
    });
    // the sources and licences of the layers, as each collection states them
    var credits = [];
    LAYER_ORDER.forEach(function (id) {
      var a = catalog.titles[id] && catalog.titles[id].attribution;
      if (a && credits.indexOf(a) < 0) { credits.push(a); }
    });
    tileSource.setAttributions(credits);
    map.changed(); // selection styles need the id properties
    renderAll();
    return catalog;
  });

  /** The title of a layer, a property, or a property's value, in the current language. */
  function layerTitle(id) { var c = catalog.titles[id]; return c ? c[state.lang] : id; }
  function propertyTitle(layer, name) {
    var p = (catalog.schemas[layer] || {})[name];
    if (!p) { return name; }
    return state.lang === 'vi' ? p['x-title-vi'] || p.title : p.title;
  }
  function valueTitle(layer, name, value) {
    var p = (catalog.schemas[layer] || {})[name];
    var titles = p && p[state.lang === 'vi' ? 'x-enum-titles-vi' : 'x-enum-titles'];
    return titles && titles[value] !== undefined ? titles[value] : String(value).replace(/_/g, ' ');
  }
  function allowedValues(layer, name) {
    var p = (catalog.schemas[layer] || {})[name];
    return (p && (p.enum || (p.items && p.items.enum)) || []).filter(function (v) { return v !== null; });
  }

  // ---- small DOM helpers ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'on') {
        Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); });
      } else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, attrs[k] === true ? '' : attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  var noticeTimer = null;
  function notice(text, ms) {
    var n = document.getElementById('notice');
    n.textContent = text;
    n.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () { n.hidden = true; }, ms || 6000);
  }

  // ---- panel (one at a time: layers, explore, downloads, about, detail) ----
  var panel = { mode: null, renderers: {}, opener: null };
  function openPanel(mode, title, focus) {
    var p = document.getElementById('panel');
    if (p.hidden && document.activeElement && document.activeElement !== document.body) { panel.opener = document.activeElement; }
    panel.mode = mode;
    document.getElementById('panel-title').textContent = title || t('panel.' + mode);
    var body = document.getElementById('panel-body');
    body.textContent = '';
    body.setAttribute('data-mode', mode);
    p.hidden = false;
    document.body.classList.add('panel-open');
    document.querySelectorAll('[data-panel]').forEach(function (b) {
      b.setAttribute('aria-expanded', String(b.getAttribute('data-panel') === mode));
    });
    if (panel.renderers[mode]) { panel.renderers[mode](body); }
    if (focus !== false) { document.getElementById('panel-title').focus({ preventScroll: true }); }
    padView();
    return body;
  }
  /** Keeps what the map centres on (a search result, a permalink) clear of the panel that covers it. */
  function padView() {
    var p = document.getElementById('panel');
    var view = map.getView();
    var before = view.getCenter();
    var padding = [0, 0, 0, 0];
    if (!p.hidden) {
      if (window.innerWidth >= 760) { padding[1] = p.offsetWidth; } else { padding[2] = p.offsetHeight; }
    }
    var old = view.padding || [0, 0, 0, 0];
    if (padding.join() !== old.join()) {
      view.padding = padding;
      view.setCenter(before); // the same centre in the part of the map that stays visible
    }
    map.updateSize();
  }
  function closePanel() {
    document.getElementById('panel').hidden = true;
    document.body.classList.remove('panel-open');
    panel.mode = null;
    document.querySelectorAll('[data-panel]').forEach(function (b) { b.setAttribute('aria-expanded', 'false'); });
    if (state.selected) { select(null); }
    padView();
    // back to where the keyboard was before the panel opened
    if (panel.opener && document.body.contains(panel.opener)) { panel.opener.focus({ preventScroll: true }); }
    panel.opener = null;
  }
  document.getElementById('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !document.getElementById('panel').hidden && document.activeElement.id !== 'search-input') { closePanel(); }
  });
  document.querySelectorAll('[data-panel]').forEach(function (b) {
    b.addEventListener('click', function () {
      var mode = b.getAttribute('data-panel');
      if (panel.mode === mode) { closePanel(); } else { openPanel(mode); }
    });
  });

  // layers panel: basemap, theme, per layer visibility, opacity and legend
  panel.renderers.layers = function (body) {
    var base = el('fieldset', {}, [el('legend', { text: t('basemap') })]);
    [['osm', t('basemap.osm')], ['plain', t('basemap.plain')]].forEach(function (b) {
      var input = el('input', { type: 'radio', name: 'basemap', value: b[0], checked: state.base === b[0],
        disabled: b[0] === 'osm' && !basemap.getSource() });
      input.addEventListener('change', function () { state.base = b[0]; basemap.setVisible(b[0] === 'osm' && !!basemap.getSource()); saveState(); });
      base.appendChild(el('label', { class: 'row' }, [input, ' ' + b[1]]));
    });
    body.appendChild(base);
    var theme = el('fieldset', {}, [el('legend', { text: t('theme') })]);
    [['level', t('theme.level')], ['criteria', t('theme.criteria')]].forEach(function (th) {
      var input = el('input', { type: 'radio', name: 'theme', value: th[0], checked: state.theme === th[0] });
      input.addEventListener('change', function () { setTheme(th[0]); });
      theme.appendChild(el('label', { class: 'row' }, [input, ' ' + th[1]]));
    });
    body.appendChild(theme);
    var list = el('ul', { class: 'layer-list' });
    LAYER_ORDER.slice().reverse().forEach(function (id) {
      var box = el('input', { type: 'checkbox', id: 'layer-' + id, checked: state.visible[id] });
      box.addEventListener('change', function () { setVisible(id, box.checked); });
      var range = el('input', { type: 'range', min: 0, max: 100, step: 5, value: Math.round(state.opacity[id] * 100),
        'aria-label': t('opacity') + ': ' + layerTitle(id) });
      range.addEventListener('input', function () { state.opacity[id] = range.value / 100; layers[id].setOpacity(state.opacity[id]); });
      var legend = id === 'tourism' ? el('ul', { class: 'mini-legend' }, allowedValues('tourism', 'category').map(function (c) {
        return el('li', {}, [el('span', { class: 'swatch dot', style: 'background:' + CATEGORY_COLOURS[c], 'aria-hidden': 'true' }), valueTitle('tourism', 'category', c)]);
      })) : null;
      list.appendChild(el('li', {}, [
        el('label', { class: 'row', for: 'layer-' + id }, [box, el('span', { class: 'swatch', style: 'background:' + SWATCH[id], 'aria-hidden': 'true' }), layerTitle(id)]),
        el('label', { class: 'opacity' }, [el('span', { text: t('opacity') }), range]), legend]));
    });
    body.appendChild(list);
  };

  function setVisible(id, visible) {
    state.visible[id] = visible;
    layers[id].setVisible(visible);
    saveState();
    renderLegend();
  }
  function setTheme(theme) {
    state.theme = theme === 'criteria' ? 'criteria' : 'level';
    layers.communes.changed();
    saveState();
    renderLegend();
  }

  // ---- legend: NTM levels or criteria classes, with the number of communes in view ----
  function communesInView() {
    var counts = {};
    var seen = {};
    var total = 0;
    if (map.getView().getZoom() < 7 || !state.visible.communes) { return null; }
    var idp = catalog.idProperty.communes || 'unit_id';
    layers.communes.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).forEach(function (f) {
      if (f.get('layer') !== 'communes') { return; }
      var id = f.get(idp);
      if (seen[id]) { return; }
      seen[id] = true;
      total++;
      var key = state.theme === 'criteria' ? communeColour(f) : NTM_COLOURS[f.get('ntm_level')] ? f.get('ntm_level') : NO_DATA;
      counts[key] = (counts[key] || 0) + 1;
    });
    return { counts: counts, total: total };
  }
  function legendRows() {
    var rows = state.theme === 'criteria'
      ? CRITERIA_CLASSES.map(function (c) { return { key: c.colour, colour: c.colour, label: c.from === c.to ? String(c.from) : c.from + '–' + c.to }; })
      : NTM_LEVELS.map(function (l) { return { key: l, colour: NTM_COLOURS[l], label: valueTitle('communes', 'ntm_level', l) }; });
    return rows.concat([{ key: NO_DATA, colour: NO_DATA, label: t('legend.nodata') }]);
  }
  function renderLegend() {
    var box = document.getElementById('legend');
    box.textContent = '';
    if (!state.visible.communes) { box.hidden = true; return; }
    box.hidden = false;
    var inView = communesInView();
    box.appendChild(el('h2', { text: state.theme === 'criteria' ? t('legend.criteria') : t('legend.title') }));
    var ul = el('ul');
    legendRows().forEach(function (r) {
      var n = inView ? inView.counts[r.key] || 0 : null;
      ul.appendChild(el('li', { 'data-key': r.key }, [el('span', { class: 'swatch', style: 'background:' + r.colour, 'aria-hidden': 'true' }),
        el('span', { class: 'label', text: r.label }), n === null ? null : el('span', { class: 'count', text: I.number(n, 0) })]));
    });
    box.appendChild(ul);
    box.appendChild(el('p', { class: 'note', text: inView ? I.number(inView.total, 0) + ' ' + t('legend.inview') : t('legend.zoomin') }));
  }
  var legendTimer = null;
  function legendSoon() { clearTimeout(legendTimer); legendTimer = setTimeout(renderLegend, 100); }
  map.on('rendercomplete', legendSoon);
  map.on('moveend', legendSoon);

  // ---- selection (kept in the permalink) ----
  function select(sel) {
    state.selected = sel;
    LAYER_ORDER.forEach(function (id) { layers[id].changed(); });
    saveState();
    listeners.selection.forEach(function (fn) { fn(sel); });
  }

  // ---- click: the topmost feature under the finger opens its panel ----
  map.on('singleclick', function (e) {
    var hit = map.forEachFeatureAtPixel(e.pixel, function (f, layer) { return { f: f, layer: layer.get('id') }; },
      { hitTolerance: 6, layerFilter: function (l) { return !!layers[l.get('id')] && l.getVisible(); } });
    if (!hit) { return; }
    catalog.ready.then(function () {
      var id = hit.f.get(catalog.idProperty[hit.layer]);
      if (id !== undefined) { RA.showFeature(hit.layer, String(id)); }
    });
  });
  map.on('pointermove', function (e) {
    if (e.dragging) { return; }
    var over = map.hasFeatureAtPixel(e.pixel, { hitTolerance: 6, layerFilter: function (l) { return !!layers[l.get('id')] && l.get('id') !== 'provinces'; } });
    map.getTargetElement().style.cursor = over ? 'pointer' : '';
  });

  /** Centres the map on a result or feature: its bbox, or its point at street zoom. */
  function zoomTo(bbox, point, maxZoom) {
    var view = map.getView();
    if (bbox && (bbox[2] - bbox[0] > 0.0005 || bbox[3] - bbox[1] > 0.0005)) {
      view.fit(ol.proj.transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'), { padding: [40, 40, 40, 40], maxZoom: maxZoom || 15, duration: 0 });
    } else if (point) {
      view.setCenter(ol.proj.fromLonLat(point));
      view.setZoom(Math.max(view.getZoom(), 15));
    }
  }

  // ---- permalink: #map=zoom/lat/lon&layers=…&sel=layer/id&lang=…&theme=…&base=… ----
  var restoring = false;
  function hashOf() {
    var view = map.getView();
    var c = ol.proj.toLonLat(view.getCenter());
    var parts = ['map=' + view.getZoom().toFixed(2) + '/' + c[1].toFixed(5) + '/' + c[0].toFixed(5),
      'layers=' + LAYER_ORDER.filter(function (id) { return state.visible[id]; }).join(','),
      'lang=' + state.lang];
    if (state.theme !== 'level') { parts.push('theme=' + state.theme); }
    if (state.base !== 'osm') { parts.push('base=' + state.base); }
    if (state.selected) { parts.push('sel=' + encodeURIComponent(state.selected.layer) + '/' + encodeURIComponent(state.selected.id)); }
    return '#' + parts.join('&');
  }
  function saveState() {
    if (restoring) { return; }
    var h = hashOf();
    if (location.hash !== h) { history.replaceState(null, '', h); }
  }
  function parseHash(hash) {
    var out = {};
    hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { out[kv.slice(0, i)] = kv.slice(i + 1); }
    });
    return out;
  }
  function restore(hash) {
    var h = parseHash(hash);
    restoring = true;
    try {
      if (h.lang) { setLanguage(decodeURIComponent(h.lang)); }
      if (h.map) {
        var m = h.map.split('/').map(Number);
        if (m.length === 3 && m.every(isFinite)) {
          map.getView().setZoom(m[0]);
          map.getView().setCenter(ol.proj.fromLonLat([m[2], m[1]]));
        }
      }
      if (h.layers !== undefined) {
        var on = decodeURIComponent(h.layers).split(',');
        LAYER_ORDER.forEach(function (id) { state.visible[id] = on.indexOf(id) >= 0; layers[id].setVisible(state.visible[id]); });
      }
      setTheme(h.theme || 'level');
      state.base = h.base === 'plain' ? 'plain' : 'osm';
      basemap.setVisible(state.base === 'osm' && !!basemap.getSource());
      if (h.sel) {
        var s = h.sel.split('/');
        if (s.length === 2 && layers[decodeURIComponent(s[0])]) {
          RA.showFeature(decodeURIComponent(s[0]), decodeURIComponent(s[1]), { zoom: !h.map });
        }
      }
    } finally {
      restoring = false;
    }
  }
  map.on('moveend', saveState);
  window.addEventListener('hashchange', function () { if (location.hash !== hashOf()) { restore(location.hash); } });

  // ---- language ----
  function setLanguage(lang) {
    if (I.languages.indexOf(lang) < 0) { lang = 'vi'; }
    state.lang = lang;
    I.lang = lang;
    var b = document.getElementById('lang-button');
    var other = lang === 'vi' ? 'en' : 'vi';
    b.textContent = other.toUpperCase();
    b.setAttribute('lang', other);
    b.setAttribute('aria-label', t('lang.switch'));
    document.title = lang === 'vi' ? 'RuralAtlas — Bản đồ nông thôn mới' : 'RuralAtlas — New rural development map';
    renderAll();
    listeners.language.forEach(function (fn) { fn(lang); });
    saveState();
  }
  function renderAll() {
    renderLegend();
    if (panel.mode && panel.renderers[panel.mode]) {
      var body = document.getElementById('panel-body');
      if (panel.mode !== 'detail') { document.getElementById('panel-title').textContent = t('panel.' + panel.mode); }
      body.textContent = '';
      panel.renderers[panel.mode](body);
    }
  }
  document.getElementById('lang-button').addEventListener('click', function () { setLanguage(state.lang === 'vi' ? 'en' : 'vi'); });

  // ---- search: autocomplete from /search; choosing a result zooms to it and opens its panel ----
  (function search() {
    var input = document.getElementById('search-input');
    var list = document.getElementById('search-results');
    var results = [];
    var active = -1;
    var timer = null;
    var seq = 0;
    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute('aria-selected', String(j === i)); });
      if (i >= 0 && list.children[i]) { input.setAttribute('aria-activedescendant', list.children[i].id); list.children[i].scrollIntoView({ block: 'nearest' }); }
    }
    function choose(i) {
      var r = results[i];
      if (!r) { return; }
      close();
      input.value = r.name;
      input.blur();
      RA.showFeature(r.layer, r.id, { zoom: false }); // opens the panel first, so the zoom fits the part left visible
      zoomTo(r.bbox, r.point, r.layer === 'provinces' ? 9 : 15);
    }
    function show(q, docs) {
      results = docs.results;
      list.textContent = '';
      list.setAttribute('data-query', q);
      if (!results.length) {
        list.appendChild(el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', text: t('search.none', { q: q }) }));
      }
      results.forEach(function (r, i) {
        var li = el('li', { id: 'search-option-' + i, role: 'option', 'aria-selected': 'false', 'data-layer': r.layer, 'data-id': r.id }, [
          el('span', { class: 'swatch dot', style: 'background:' + SWATCH[r.layer], 'aria-hidden': 'true' }),
          el('span', { class: 'name', text: r.name }),
          el('span', { class: 'where', text: [r.label, layerTitle(r.layer)].filter(Boolean).join(' · ') })]);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(results.length ? 0 : -1);
    }
    function run() {
      var q = input.value.trim();
      if (q.replace(/[\s\p{P}]/gu, '').length < 2) { close(); return; }
      var mine = ++seq;
      getJson('search?limit=8&q=' + encodeURIComponent(q)).then(function (docs) {
        if (mine === seq) { show(q, docs); }
      }).catch(function () { if (mine === seq) { notice(t('search.failed')); } });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener('focus', function () { if (results.length && input.value.trim()) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === 'Enter') {
        e.preventDefault();
        if (!list.hidden && results.length) { choose(active >= 0 ? active : 0); } else { clearTimeout(timer); run(); }
      } else if (e.key === 'Escape') { close(); }
    });
  })();

  // ---- share: the permalink to the clipboard ----
  document.getElementById('share-button').addEventListener('click', function () {
    saveState();
    var url = location.href;
    var done = function () { notice(t('share.copied')); };
    if (navigator.share && matchMedia('(pointer: coarse)').matches) {
      navigator.share({ title: document.title, url: url }).catch(function () {});
    } else if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { window.prompt(t('share.manual'), url); });
    } else {
      window.prompt(t('share.manual'), url);
    }
  });

  // ---- PNG export: the map's canvases, then the legend, scale, attribution and a title ----
  function exportPng() {
    return new Promise(function (resolve, reject) {
      map.once('rendercomplete', function () {
        try {
          var size = map.getSize(); // the image has the map's size in CSS pixels
          var w = size[0];
          var h = size[1];
          var rows = state.visible.communes ? legendRows() : [];
          var columns = w >= 600 ? 3 : 2;
          var out = document.createElement('canvas');
          var ctx = out.getContext('2d');
          // the attribution every source asks for, wrapped to the width
          var credits = [];
          map.getViewport().querySelectorAll('.ol-attribution li').forEach(function (li) { credits.push(li.textContent.trim()); });
          ctx.font = '10px system-ui, sans-serif';
          var lines = [];
          credits.join(' · ').split(' ').forEach(function (word) {
            var last = lines.length ? lines[lines.length - 1] : null;
            if (last !== null && ctx.measureText(last + ' ' + word).width < w - 16) { lines[lines.length - 1] = last + ' ' + word; } else { lines.push(word); }
          });
          var legendHeight = 24 + 18 * Math.ceil(rows.length / columns);
          var footer = legendHeight + 30 + 13 * lines.length + 6;
          out.width = w;
          out.height = h + footer;
          ctx.fillStyle = '#aad3df';
          ctx.fillRect(0, 0, w, h);
          map.getViewport().querySelectorAll('.ol-layer canvas, canvas.ol-layer').forEach(function (canvas) {
            if (canvas.width > 0) {
              var opacity = canvas.parentNode.style.opacity || canvas.style.opacity;
              ctx.globalAlpha = opacity === '' ? 1 : Number(opacity);
              var transform = canvas.style.transform.match(/^matrix\(([^(]*)\)$/);
              var m = transform ? transform[1].split(',').map(Number)
                : [parseFloat(canvas.style.width) / canvas.width, 0, 0, parseFloat(canvas.style.height) / canvas.height, 0, 0];
              ctx.setTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
              ctx.drawImage(canvas, 0, 0);
            }
          });
          ctx.globalAlpha = 1;
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, h, w, footer);
          ctx.fillStyle = '#1b1b1b';
          ctx.font = 'bold 13px system-ui, sans-serif';
          ctx.fillText(t('export.title') + (rows.length ? ' — ' + (state.theme === 'criteria' ? t('legend.criteria') : t('legend.title')) : ''), 8, h + 16);
          ctx.font = '12px system-ui, sans-serif';
          rows.forEach(function (r, i) {
            var x = 8 + (i % columns) * Math.floor((w - 16) / columns);
            var y = h + 24 + Math.floor(i / columns) * 18;
            ctx.fillStyle = r.colour;
            ctx.fillRect(x, y, 14, 12);
            ctx.strokeStyle = '#666';
            ctx.strokeRect(x, y, 14, 12);
            ctx.fillStyle = '#1b1b1b';
            ctx.fillText(r.label, x + 20, y + 11);
          });
          // the scale bar as the map shows it
          var scaleEl = map.getViewport().querySelector('.ol-scale-line-inner');
          var yScale = h + legendHeight + 14;
          if (scaleEl) {
            var sw = scaleEl.offsetWidth;
            ctx.fillStyle = '#1b1b1b';
            ctx.fillRect(8, yScale, sw, 3);
            ctx.fillRect(8, yScale - 5, 2, 8);
            ctx.fillRect(8 + sw - 2, yScale - 5, 2, 8);
            ctx.fillText(scaleEl.textContent, 14 + sw, yScale + 4);
          }
          ctx.font = '10px system-ui, sans-serif';
          ctx.fillStyle = '#444';
          lines.forEach(function (line, i) { ctx.fillText(line, 8, yScale + 22 + 13 * i); });
          out.toBlob(function (blob) {
            if (!blob) { reject(new Error('toBlob')); return; }
            resolve(blob);
          }, 'image/png');
        } catch (e) {
          reject(e);
        }
      });
      map.renderSync();
    });
  }
  document.getElementById('export-button').addEventListener('click', function () {
    exportPng().then(function (blob) {
      var a = el('a', { href: URL.createObjectURL(blob), download: 'ruralatlas-' + new Date().toISOString().slice(0, 10) + '.png' });
      document.body.appendChild(a);
      a.click();
      a.remove();
      notice(t('export.done'));
    }, function (e) { notice(t('export.failed', { e: e.message })); });
  });

  // downloads panel: per layer, the download files, the items API and offline packages
  panel.renderers.downloads = function (body) {
    body.appendChild(el('p', { text: t('downloads.intro') }));
    var list = el('ul', { class: 'downloads' });
    LAYER_ORDER.forEach(function (id) {
      var info = catalog.titles[id] || {};
      list.appendChild(el('li', {}, [el('h3', { text: layerTitle(id) }),
        el('p', { class: 'formats' }, ['geojson', 'csv', 'gpkg', 'fgb'].map(function (f) {
          return el('a', { href: 'downloads/' + id + '.' + f, download: '', class: 'button small', text: f.toUpperCase() });
        }).concat([el('a', { href: 'collections/' + id + '/items?f=json&limit=1000', class: 'button small', text: t('downloads.api') })])),
        info.license ? el('p', { class: 'note', text: info.license + (info.attribution ? ' — ' + info.attribution : '') }) : null]));
    });
    body.appendChild(list);
    body.appendChild(el('p', {}, [el('a', { href: 'downloads', text: t('downloads.catalogue') })]));
    body.appendChild(el('h3', { text: t('downloads.offline') }));
    var e = ol.proj.transformExtent(map.getView().calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326')
      .map(function (v) { return v.toFixed(4); });
    var z = Math.max(6, Math.floor(map.getView().getZoom()));
    body.appendChild(el('p', {}, [el('a', { class: 'button', href: 'tiles/offline?bbox=' + e.join(',') + '&zooms=' + z + '-' + Math.min(14, z + 4),
      text: t('downloads.offline.view') + ' (z' + z + '–' + Math.min(14, z + 4) + ')' })]));
    var select = el('select', { 'aria-label': t('downloads.offline.province') }, [el('option', { value: '', text: t('downloads.offline.province') + '…' })]);
    var link = el('a', { class: 'button', href: '#', 'aria-disabled': 'true', text: 'MBTiles' });
    RA.provinces().then(function (ps) {
      ps.forEach(function (p) { select.appendChild(el('option', { value: p.name, text: p.name })); });
    });
    select.addEventListener('change', function () {
      link.href = select.value ? 'tiles/offline?province=' + encodeURIComponent(select.value) + '&zooms=6-14' : '#';
      link.setAttribute('aria-disabled', String(!select.value));
    });
    body.appendChild(el('p', { class: 'row' }, [select, link]));
  };

  // about panel: the landing page's links (API, conformance, collections, downloads…) and attributions
  panel.renderers.about = function (body) {
    body.appendChild(el('p', { text: t('about.text') }));
    body.appendChild(el('h3', { text: t('about.links') }));
    var ul = el('ul', { class: 'links-list' });
    body.appendChild(ul);
    getJson('?f=json').then(function (landing) {
      var seen = {};
      landing.links.filter(function (l) { return l.rel !== 'self' && l.rel !== 'alternate' && !l.templated; }).forEach(function (l) {
        if (seen[l.href]) { return; }
        seen[l.href] = true;
        ul.appendChild(el('li', {}, [el('a', { href: l.href, rel: l.rel, type: l.type, text: l.title || l.rel })]));
      });
      if (!seen[new URL('downloads', location.href).href]) {
        ul.appendChild(el('li', {}, [el('a', { href: 'downloads', text: t('link.downloads') })]));
      }
    });
    body.appendChild(el('h3', { text: t('about.attribution') }));
    LAYER_ORDER.forEach(function (id) {
      var info = catalog.titles[id];
      if (info) { body.appendChild(el('p', { class: 'note' }, [el('strong', { text: layerTitle(id) + ': ' }), info.attribution || '', ' (' + (info.license || '') + ')'])); }
    });
  };

  // ---- the viewer's public face, for panels.js, the NTM tools and the browser tests ----
  var provincesPromise = null;
  var RA = window.RuralAtlas = {
    map: map, layers: layers, basemap: basemap, plain: plain, state: state, catalog: catalog, metrics: metrics,
    t: t, el: el, notice: notice, getJson: getJson, openPanel: openPanel, closePanel: closePanel, panel: panel,
    layerTitle: layerTitle, propertyTitle: propertyTitle, valueTitle: valueTitle, allowedValues: allowedValues,
    zoomTo: zoomTo, select: select, setLanguage: setLanguage, setTheme: setTheme, setVisible: setVisible,
    exportPng: exportPng, hash: hashOf, NTM_COLOURS: NTM_COLOURS, CATEGORY_COLOURS: CATEGORY_COLOURS,
    /** Calls fn(lang) after every language switch. */
    onLanguage: function (fn) { listeners.language.push(fn); },
    /** Calls fn({layer, id} or null) after every change of the selected feature. */
    onSelection: function (fn) { listeners.selection.push(fn); },
    /** Only tourism sites for which fn(feature) is true are drawn; null draws all. */
    setTourismFilter: function (fn) { filter = fn; layers.tourism.changed(); },
    /** The 34 provinces (code, name, bbox), loaded once. */
    provinces: function () {
      if (!provincesPromise) {
        provincesPromise = getJson('collections/provinces/items?limit=100').then(function (fc) {
          var fmt = new ol.format.GeoJSON();
          return fc.features.map(function (f) {
            return { code: f.properties.code, name: f.properties.name, bbox: fmt.readGeometry(f.geometry).getExtent() };
          }).sort(function (a, b) { return a.name.localeCompare(b.name, 'vi'); });
        });
      }
      return provincesPromise;
    },
    showFeature: function () { /* panels.js */ },
    testing: {
      /** Distinct features of a layer among the rendered tiles in view. */
      renderedFeatures: function (id) {
        var idp = catalog.idProperty[id];
        var seen = {};
        return layers[id].getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).filter(function (f) {
          if (f.get('layer') !== id || seen[f.get(idp)]) { return false; }
          seen[f.get(idp)] = true;
          return true;
        });
      },
      /**
       * Proof from the rendered canvas: a feature of the layer drawn in view, and whether hit
       * detection (which reads what was drawn) finds that same feature at its pixel.
       */
      hit: function (id) {
        var idp = catalog.idProperty[id];
        var size = map.getSize();
        var found = RA.testing.renderedFeatures(id);
        var rect = map.getViewport().getBoundingClientRect();
        function at(px) {
          px = [Math.round(px[0]), Math.round(px[1])];
          if (px[0] < 5 || px[1] < 5 || px[0] > size[0] - 5 || px[1] > size[1] - 5) { return null; }
          // only where a finger would reach the map, not the legend, a notice, a panel or a control
          var top = document.elementFromPoint(rect.left + px[0], rect.top + px[1]);
          if (!top || !map.getViewport().contains(top) || top.closest('.ol-control')) { return null; }
          var hitId = null;
          map.forEachFeatureAtPixel(px, function (g) { hitId = g.get(idp); return true; },
            { layerFilter: function (l) { return l === layers[id]; }, hitTolerance: 1 });
          return hitId === null || hitId === undefined ? null : { id: hitId, pixel: px, rendered: found.length };
        }
        // a point, a point inside a polygon, or a vertex of an outline; then anywhere on a grid
        for (var i = 0; i < found.length && i < 50; i++) {
          var f = found[i];
          var coords = [f.getFlatCoordinates().slice(0, 2)];
          if (f.getType() === 'Polygon' || f.getType() === 'MultiPolygon') { coords.unshift(f.getFlatInteriorPoint().slice(0, 2)); }
          for (var j = 0; j < coords.length; j++) {
            var px = map.getPixelFromCoordinate(coords[j]);
            var h = px && at(px);
            if (h && h.id === f.get(idp)) { return h; }
          }
        }
        for (var gx = 1; gx < 12; gx++) {
          for (var gy = 1; gy < 10; gy++) {
            var g = found.length ? at([size[0] * gx / 12, size[1] * gy / 10]) : null;
            if (g) { return g; }
          }
        }
        return { id: null, rendered: found.length };
      }
    }
  };

  // ---- start: restore the permalink, then the basemap from the server's configuration ----
  // after panels.js has added its part (the feature panel a permalink may reopen)
  var initialHash = location.hash;
  window.addEventListener('DOMContentLoaded', function () {
    restoring = true;
    setLanguage('vi');
    restoring = false;
    if (initialHash) { restore(initialHash); }
    getJson('viewer/config.json').then(function (c) { setBasemap(c.basemap); }, function () { setBasemap(null); });
    map.once('rendercomplete', function () { document.body.setAttribute('data-ready', 'true'); });
  });
})();
