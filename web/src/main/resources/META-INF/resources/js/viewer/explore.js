// RuralAtlas viewer: the explore panel for tourists: tourism sites by category, province and OCOP
// stars (the map shows only those), and "near me": the nearest sites with their distances, or a
// clear message when the location is refused or unknown; a chosen province can be saved for offline
// use, and with no network the saved sites are explored.
import { el, swatch } from '../dom.js';
import { t, number, language } from '../i18n.js';
import { MAP, categoryColour } from '../palette.js';
import { showFeature } from './feature-panel.js';
import { map, fitLonLat } from './map.js';
import { definePanel } from './panel.js';
import { provinces } from './provinces.js';
import { offerProvince } from './offline.js';
import { loadSites, filterSites } from './sites.js';
import { catalog } from './state.js';

const chosen = { category: '', province: '', stars: 0 };
let here = null; // [lon, lat] of the user, when known
const hereLayer = new ol.layer.Vector({ source: new ol.source.Vector(), properties: { id: 'here' }, zIndex: 10,
  style: new ol.style.Style({ image: new ol.style.Circle({ radius: 8, fill: new ol.style.Fill({ color: MAP.you }),
    stroke: new ol.style.Stroke({ color: MAP.halo, width: 3 }) }) }) });
map.addLayer(hereLayer);

function matches(p) {
  return (!chosen.category || p.category === chosen.category) && (!chosen.province || p.province_code === chosen.province)
    && (!chosen.stars || (p.ocop_stars || 0) >= chosen.stars);
}
function applyFilter(all) {
  if (!chosen.category && !chosen.province && !chosen.stars) { filterSites(null); return; }
  const ids = new Set(all.filter((s) => matches(s.properties)).map((s) => s.id));
  const idp = catalog.idProperty.tourism || 'site_id';
  filterSites((f) => ids.has(f.get(idp)));
}

/** Great-circle distance in metres between two [lon, lat]. */
function distance(a, b) {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const h = Math.sin((b[1] - a[1]) * rad / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin((b[0] - a[0]) * rad / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}
function formatDistance(m) {
  return m >= 1000 ? t('km', { d: number(m / 1000, m >= 10000 ? 0 : 1) }) : t('m', { d: Math.round(m / 10) * 10 });
}

definePanel('explore', () => t('panel.explore'), (body) => {
  const sampleNote = body.appendChild(el('p', { class: 'sample-note', hidden: true, text: t('explore.sample') }));
  const form = el('form', { class: 'filters', on: { submit: (e) => e.preventDefault() } });
  function selectOf(key, label, options) {
    const s = el('select', { id: 'filter-' + key, on: { change: () => { chosen[key] = key === 'stars' ? Number(s.value) : s.value; update(key); } } },
      [el('option', { value: '', text: t('any') }), options.map(([value, text]) => el('option', { value, selected: String(chosen[key]) === String(value), text }))]);
    form.appendChild(el('label', { class: 'field', for: 'filter-' + key }, [el('span', { text: label })]));
    form.appendChild(s);
    return s;
  }
  selectOf('category', t('explore.category'), catalog.allowedValues('tourism', 'category').map((c) => [c, catalog.valueTitle('tourism', 'category', c)]));
  const province = selectOf('province', t('explore.province'), []);
  selectOf('stars', t('explore.stars'), [3, 4, 5].map((n) => [n, t('stars.min', { n }) + ' ' + '★'.repeat(n)]));
  provinces().then((ps) => ps.forEach((p) => province.appendChild(el('option', { value: p.code, selected: chosen.province === p.code, text: p.name }))));
  body.appendChild(form);
  const keep = body.appendChild(el('button', { type: 'button', id: 'offline-offer', class: 'button', hidden: !chosen.province,
    text: '⤓ ' + t('offline.offer'), on: { click: () => provinces().then((ps) => {
      const p = ps.find((x) => x.code === chosen.province);
      if (p) { offerProvince(p.name); }
    }) } }));
  body.appendChild(el('button', { type: 'button', id: 'near-me', class: 'button primary', text: '◎ ' + t('explore.nearme'), on: { click: locate } }));
  const message = body.appendChild(el('p', { id: 'near-message', role: 'status', class: 'note' }));
  const count = body.appendChild(el('p', { id: 'explore-count', class: 'note', text: t('explore.loading') }));
  const list = body.appendChild(el('ol', { id: 'explore-list', class: 'site-list' }));

  let shown = [];
  let page = 0; // how many of shown are listed
  const more = el('button', { type: 'button', id: 'explore-more', class: 'button', hidden: true, on: { click: () => listMore() } });
  body.appendChild(more);

  /** Lists the next page of shown; the button says how many are left. */
  function listMore() {
    const size = here ? 10 : 30;
    shown.slice(page, page + size).forEach((s) => list.appendChild(siteItem(s)));
    page = Math.min(shown.length, page + size);
    const left = shown.length - page;
    more.hidden = left === 0;
    more.textContent = t('explore.more', { n: number(Math.min(size, left), 0), left: number(left, 0) });
  }

  function update(fit) {
    keep.hidden = !chosen.province;
    loadSites().then((all) => {
      applyFilter(all);
      sampleNote.hidden = !all.some((s) => s.properties.sample === true);
      if (chosen.province && fit === 'province') {
        provinces().then((ps) => ps.filter((p) => p.code === chosen.province).forEach((p) => fitLonLat(p.bbox, 12)));
      }
      shown = all.filter((s) => matches(s.properties) && s.geometry);
      if (here) {
        shown.forEach((s) => { s.distance = distance(here, s.geometry.coordinates); });
        shown.sort((a, b) => a.distance - b.distance);
        // the user and the nearest sites, all in the part of the map left visible
        if (fit === 'near') { fitNear(shown.slice(0, 3)); }
      } else {
        shown.sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'vi'));
      }
      count.textContent = (here ? t('near.title') + ' — ' : '') + t('explore.results', { n: number(shown.length, 0) });
      list.textContent = '';
      page = 0;
      listMore();
    }).catch(() => { count.textContent = t('detail.failed'); });
  }

  function fitNear(nearest) {
    const lons = [here[0]].concat(nearest.map((s) => s.geometry.coordinates[0]));
    const lats = [here[1]].concat(nearest.map((s) => s.geometry.coordinates[1]));
    const pad = 0.002; // about 200 m around, so that the nearest is not on the edge
    fitLonLat([Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad], 16);
  }

  function locate() {
    if (!navigator.geolocation) {
      message.textContent = t('near.unsupported');
      message.className = 'error';
      return;
    }
    message.className = 'note';
    message.textContent = t('near.locating');
    navigator.geolocation.getCurrentPosition((pos) => {
      here = [pos.coords.longitude, pos.coords.latitude];
      message.textContent = '';
      hereLayer.getSource().clear();
      hereLayer.getSource().addFeature(new ol.Feature({ geometry: new ol.geom.Point(ol.proj.fromLonLat(here)), name: t('near.you') }));
      update('near');
    }, (err) => {
      message.className = 'error';
      message.textContent = err.code === 1 ? t('near.denied') : t('near.unavailable');
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
  }
  update();
});

function siteItem(s) {
  const p = s.properties;
  const name = language() === 'en' && p.name_en ? p.name_en : p.name;
  const where = [catalog.valueTitle('tourism', 'category', p.category), p.ocop_stars ? '★'.repeat(p.ocop_stars) : null,
    s.distance !== undefined && here ? formatDistance(s.distance) : null].filter(Boolean).join(' · ');
  return el('li', {}, [el('button', { type: 'button', class: 'site', 'data-id': s.id, on: { click: () => showFeature('tourism', s.id) } }, [
    swatch(categoryColour(p.category), true), el('span', { class: 'name', text: name }), el('span', { class: 'where', text: where })])]);
}
