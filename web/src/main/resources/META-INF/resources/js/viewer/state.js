// RuralAtlas viewer: what the view shows (theme, basemap, selection, layers on and their opacity),
// the layer catalogue, and the events the parts of the viewer tell each other by: 'change' (of
// anything the permalink keeps), 'language' and 'selection'.
import { Catalog } from '../catalog.js';

/** The data layers, bottom to top. */
export const LAYER_ORDER = ['communes', 'zones', 'provinces', 'farms', 'tourism'];

/** The zoom from which the tiles carry communes; below it provinces are coloured by their share of NTM communes. */
export const COMMUNES_FROM = 7;
/** Up to this zoom tourism sites are drawn as clusters (sites.js), beyond it as the tiles' points. */
export const CLUSTERS_UNTIL = 9;

export const state = {
  theme: 'level', // communes coloured by NTM level, or by criteria met
  base: 'osm', // the basemap chosen: osm or plain
  baseFailed: false, // the configured basemap could not be reached: plain shown instead (not written to the permalink)
  selected: null, // { layer, id } of the feature whose panel is open
  editing: false, // Edit mode (edit.js): a tap picks a feature to edit instead of opening its panel
  visible: { communes: true, zones: true, provinces: true, farms: true, tourism: true },
  opacity: { communes: 0.75, zones: 0.8, provinces: 1, farms: 1, tourism: 1 }
};

export const catalog = new Catalog();
/** The catalogue of the data layers, asked for as soon as the viewer starts; without it, ids and names show as they are. */
export const catalogReady = catalog.load(LAYER_ORDER).catch((e) => {
  console.warn('RuralAtlas catalogue', e);
  return catalog;
});

const listeners = { change: [], language: [], selection: [] };

/** Calls fn(value) after every event of that name. */
export function on(event, fn) {
  listeners[event].push(fn);
}

export function emit(event, value) {
  listeners[event].forEach((fn) => fn(value));
}
