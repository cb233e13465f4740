// RuralAtlas viewer: the feature panel (readable properties, photos, contacts, the commune's NTM
// section and any sections other tools add) and the tourist tools (filters, near me).
(function () {
  'use strict';
  var RA = window.RuralAtlas;
  var t = RA.t;
  var el = RA.el;

  // ---- sections other tools add to a layer's panel ----
  var sections = {};
  /**
   * Adds a section to the panel of every feature of a layer, after the built-in ones:
   * fn(feature, api) where feature is the GeoJSON feature from the items API and api offers
   * section(title) (a new section element, already in the panel), lang, t, el, getJson. fn may
   * return a Promise; it is called again on a language switch.
   * Example: RuralAtlas.addPanelSection('communes', function (f, api) {
   *   var s = api.section('Lịch sử'); return api.getJson('collections/communes/items/' + f.id + '/history').then(…); });
   */
  RA.addPanelSection = function (layer, fn) {
    (sections[layer] = sections[layer] || []).push(fn);
  };

  var current = null; // {layer, id, feature}

  function empty(v) { return v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length); }

  /** A property value for people: value titles, units, lists, numbers in the language's format. */
  function display(layer, name, value) {
    var p = (RA.catalog.schemas[layer] || {})[name] || {};
    if (Array.isArray(value)) {
      return value.map(function (v) { return typeof v === 'object' ? readableObject(v) : RA.valueTitle(layer, name, v); }).join(', ');
    }
    if (typeof value === 'object') { return readableObject(value); }
    if (typeof value === 'boolean') { return RA.state.lang === 'vi' ? (value ? 'Có' : 'Không') : (value ? 'Yes' : 'No'); }
    if (p.enum || (p['x-enum-titles'] && p['x-enum-titles'][value] !== undefined)) { return RA.valueTitle(layer, name, value); }
    if (typeof value === 'number') {
      var unit = p['x-unit'] === 'km2' ? 'km²' : p['x-unit'];
      return window.RuralAtlasI18n.number(value) + (unit ? ' ' + unit : '');
    }
    return String(value);
  }
  function readableObject(o) {
    if (o && o.name !== undefined) { return o.name + (o.stars ? ' (' + '★'.repeat(o.stars) + ')' : ''); }
    return JSON.stringify(o);
  }

  function showFeature(layer, id, options) {
    options = options || {};
    current = { layer: layer, id: id, feature: null, options: options };
    RA.select({ layer: layer, id: id });
    var body = RA.openPanel('detail', t('detail.loading'), options.focus);
    body.appendChild(el('p', { class: 'note', text: t('detail.loading') }));
    var mine = current;
    return RA.catalog.ready.then(function () {
      return RA.getJson('collections/' + encodeURIComponent(layer) + '/items/' + encodeURIComponent(id) + '?f=json');
    }).then(function (feature) {
      if (current !== mine) { return; }
      mine.feature = feature;
      if (options.zoom !== false && feature.geometry) {
        var extent = new ol.format.GeoJSON().readGeometry(feature.geometry).getExtent();
        RA.zoomTo(extent, ol.extent.getCenter(extent), 15);
      }
      render();
    }).catch(function () {
      if (current === mine) {
        document.getElementById('panel-title').textContent = id;
        body.textContent = '';
        body.appendChild(el('p', { class: 'error', text: t('detail.failed') }));
      }
    });
  }
  RA.showFeature = showFeature;
  RA.panel.renderers.detail = function () { if (current && current.feature) { render(); } };

  function render() {
    var layer = current.layer;
    var f = current.feature;
    var p = f.properties || {};
    var lang = RA.state.lang;
    var title = p.name || f.id;
    if (lang === 'en' && p.name_en && layer === 'tourism') { title = p.name_en; }
    document.getElementById('panel-title').textContent = title;
    var body = document.getElementById('panel-body');
    body.textContent = '';
    body.setAttribute('data-layer', layer);
    body.setAttribute('data-id', current.id);
    var place = [p.address || null, layer === 'communes' ? p.province_name : null].filter(Boolean).join(', ');
    body.appendChild(el('p', { class: 'kind' }, [el('span', { class: 'layer-name', text: RA.layerTitle(layer) }),
      layer === 'communes' && p.unit_type ? ' · ' + RA.valueTitle(layer, 'unit_type', p.unit_type) : null,
      place ? el('span', { class: 'place', text: ' · ' + place }) : null]));

    (p.photos || []).slice(0, 3).forEach(function (src) {
      if (/^https?:\/\//.test(src)) {
        body.appendChild(el('img', { class: 'photo', src: src, loading: 'lazy', alt: t('detail.photo', { name: title }) }));
      }
    });
    if (layer === 'tourism') { tourismFacts(body, p); }
    if (layer === 'communes') { ntmSection(body, p); }
    (sections[layer] || []).forEach(function (fn) {
      try {
        var r = fn(f, { section: function (heading) { var s = el('section', { class: 'extra' }, [el('h3', { text: heading })]); body.appendChild(s); return s; },
          lang: lang, t: t, el: el, getJson: RA.getJson, valueTitle: RA.valueTitle, propertyTitle: RA.propertyTitle });
        if (r && r.catch) { r.catch(function (e) { if (window.console) { console.warn('panel section', e); } }); }
      } catch (e) {
        if (window.console) { console.warn('panel section', e); }
      }
    });
    propertyTable(body, layer, p);
    links(body, layer, f);
  }

  function tourismFacts(body, p) {
    var facts = el('div', { class: 'facts' });
    if (p.category) { facts.appendChild(el('span', { class: 'chip', style: 'border-color:' + (RA.CATEGORY_COLOURS[p.category] || '#555'), text: RA.valueTitle('tourism', 'category', p.category) })); }
    if (p.ocop_stars) { facts.appendChild(el('span', { class: 'chip stars', 'aria-label': 'OCOP ' + p.ocop_stars + ' ★', text: 'OCOP ' + '★'.repeat(p.ocop_stars) })); }
    body.appendChild(facts);
    var desc = RA.state.lang === 'en' ? p.description_en || p.description_vi : p.description_vi || p.description_en;
    if (desc) { body.appendChild(el('p', { class: 'description', text: desc })); }
    var contact = el('p', { class: 'contact' });
    if (p.phone) { contact.appendChild(el('a', { class: 'button', href: 'tel:' + String(p.phone).replace(/[^+0-9]/g, ''), text: '☎ ' + t('detail.call') + ' ' + p.phone })); }
    if (p.website && /^https?:\/\//.test(p.website)) { contact.appendChild(el('a', { class: 'button', href: p.website, rel: 'noopener', target: '_blank', text: t('detail.website') })); }
    if (contact.childNodes.length) { body.appendChild(contact); }
  }

  /** The commune's NTM status as the communes layer carries it. */
  function ntmSection(body, p) {
    var s = el('section', { class: 'ntm', 'aria-labelledby': 'ntm-title' }, [el('h3', { id: 'ntm-title', text: t('ntm.title') })]);
    if (p.unit_type && p.unit_type !== 'xa' && empty(p.ntm_level)) {
      s.appendChild(el('p', { class: 'note', text: t('ntm.notrural') }));
    }
    if (!empty(p.ntm_level)) {
      s.appendChild(el('p', {}, [el('span', { class: 'badge', 'data-level': p.ntm_level, style: 'background:' + (RA.NTM_COLOURS[p.ntm_level] || '#ccc'),
        text: RA.valueTitle('communes', 'ntm_level', p.ntm_level) })]));
    }
    if (!empty(p.criteria_met)) {
      var total = p.criteria_total || 19;
      s.appendChild(el('p', { class: 'criteria' }, [el('span', { text: t('ntm.criteria', { met: p.criteria_met, total: total }) }),
        el('meter', { min: 0, max: total, value: p.criteria_met, 'aria-label': t('ntm.criteria', { met: p.criteria_met, total: total }) })]));
    }
    if (!empty(p.recognition_year)) { s.appendChild(el('p', { text: t('ntm.recognised', { y: p.recognition_year }) })); }
    if (!empty(p.satisfaction_pct)) { s.appendChild(el('p', { text: t('ntm.satisfaction', { p: window.RuralAtlasI18n.number(p.satisfaction_pct, 1) }) })); }
    body.appendChild(s);
  }

  var SHOWN_ELSEWHERE = { name: 1, photos: 1, description_vi: 1, description_en: 1, phone: 1, website: 1, sample: 1 };
  function propertyTable(body, layer, p) {
    var dl = el('dl', { class: 'properties' });
    Object.keys(RA.catalog.schemas[layer] || p).forEach(function (name) {
      var v = p[name];
      if (empty(v) || SHOWN_ELSEWHERE[name]) { return; }
      dl.appendChild(el('dt', { 'data-property': name, text: RA.propertyTitle(layer, name) }));
      dl.appendChild(el('dd', { text: display(layer, name, v) }));
    });
    body.appendChild(dl);
    if (p.sample === true) { body.appendChild(el('p', { class: 'note sample', text: t('detail.sample') })); }
  }

  function links(body, layer, f) {
    var href = 'collections/' + encodeURIComponent(layer) + '/items/' + encodeURIComponent(f.id);
    body.appendChild(el('p', { class: 'links-row' }, [
      el('button', { type: 'button', class: 'button', text: t('detail.zoom'), on: { click: function () {
        var extent = new ol.format.GeoJSON().readGeometry(f.geometry).getExtent();
        RA.zoomTo(extent, ol.extent.getCenter(extent), 15);
      } } }),
      el('a', { class: 'button', href: href + '?f=json', type: 'application/geo+json', text: t('detail.api') }),
      el('a', { class: 'button', href: href + '?f=html', text: t('detail.page') })]));
  }

  // ---- explore: tourism filters, list, near me ----
  var tourism = null; // all sites (GeoJSON features), loaded once
  var chosen = { category: '', province: '', stars: 0 };
  var here = null; // [lon, lat] of the user, when known
  var hereLayer = new ol.layer.Vector({ source: new ol.source.Vector(), properties: { id: 'here' }, zIndex: 10,
    style: new ol.style.Style({ image: new ol.style.Circle({ radius: 8, fill: new ol.style.Fill({ color: '#1a73e8' }), stroke: new ol.style.Stroke({ color: '#fff', width: 3 }) }) }) });
  RA.map.addLayer(hereLayer);

  function loadTourism() {
    if (!tourism) {
      tourism = RA.getJson('collections/tourism/items?limit=10000').then(function (fc) { return fc.features; });
    }
    return tourism;
  }
  function matches(p) {
    return (!chosen.category || p.category === chosen.category) && (!chosen.province || p.province_code === chosen.province)
      && (!chosen.stars || (p.ocop_stars || 0) >= chosen.stars);
  }
  function applyFilter(sites) {
    if (!chosen.category && !chosen.province && !chosen.stars) { RA.setTourismFilter(null); return; }
    var ids = {};
    sites.forEach(function (s) { if (matches(s.properties)) { ids[s.id] = true; } });
    var idp = RA.catalog.idProperty.tourism;
    RA.setTourismFilter(function (f) { return ids[f.get(idp)] === true; });
  }
  /** Great-circle distance in metres. */
  function distance(a, b) {
    var r = 6371008.8;
    var dLat = (b[1] - a[1]) * Math.PI / 180;
    var dLon = (b[0] - a[0]) * Math.PI / 180;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[1] * Math.PI / 180) * Math.cos(b[1] * Math.PI / 180) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }
  function formatDistance(m) {
    return m >= 1000 ? t('km', { d: window.RuralAtlasI18n.number(m / 1000, m >= 10000 ? 0 : 1) }) : t('m', { d: Math.round(m / 10) * 10 });
  }

  RA.panel.renderers.explore = function (body) {
    var form = el('form', { class: 'filters', on: { submit: function (e) { e.preventDefault(); } } });
    function selectOf(key, label, options) {
      var s = el('select', { id: 'filter-' + key }, [el('option', { value: '', text: t('any') })].concat(options.map(function (o) {
        return el('option', { value: o[0], selected: String(chosen[key]) === String(o[0]), text: o[1] });
      })));
      s.addEventListener('change', function () { chosen[key] = key === 'stars' ? Number(s.value) : s.value; update(); });
      form.appendChild(el('label', { class: 'field', for: 'filter-' + key }, [el('span', { text: label })]));
      form.appendChild(s);
      return s;
    }
    selectOf('category', t('explore.category'), RA.allowedValues('tourism', 'category').map(function (c) { return [c, RA.valueTitle('tourism', 'category', c)]; }));
    var province = selectOf('province', t('explore.province'), []);
    selectOf('stars', t('explore.stars'), [3, 4, 5].map(function (n) { return [n, t('stars.min', { n: n }) + ' ' + '★'.repeat(n)]; }));
    RA.provinces().then(function (ps) {
      ps.forEach(function (p) { province.appendChild(el('option', { value: p.code, selected: chosen.province === p.code, text: p.name })); });
    });
    body.appendChild(form);
    var near = el('button', { type: 'button', id: 'near-me', class: 'button primary', text: '◎ ' + t('explore.nearme') });
    near.addEventListener('click', locate);
    body.appendChild(near);
    var message = el('p', { id: 'near-message', role: 'status', class: 'note' });
    body.appendChild(message);
    var count = el('p', { id: 'explore-count', class: 'note', text: t('explore.loading') });
    body.appendChild(count);
    var list = el('ol', { id: 'explore-list', class: 'site-list' });
    body.appendChild(list);

    function update() {
      loadTourism().then(function (sites) {
        applyFilter(sites);
        if (chosen.province) {
          RA.provinces().then(function (ps) {
            ps.forEach(function (p) { if (p.code === chosen.province) { RA.map.getView().fit(p.bbox, { padding: [20, 20, 20, 20] }); } });
          });
        }
        var shown = sites.filter(function (s) { return matches(s.properties); });
        if (here) {
          shown.forEach(function (s) { s.distance = distance(here, s.geometry.coordinates); });
          shown.sort(function (a, b) { return a.distance - b.distance; });
        } else {
          shown.sort(function (a, b) { return a.properties.name.localeCompare(b.properties.name, 'vi'); });
        }
        count.textContent = (here ? t('near.title') + ' — ' : '') + t('explore.results', { n: window.RuralAtlasI18n.number(shown.length, 0) });
        list.textContent = '';
        shown.slice(0, here ? 10 : 30).forEach(function (s) {
          var p = s.properties;
          var name = RA.state.lang === 'en' && p.name_en ? p.name_en : p.name;
          list.appendChild(el('li', {}, [el('button', { type: 'button', class: 'site', 'data-id': s.id, on: { click: function () { showFeature('tourism', s.id); } } }, [
            el('span', { class: 'swatch dot', style: 'background:' + (RA.CATEGORY_COLOURS[p.category] || '#555'), 'aria-hidden': 'true' }),
            el('span', { class: 'name', text: name }),
            el('span', { class: 'where', text: [RA.valueTitle('tourism', 'category', p.category), p.ocop_stars ? '★'.repeat(p.ocop_stars) : null,
              s.distance !== undefined && here ? formatDistance(s.distance) : null].filter(Boolean).join(' · ') })])]));
        });
      }).catch(function () { count.textContent = t('detail.failed'); });
    }

    function locate() {
      if (!navigator.geolocation) { message.textContent = t('near.unsupported'); message.className = 'error'; return; }
      message.className = 'note';
      message.textContent = t('near.locating');
      navigator.geolocation.getCurrentPosition(function (pos) {
        here = [pos.coords.longitude, pos.coords.latitude];
        message.textContent = '';
        hereLayer.getSource().clear();
        hereLayer.getSource().addFeature(new ol.Feature({ geometry: new ol.geom.Point(ol.proj.fromLonLat(here)), name: t('near.you') }));
        RA.map.getView().setCenter(ol.proj.fromLonLat(here));
        RA.map.getView().setZoom(Math.max(RA.map.getView().getZoom(), 10));
        update();
      }, function (err) {
        message.className = 'error';
        message.textContent = err.code === 1 ? t('near.denied') : t('near.unavailable');
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
    }
    update();
  };
})();
