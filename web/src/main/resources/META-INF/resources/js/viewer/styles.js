// RuralAtlas viewer: how each data layer and the plain basemap are drawn, in the colours of
// palette.js. Styles are made once per look and reused.
import { MAP, levelColour, criteriaColour, categoryColour, shareFill } from '../palette.js';
import { state, catalog, COMMUNES_FROM } from './state.js';

const made = {};
function cached(key, make) {
  return made[key] || (made[key] = make());
}
const fill = (colour) => new ol.style.Fill({ color: colour });
const stroke = (colour, width) => new ol.style.Stroke({ color: colour, width });

function isSelected(layer, f) {
  const s = state.selected;
  return !!s && s.layer === layer && String(f.get(catalog.idProperty[layer] || '')) === s.id;
}

/** A commune's colour in the current theme. */
export function communeColour(f) {
  return state.theme === 'criteria' ? criteriaColour(f.get('criteria_met')) : levelColour(f.get('ntm_level'));
}

/** The zoom of a resolution in the WebMercatorQuad grid. */
export function zoomOf(resolution) {
  return Math.log2(156543.03392804097 / resolution);
}

let shares = {}; // province code → % of its communes at NTM level (/stats/ntm)
/** The provinces' shares of NTM communes, by code, as /stats/ntm computed them. */
export function setShares(byCode) {
  shares = byCode;
}
/** A province's share of NTM communes, or undefined. */
export function shareOf(code) {
  return shares[code];
}

let tourismFilter = null;
/** Only tourism sites for which fn(feature) is true are drawn; null draws all. */
export function filterTourism(fn) {
  tourismFilter = fn;
}

/** Whether the Explore filter lets this site be drawn. */
export function tourismShown(f) {
  return !tourismFilter || tourismFilter(f);
}

/** The style function of each data layer, by layer id. */
export const STYLES = {
  communes(f) {
    const sel = isSelected('communes', f);
    const colour = communeColour(f);
    return cached('c' + colour + sel, () => new ol.style.Style({ fill: fill(colour),
      stroke: sel ? stroke(MAP.selected, 3.5) : stroke(MAP.communeEdge, 0.6), zIndex: sel ? 2 : 1 }));
  },
  zones(f) {
    const sel = isSelected('zones', f);
    return cached('z' + sel, () => new ol.style.Style({ fill: fill(MAP.zoneFill),
      stroke: sel ? stroke(MAP.selected, 3.5) : stroke(MAP.zoneEdge, 1.2) }));
  },
  provinces(f, resolution) {
    // below the communes' zoom, coloured by the share of their communes at NTM level, as in the planner
    const colour = zoomOf(resolution) < COMMUNES_FROM ? shareFill(shares[f.get('code')]) : null;
    return cached('p' + colour, () => new ol.style.Style({ fill: colour ? fill(colour) : undefined, stroke: stroke(MAP.provinceEdge, 1.4) }));
  },
  farms(f) {
    const count = f.get('count');
    if (count) { return farmCount(count); }
    const sel = isSelected('farms', f);
    const point = f.getType() === 'Point' || f.getType() === 'MultiPoint';
    return cached('f' + point + sel, () => (point
      ? new ol.style.Style({ image: new ol.style.Circle({ radius: sel ? 8 : 5, fill: fill(MAP.farm),
        stroke: stroke(sel ? MAP.selected : MAP.halo, sel ? 3 : 1.5) }) })
      : new ol.style.Style({ fill: fill(MAP.farmFill), stroke: stroke(sel ? MAP.selected : MAP.farm, sel ? 3 : 1) })));
  },
  tourism(f) {
    if (!tourismShown(f)) { return null; }
    const sel = isSelected('tourism', f);
    const colour = categoryColour(f.get('category'));
    return cached('t' + colour + sel, () => new ol.style.Style({ image: new ol.style.Circle({ radius: sel ? 10 : 7,
      fill: fill(colour), stroke: stroke(sel ? MAP.selected : MAP.halo, sel ? 3 : 2) }), zIndex: sel ? 2 : 1 }));
  }
};

/** A cell of many farms (the tiles below zoom 13): a disc growing with the count, which it shows. */
function farmCount(count) {
  const label = count >= 10000 ? Math.round(count / 1000) + 'k' : count >= 1000 ? (count / 1000).toFixed(1) + 'k' : String(count);
  return cached('fc' + label, () => new ol.style.Style({
    image: new ol.style.Circle({ radius: Math.min(18, 7 + 2 * Math.log10(count) * 2), fill: fill(MAP.farm),
      stroke: stroke(MAP.halo, 1.5) }),
    text: new ol.style.Text({ text: label, font: 'bold 10px sans-serif', fill: fill(MAP.farmCount) }) }));
}

/** The plain basemap: land from the province boundaries, commune outlines when close. */
export function plainStyle(f) {
  const layer = f.get('layer');
  if (layer === 'provinces') {
    return cached('bp', () => new ol.style.Style({ fill: fill(MAP.land), stroke: stroke(MAP.landEdge, 1) }));
  }
  if (layer === 'communes') {
    return cached('bc', () => new ol.style.Style({ stroke: stroke(MAP.communeLine, 0.6) }));
  }
  return null;
}
