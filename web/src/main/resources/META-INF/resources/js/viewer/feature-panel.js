// RuralAtlas viewer: a feature's panel, opened by a click on the map, a search result or a
// permalink: readable properties (labels and value titles from the catalogue), photos, contacts
// of tourism sites, a commune's NTM status, and the sections other modules add (ntm-section.js).
import { getJson, itemPath } from '../api.js';
import { el } from '../dom.js';
import { openingHours } from '../hours.js';
import { t, number, language } from '../i18n.js';
import { levelColour, categoryColour } from '../palette.js';
import { map, layers, select, zoomTo } from './map.js';
import { definePanel, openPanel } from './panel.js';
import { state, catalog, catalogReady } from './state.js';

const sections = {}; // layer → [fn(feature, section)]
let current = null; // { layer, id, feature }
let drawn = 0; // how many times a panel was drawn: a section that arrives late for an older one is dropped

/**
 * Adds a section to the panel of every feature of a layer, after the built-in ones: fn(feature,
 * section) where feature is the GeoJSON feature from the items API and section(heading) makes a
 * new section in the panel and returns it. fn may return a Promise; it is called again when the
 * language changes.
 */
export function addPanelSection(layer, fn) {
  (sections[layer] = sections[layer] || []).push(fn);
}

const empty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/** A property value for people: value titles, units, lists, numbers in the language's format. */
function display(layer, name, value) {
  const p = catalog.property(layer, name) || {};
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'object' ? readableObject(v) : catalog.valueTitle(layer, name, v))).join(', ');
  }
  if (typeof value === 'object') { return readableObject(value); }
  if (name === 'opening_hours') { return openingHours(value) || String(value); }
  if (typeof value === 'boolean') { return value ? t('yes') : t('no'); }
  if (p.enum || (p['x-enum-titles'] && p['x-enum-titles'][value] !== undefined)) { return catalog.valueTitle(layer, name, value); }
  if (typeof value === 'number') {
    const unit = p['x-unit'] === 'km2' ? 'km²' : p['x-unit'];
    return number(value) + (unit ? ' ' + unit : '');
  }
  return String(value);
}
function readableObject(o) {
  if (o && o.name !== undefined) { return o.name + (o.stars ? ' (' + '★'.repeat(o.stars) + ')' : ''); }
  return JSON.stringify(o);
}

/** Opens the panel of a feature; options: zoom (false: stay), focus (false: keep the keyboard where it is). */
export function showFeature(layer, id, options = {}) {
  const mine = { layer, id, feature: null };
  current = mine;
  select({ layer, id });
  const body = openPanel('detail', t('detail.loading'), options.focus);
  body.appendChild(el('p', { class: 'note', text: t('detail.loading') }));
  return catalogReady
    .then(() => getJson(itemPath(layer, id)))
    .then((feature) => {
      if (current !== mine) { return; }
      mine.feature = feature;
      if (options.zoom !== false && feature.geometry) { zoomToFeature(feature); }
      render(document.getElementById('panel-body'));
    })
    .catch(() => {
      if (current !== mine) { return; }
      document.getElementById('panel-title').textContent = id;
      body.textContent = '';
      body.appendChild(el('p', { class: 'error', text: t('detail.failed') }));
    });
}

function zoomToFeature(feature) {
  const extent = new ol.format.GeoJSON().readGeometry(feature.geometry).getExtent();
  zoomTo(extent, ol.extent.getCenter(extent), 15);
}

definePanel('detail', null, (body) => { if (current && current.feature) { render(body); } });

function render(body) {
  const { layer, feature: f } = current;
  const p = f.properties || {};
  const title = language() === 'en' && p.name_en && layer === 'tourism' ? p.name_en : p.name || f.id;
  document.getElementById('panel-title').textContent = title;
  body.textContent = '';
  body.setAttribute('data-layer', layer);
  body.setAttribute('data-id', current.id);
  if (p.sample === true) { body.appendChild(el('p', { class: 'sample-note', text: t('detail.sample') })); }
  const place = [p.address || null, layer === 'communes' ? p.province_name : null].filter(Boolean).join(', ');
  body.appendChild(el('p', { class: 'kind' }, [el('span', { class: 'layer-name', text: catalog.layerTitle(layer) }),
    layer === 'communes' && p.unit_type ? ' · ' + catalog.valueTitle(layer, 'unit_type', p.unit_type) : null,
    place ? el('span', { class: 'place', text: ' · ' + place }) : null]));
  (p.photos || []).slice(0, 3).filter((src) => /^https?:\/\//.test(src)).forEach((src) => {
    body.appendChild(el('img', { class: 'photo', src, loading: 'lazy', alt: t('detail.photo', { name: title }) }));
  });
  if (layer === 'tourism') { tourismFacts(body, p, f.geometry); }
  if (layer === 'communes') { ntmStatus(body, p); }
  const mine = ++drawn;
  const section = (heading) => {
    const s = el('section', { class: 'extra' }, [el('h3', { text: heading })]);
    return mine === drawn ? body.appendChild(s) : s;
  };
  (sections[layer] || []).forEach((fn) => {
    try {
      Promise.resolve(fn(f, section)).catch((e) => console.warn('panel section', e));
    } catch (e) {
      console.warn('panel section', e);
    }
  });
  propertyTable(body, layer, p);
  links(body, layer, f);
}

/** A geo: URI (RFC 5870) of a point, which phones open in their maps app for directions; null for other geometries. */
function geoUri(geometry) {
  if (!geometry || geometry.type !== 'Point') { return null; }
  const [lon, lat] = geometry.coordinates;
  return 'geo:' + lat.toFixed(6) + ',' + lon.toFixed(6);
}

function tourismFacts(body, p, geometry) {
  body.appendChild(el('div', { class: 'facts' }, [
    p.category ? el('span', { class: 'chip', style: { 'border-color': categoryColour(p.category) },
      text: catalog.valueTitle('tourism', 'category', p.category) }) : null,
    p.ocop_stars ? el('span', { class: 'chip stars', 'aria-label': 'OCOP ' + p.ocop_stars + ' ★', text: 'OCOP ' + '★'.repeat(p.ocop_stars) }) : null]));
  const description = language() === 'en' ? p.description_en || p.description_vi : p.description_vi || p.description_en;
  if (description) { body.appendChild(el('p', { class: 'description', text: description })); }
  const hours = openingHours(p.opening_hours);
  if (p.opening_hours) {
    body.appendChild(el('p', { class: 'hours' }, [el('strong', { text: t('detail.hours') + ': ' }),
      el('span', { title: p.opening_hours, text: hours || p.opening_hours })]));
  }
  const geo = geoUri(geometry);
  const contact = el('p', { class: 'contact' }, [
    geo ? el('a', { class: 'button primary', id: 'directions', href: geo, text: '➜ ' + t('detail.directions') }) : null,
    p.phone ? el('a', { class: 'button', href: 'tel:' + String(p.phone).replace(/[^+0-9]/g, ''), text: '☎ ' + t('detail.call') + ' ' + p.phone }) : null,
    p.website && /^https?:\/\//.test(p.website) ? el('a', { class: 'button', href: p.website, rel: 'noopener', target: '_blank', text: t('detail.website') }) : null]);
  if (contact.childNodes.length) { body.appendChild(contact); }
}

/** The commune's NTM status as the communes layer carries it. */
function ntmStatus(body, p) {
  const total = p.criteria_total || 19;
  const criteria = t('ntm.criteria', { met: p.criteria_met, total });
  body.appendChild(el('section', { class: 'ntm', 'aria-labelledby': 'ntm-title' }, [el('h3', { id: 'ntm-title', text: t('ntm.title') }),
    p.unit_type && p.unit_type !== 'xa' && empty(p.ntm_level) ? el('p', { class: 'note', text: t('ntm.notrural') }) : null,
    empty(p.ntm_level) ? null : el('p', {}, [el('span', { class: 'badge', 'data-level': p.ntm_level, style: { background: levelColour(p.ntm_level) },
      text: catalog.valueTitle('communes', 'ntm_level', p.ntm_level) })]),
    empty(p.criteria_met) ? null : el('p', { class: 'criteria' }, [el('span', { text: criteria }),
      el('meter', { min: 0, max: total, value: p.criteria_met, 'aria-label': criteria })]),
    // satisfaction: in the commune's NTM section, with its number of responses (the layer's share has none)
    empty(p.recognition_year) ? null : el('p', { text: t('ntm.recognised', { y: p.recognition_year }) })]));
}

const SHOWN_ELSEWHERE = new Set(['name', 'photos', 'description_vi', 'description_en', 'phone', 'website', 'sample', 'opening_hours']);
function propertyTable(body, layer, p) {
  const names = Object.keys(catalog.schemas[layer] || p).filter((name) => !empty(p[name]) && !SHOWN_ELSEWHERE.has(name));
  body.appendChild(el('dl', { class: 'properties' }, names.map((name) => [
    el('dt', { 'data-property': name, text: catalog.propertyTitle(layer, name) }), el('dd', { text: display(layer, name, p[name]) })])));
}

function links(body, layer, f) {
  const href = 'collections/' + encodeURIComponent(layer) + '/items/' + encodeURIComponent(f.id);
  body.appendChild(el('p', { class: 'links-row' }, [
    el('button', { type: 'button', class: 'button', text: t('detail.zoom'), on: { click: () => zoomToFeature(f) } }),
    el('a', { class: 'button', href: href + '?f=json', type: 'application/geo+json', text: t('detail.api') }),
    el('a', { class: 'button', href: href + '?f=html', text: t('detail.page') })]));
}

// a click: the topmost feature under the finger opens its panel
map.on('singleclick', (e) => {
  if (state.editing) { return; } // edit.js takes the taps
  const hit = map.forEachFeatureAtPixel(e.pixel, (f, layer) => ({ f, layer: layer.get('id') }),
    { hitTolerance: 6, layerFilter: (l) => (!!layers[l.get('id')] || l.get('id') === 'tourism-clusters') && l.getVisible() });
  if (!hit || hit.layer === 'tourism-clusters') { return; } // sites.js opens those
  if (hit.f.get('count')) { // a cell of many farms: closer, where they become single farms
    map.getView().animate({ center: e.coordinate, zoom: Math.min(13, map.getView().getZoom() + 2), duration: 250 });
    return;
  }
  catalogReady.then(() => {
    const id = hit.f.get(catalog.idProperty[hit.layer]);
    if (id !== undefined) { showFeature(hit.layer, String(id)); }
  });
});
