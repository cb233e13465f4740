// RuralAtlas pages: the one set of colours, used by the viewer, the planner, the trace page and
// the exported PNG, so a level, a category or a layer has the same colour on every page. Colours
// are ColorBrewer-based and readable on the plain and the OpenStreetMap basemaps. No other
// script writes a colour (a test checks it).

/** The NTM levels, lowest first. */
export const LEVELS = ['none', 'ntm', 'advanced', 'model', 'modern_pilot'];

/** One colour per NTM level: none is "not yet NTM", an assessment that found the commune short. */
export const LEVEL = Object.freeze({
  none: '#f4a582', ntm: '#a6d96a', advanced: '#1a9641', model: '#00441b', modern_pilot: '#2b83ba' });

/** No assessment at all: wards and special zones, which are not assessed, and missing data. */
export const NOT_ASSESSED = '#cccccc';

/** The colour of a commune's level; NOT_ASSESSED for no level. */
export function levelColour(level) {
  return LEVEL[level] || NOT_ASSESSED;
}

/** How far along, worst to best: criteria met, share of communes, a criterion met or not. */
const RAMP = ['#d7191c', '#fdae61', '#ffffbf', '#a6d96a', '#1a9641'];

/** Communes by number of criteria met (of 19). */
export const CRITERIA_CLASSES = Object.freeze([
  { from: 0, to: 9, colour: RAMP[0] }, { from: 10, to: 13, colour: RAMP[1] }, { from: 14, to: 16, colour: RAMP[2] },
  { from: 17, to: 18, colour: RAMP[3] }, { from: 19, to: 19, colour: RAMP[4] }]);

/** The colour of a number of criteria met; NOT_ASSESSED for none. */
export function criteriaColour(n) {
  if (n === null || n === undefined) { return NOT_ASSESSED; }
  const c = CRITERIA_CLASSES.find((k) => n >= k.from && n <= k.to);
  return c ? c.colour : NOT_ASSESSED;
}

/** Provinces by the share (%) of their communes at a level or meeting a criterion, highest first. */
export const SHARE_CLASSES = Object.freeze([
  { from: 90, colour: RAMP[4] }, { from: 75, colour: RAMP[3] }, { from: 50, colour: RAMP[2] },
  { from: 25, colour: RAMP[1] }, { from: 0, colour: RAMP[0] }]);

/** The colour of a share in %; null for none. */
export function shareColour(pct) {
  const c = pct === null || pct === undefined ? null : SHARE_CLASSES.find((k) => pct >= k.from);
  return c ? c.colour : null;
}

/** A province's fill on a map by its share (%): shareColour at the opacity both maps use; null for none. */
export function shareFill(pct) {
  const c = shareColour(pct);
  return c ? translucent(c, 0.8) : null;
}

/** A criterion met (true), not met (false) or not assessed (anything else). */
export function criterionColour(met) {
  return met === true ? RAMP[4] : met === false ? RAMP[0] : NOT_ASSESSED;
}

/** Tourism sites by category. */
export const CATEGORY = Object.freeze({
  community_based: '#c51b7d', homestay: '#7b3294', craft_village: '#e66101', eco_agri: '#4d9221',
  cultural_historic_relic: '#8c510a', festival: '#d01c8b', natural_landscape: '#0571b0', ocop_showroom: '#b2182b', other: '#555555' });

export function categoryColour(category) {
  return CATEGORY[category] || CATEGORY.other;
}

/** What the map draws besides the themes: layers, the plain basemap, the selection. */
export const MAP = Object.freeze({
  selected: '#0b57d0', // the selected feature's outline: blue, apart from every fill colour
  halo: '#ffffff', // around points
  communeEdge: 'rgba(60,60,60,0.45)',
  provinceEdge: '#4a4a4a',
  zoneFill: 'rgba(230,168,23,0.45)', zoneEdge: '#a66f00', zone: '#e6a817',
  farm: '#8c510a', farmFill: 'rgba(140,81,10,0.35)', farmCount: '#ffffff', // farms counted per cell, count in white
  traced: '#c0392b', // the point a trace page is about
  you: '#1a73e8', // "near me": the user's position
  editing: '#d4380d', // the feature being edited (edit.js): orange-red, apart from the selection's blue
  cluster: '#8e1b5b', // tourism sites grouped, with their count in white
  label: '#1b1b1b', labelHalo: 'rgba(255,255,255,0.9)', // names drawn on the map
  land: '#f2efe9', landEdge: '#c8c2b8', communeLine: '#ddd6cb', // the plain basemap
  sea: '#aad3df' // under everything (as #map's background in viewer.css)
});

/** The swatch of each layer in lists (layer panel, search results). */
export const LAYER = Object.freeze({
  communes: LEVEL.ntm, zones: MAP.zone, provinces: CATEGORY.other, farms: MAP.farm, tourism: CATEGORY.community_based });

/** A #rrggbb colour as rgba with this opacity (0–1), for a fill that lets the map show through. */
export function translucent(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
}

/** Text and lines on an exported image or a chart. */
export const INK = Object.freeze({ text: '#1b1b1b', muted: '#444444', edge: '#666666', paper: '#ffffff', target: '#b00020' });
