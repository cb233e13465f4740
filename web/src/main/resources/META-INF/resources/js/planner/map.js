// RuralAtlas planner: the map of communes coloured by NTM level or by one criterion (vector tiles
// joined by code to /stats/ntm/communes for the chosen date), and below zoom 7, where communes are
// not drawn, the provinces coloured by their share of communes at NTM level or meeting the
// criterion (/stats/ntm), with palette.shareFill as in the viewer. The chosen province is outlined.
// The map takes the keyboard once focused (arrows pan, + and − zoom).
import { el, swatch, byId } from '../dom.js';
import { t, language } from '../i18n.js';
import { tileSource, tileLayer } from '../layers.js';
import { LEVELS, MAP, NOT_ASSESSED, SHARE_CLASSES, levelColour, criterionColour, shareFill } from '../palette.js';
import { provinces as provinceList } from '../viewer/provinces.js';
import { state, change, onChange, stats, current, catalog, catalogReady } from './state.js';

const COMMUNES_FROM = 7; // the zoom from which the tiles carry communes
const mode = byId('mode');
let values = {}; // commune code → level, or whether it meets the criterion
let shares = {}; // province code → % of communes at NTM level or meeting the criterion
let selected = null; // code of the commune whose panel is open

const made = {};
function cached(key, make) {
  return made[key] || (made[key] = make());
}
const stroke = (colour, width) => new ol.style.Stroke({ color: colour, width });

/** A commune's colour: its level, or whether it meets the chosen criterion. */
function communeColour(code) {
  return mode.value === 'level' ? levelColour(values[code]) : criterionColour(values[code]);
}

export const communes = tileLayer('communes', tileSource('communes'), { opacity: 0.8, style(f) {
  const colour = communeColour(f.get('code'));
  const sel = f.get('code') === selected;
  return cached(colour + sel, () => new ol.style.Style({ fill: new ol.style.Fill({ color: colour }),
    stroke: sel ? stroke(MAP.selected, 3.5) : stroke(MAP.communeEdge, 0.4), zIndex: sel ? 2 : 1 }));
} });

const provinces = tileLayer('provinces', tileSource('provinces'), { style(f, resolution) {
  const fill = map.getView().getZoomForResolution(resolution) >= COMMUNES_FROM ? null : shareFill(shares[f.get('code')]);
  const sel = f.get('code') === state.province;
  return cached('p' + fill + sel, () => new ol.style.Style({ fill: fill ? new ol.style.Fill({ color: fill }) : undefined,
    stroke: sel ? stroke(MAP.selected, 3) : stroke(MAP.provinceEdge, 1.2), zIndex: sel ? 2 : 1 }));
} });

export const map = new ol.Map({ target: 'map', layers: [communes, provinces],
  view: new ol.View({ center: ol.proj.fromLonLat([106, 16]), zoom: 5, minZoom: 4 }) });

// the provinces' names, decluttered, from the provinces' list (asked once the map is drawn: showNames)
const names = new ol.source.Vector();
const nameLayer = new ol.layer.Vector({ source: names, declutter: true, maxZoom: COMMUNES_FROM + 3, zIndex: 5,
  style: (f) => new ol.style.Style({ text: new ol.style.Text({ text: language() === 'en' && f.get('nameEn') ? f.get('nameEn') : f.get('name'),
    font: '600 12px system-ui, sans-serif', fill: new ol.style.Fill({ color: MAP.label }), stroke: new ol.style.Stroke({ color: MAP.labelHalo, width: 3 }) }) }) });
map.addLayer(nameLayer);

/** Writes the provinces' names on the map. */
export async function showNames() {
  const list = await provinceList();
  names.addFeatures(list.map((p) => new ol.Feature({ geometry: new ol.geom.Point(ol.proj.fromLonLat(p.label)), name: p.name, nameEn: p.nameEn })));
}

// the view, readable from the page (links, tests): zoom and centre longitude/latitude
map.on('moveend', () => {
  const c = ol.proj.toLonLat(map.getView().getCenter());
  const box = byId('map');
  box.dataset.zoom = map.getView().getZoom().toFixed(2);
  box.dataset.center = c[0].toFixed(4) + ',' + c[1].toFixed(4);
});

function entry(key, colour, label) {
  return el('span', { class: 'entry', 'data-key': key }, [swatch(colour), label]);
}

function legend() {
  const box = byId('legend');
  if (map.getView().getZoom() < COMMUNES_FROM) {
    box.replaceChildren(el('span', { class: 'title', text: mode.value === 'level' ? t('planner.shares.level') : t('planner.shares.criterion') }),
      ...SHARE_CLASSES.map((c) => entry(String(c.from), shareFill(c.from), '≥ ' + c.from + ' %')));
  } else if (mode.value === 'level') {
    box.replaceChildren(...LEVELS.map((l) => entry(l, levelColour(l), catalog.valueTitle('communes', 'ntm_level', l))),
      entry('not_assessed', NOT_ASSESSED, t('legend.nodata')));
  } else {
    box.replaceChildren(entry('met', criterionColour(true), t('criterion.met')), entry('notmet', criterionColour(false), t('criterion.notmet')),
      entry('unknown', criterionColour(null), t('unknown')));
  }
  byId('map-note').hidden = current();
}

/** The values of the chosen colouring and date, for communes and provinces; then the map and legend again. */
export async function colour() {
  const criterion = mode.value;
  const asOf = state.asOf;
  // figures that cannot be fetched leave the map uncoloured, never coloured with another date's
  const none = { values: {}, grouping: null };
  const [answer, figures] = await Promise.all([
    stats('stats/ntm/communes', criterion === 'level' ? 'value=level' : 'value=criterion&criterion=' + encodeURIComponent(criterion)).catch(() => none),
    stats('stats/ntm').catch(() => none), catalogReady]);
  if (criterion !== mode.value || asOf !== state.asOf) { return; } // chosen again meanwhile
  values = answer.values;
  shares = {};
  // before the reorganisation the groups are the 63 old provinces, which the map does not draw
  (figures.grouping === 'provinces_2025' ? figures.provinces : []).forEach((p) => {
    const v = criterion === 'level' ? p.at_least.ntm : (p.pass_rates || {})[criterion];
    if (v && v.pct !== null && v.pct !== undefined) { shares[p.code] = v.pct; }
  });
  communes.changed();
  provinces.changed();
  legend();
}

/** Outlines the commune with this code (null: none). */
export function select(code) {
  selected = code;
  communes.changed();
}

/** Fits a longitude/latitude box in the map. */
export function fitLonLat(bbox, maxZoom) {
  if (!bbox || bbox.length < 4 || !bbox.every(Number.isFinite)) { return; }
  map.getView().fit(ol.proj.transformExtent(bbox.slice(0, 4), 'EPSG:4326', 'EPSG:3857'),
    { maxZoom, padding: [30, 30, 30, 30], duration: 250 });
}

/** Chooses the province with this code (of the 34): outlined, its row marked, the map on it. */
export async function showProvince(code, bbox) {
  change({ province: code });
  const box = bbox || ((await provinceList()).find((p) => p.code === code) || {}).bbox;
  fitLonLat(box, 10);
}

let above = null;
map.getView().on('change:resolution', () => {
  const now = map.getView().getZoom() >= COMMUNES_FROM;
  if (now !== above) {
    above = now;
    legend();
  }
});
mode.addEventListener('change', colour);
onChange((what) => {
  if ('province' in what) { provinces.changed(); }
  if ('asOf' in what) { colour(); }
  if ('lang' in what) {
    legend();
    nameLayer.changed();
  }
});
