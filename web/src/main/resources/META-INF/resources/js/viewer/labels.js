// RuralAtlas viewer: place names drawn on the map from RuralAtlas's own data, so the map reads
// with no basemap (offline, or the basemap unreachable): provinces from the provinces' list (one
// label each, in the language of the page), communes and tourism sites from the same vector
// tiles as the data layers (no extra request). Labels are decluttered: where two would overlap,
// the one drawn first wins (sites over communes over provinces).
import { language } from '../i18n.js';
import { tileLayer } from '../layers.js';
import { MAP } from '../palette.js';
import { map, tiles, firstDraw } from './map.js';
import { provinces } from './provinces.js';
import { state, on } from './state.js';
import { zoomOf, tourismShown } from './styles.js';

/** From which zoom each kind of label is drawn. */
const FROM = { communes: 10, tourism: 11 };

function text(value, font) {
  if (!value) { return undefined; }
  return new ol.style.Text({ text: value, font, fill: new ol.style.Fill({ color: MAP.label }),
    stroke: new ol.style.Stroke({ color: MAP.labelHalo, width: 3 }), overflow: false });
}

const provinceLabels = new ol.source.Vector();
const provinceLayer = new ol.layer.Vector({ source: provinceLabels, declutter: 'labels', zIndex: 20, maxZoom: 10.5,
  properties: { id: 'labels-provinces' }, updateWhileInteracting: false,
  style: (f) => new ol.style.Style({ text: text(language() === 'en' && f.get('nameEn') ? f.get('nameEn') : f.get('name'),
    '600 13px system-ui, sans-serif') }) });

const tileLabels = tileLayer('labels', tiles, { declutter: 'labels', zIndex: 21, minZoom: FROM.communes - 0.01,
  renderMode: 'hybrid',
  style: (f, resolution) => {
    const layer = f.get('layer');
    const z = zoomOf(resolution);
    if (layer === 'tourism' && z >= FROM.tourism && state.visible.tourism && tourismShown(f)) {
      const name = language() === 'en' && f.get('name_en') ? f.get('name_en') : f.get('name');
      const label = text(name, '12px system-ui, sans-serif');
      label.setOffsetY(15); // under the site's dot
      return new ol.style.Style({ text: label, zIndex: 2 });
    }
    if (layer === 'communes' && z >= FROM.communes && state.visible.communes) {
      return new ol.style.Style({ text: text(f.get('name'), '12px system-ui, sans-serif'), zIndex: 1 });
    }
    return null;
  } });

map.addLayer(tileLabels);
map.addLayer(provinceLayer);

firstDraw.then(provinces).then((ps) => {
  provinceLabels.addFeatures(ps.filter((p) => p.label).map((p) => new ol.Feature({ geometry: new ol.geom.Point(ol.proj.fromLonLat(p.label)),
    name: p.name, nameEn: p.nameEn, code: p.code })));
}, (e) => console.warn('RuralAtlas province labels', e));

on('language', () => { provinceLayer.changed(); tileLabels.changed(); });
on('change', () => tileLabels.changed());

/** The label layers, for the tests: what they drew is read from OpenLayers' declutter results. */
export const labelLayers = [tileLabels, provinceLayer];
