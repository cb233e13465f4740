// RuralAtlas viewer: the map. Every data layer is drawn from one source of RuralAtlas's own
// vector tiles; under them a basemap (OpenStreetMap by default) that may be unreachable, and
// under that a plain basemap drawn from the same tiles' boundaries, so the map works offline.
import { t } from '../i18n.js';
import { tileSource, tileLayer, onlyLayer, renewTiles } from '../layers.js';
import { notice, sampleNoticeOnce } from './notice.js';
import { state, catalog, catalogReady, LAYER_ORDER, CLUSTERS_UNTIL, emit } from './state.js';
import { STYLES, plainStyle, filterTourism, setShares } from './styles.js';
import { getJson } from '../api.js';

/** For the tests and the first-draw measurement: tiles in, basemap tiles in and failed. */
export const metrics = { firstDrawMs: null, tilesLoaded: 0, basemapErrors: 0, basemapLoaded: 0, basemapFailed: false,
  sharesLoaded: false };

/** The one source of every data layer's vector tiles (the labels read it too). */
export const tiles = tileSource();
/** After a write: the tiles again, the old ones drawn until the new are in (see renewTiles). */
export const renew = () => renewTiles(tiles);
tiles.on('tileloadend', () => { metrics.tilesLoaded++; });

export const plain = tileLayer('plain', tiles, { style: plainStyle });
export const basemap = new ol.layer.Tile({ properties: { id: 'basemap' }, visible: false });
export const layers = {};
LAYER_ORDER.forEach((id) => {
  layers[id] = tileLayer(id, tiles, { style: onlyLayer(id, STYLES[id]), opacity: state.opacity[id], renderBuffer: 40,
    minZoom: id === 'tourism' ? CLUSTERS_UNTIL : undefined });
});

export const map = new ol.Map({
  target: 'map',
  layers: [plain, basemap, ...LAYER_ORDER.map((id) => layers[id])],
  controls: ol.control.defaults.defaults({ attributionOptions: { collapsible: true } })
    .extend([new ol.control.ScaleLine({ units: 'metric' })]),
  view: new ol.View({ center: ol.proj.fromLonLat([106.0, 16.2]), zoom: 5.3, minZoom: 4, maxZoom: 19,
    extent: ol.proj.transformExtent([95, 3, 122, 27], 'EPSG:4326', 'EPSG:3857'), constrainOnlyCenter: true })
});

// first draw: the first frame after the first tile with data arrived
let drawn;
/** Resolves once the map has first drawn its tiles: what is not needed for that (sites, shares, names) waits for it. */
export const firstDraw = new Promise((resolve) => { drawn = resolve; });
map.on('rendercomplete', () => {
  if (metrics.firstDrawMs === null && metrics.tilesLoaded > 0) {
    metrics.firstDrawMs = Math.round(performance.now());
    drawn();
  }
});
// offline with nothing saved, no tile ever arrives: start the rest anyway
setTimeout(() => drawn(), 5000);

// the provinces' shares of NTM communes, for their colour below the communes' zoom (the planner's colours)
// asked again a few times when it fails: a weak rural connection, or a server that said 503 while busy
const sharesDoc = (tries) => getJson('stats/ntm').catch((e) => (tries > 1
  ? new Promise((resolve) => setTimeout(resolve, 2000)).then(() => sharesDoc(tries - 1)) : Promise.reject(e)));
firstDraw.then(() => sharesDoc(3)).then((doc) => {
  const shares = {};
  (doc.provinces || []).forEach((p) => { shares[p.code] = p.at_least && p.at_least.ntm ? p.at_least.ntm.pct : null; });
  setShares(shares);
  metrics.sharesLoaded = true;
  if (doc.sample === true) { sampleNoticeOnce(); }
  layers.provinces.changed();
  emit('change');
}, (e) => console.warn('RuralAtlas NTM shares', e));

// the sources and licences of the layers, as each collection states them; selection styles need the id properties
catalogReady.then(() => {
  const credits = [];
  LAYER_ORDER.forEach((id) => {
    const a = catalog.titles[id] && catalog.titles[id].attribution;
    if (a && !credits.includes(a)) { credits.push(a); }
  });
  tiles.setAttributions(credits);
  map.changed();
});

map.on('pointermove', (e) => {
  if (e.dragging) { return; }
  const over = map.hasFeatureAtPixel(e.pixel, { hitTolerance: 6,
    layerFilter: (l) => (!!layers[l.get('id')] && l.get('id') !== 'provinces') || l.get('id') === 'tourism-clusters' });
  map.getTargetElement().style.cursor = over ? 'pointer' : '';
});

/** The basemap the server is configured with (url, attribution, maxZoom); none: the plain one. */
export function setBasemap(config) {
  if (!config || !config.url) {
    state.base = 'plain';
    basemap.setSource(null);
    return;
  }
  const source = new ol.source.XYZ({ url: config.url, maxZoom: config.maxZoom, crossOrigin: 'anonymous',
    attributions: config.attribution, transition: 0 });
  source.on('tileloadend', () => { metrics.basemapLoaded++; });
  source.on('tileloaderror', () => {
    metrics.basemapErrors++;
    if (metrics.basemapLoaded === 0 && metrics.basemapErrors >= 2 && !metrics.basemapFailed) {
      // unreachable (offline, blocked): the plain basemap, shown as chosen, and no more requests to that host
      metrics.basemapFailed = true;
      state.base = 'plain';
      state.baseFailed = true;
      basemap.setVisible(false);
      basemap.setSource(null);
      notice(t('basemap.failed'));
      emit('change');
    }
  });
  basemapConfig = config;
  basemap.setSource(source);
  basemap.setVisible(state.base === 'osm');
}
let basemapConfig = null;

/** Chooses the basemap: osm (when configured; after a failure, tried again) or plain. */
export function chooseBasemap(base) {
  state.base = base === 'plain' ? 'plain' : 'osm';
  if (state.base === 'osm' && state.baseFailed && basemapConfig) {
    state.baseFailed = false;
    metrics.basemapFailed = false;
    metrics.basemapErrors = 0;
    setBasemap(basemapConfig);
  }
  basemap.setVisible(state.base === 'osm' && !!basemap.getSource());
  emit('change');
}

/** Colours the communes by NTM level or by criteria met. */
export function setTheme(theme) {
  state.theme = theme === 'criteria' ? 'criteria' : 'level';
  layers.communes.changed();
  emit('change');
}

export function setVisible(id, visible) {
  state.visible[id] = visible;
  layers[id].setVisible(visible);
  emit('change');
}

export function setOpacity(id, opacity) {
  state.opacity[id] = opacity;
  layers[id].setOpacity(opacity);
}

/** Selects a feature ({ layer, id }) or nothing (null): its outline is drawn apart. */
export function select(selected) {
  state.selected = selected;
  LAYER_ORDER.forEach((id) => layers[id].changed());
  emit('selection', selected);
  emit('change');
}

/** Only tourism sites for which fn(feature) is true are drawn; null draws all. */
export function setTourismFilter(fn) {
  filterTourism(fn);
  layers.tourism.changed();
}

/**
 * Fits the part of the map left visible (beside or above the panel) to an extent in longitude/latitude,
 * zooming in no further than maxZoom. An extent that is not a finite box of Vietnam's longitudes and
 * latitudes is refused rather than sending the map off to the sea.
 */
export function fitLonLat(bbox, maxZoom) {
  if (!bbox || bbox.length !== 4 || !bbox.every(Number.isFinite) || bbox[0] > bbox[2] || bbox[1] > bbox[3]
    || Math.abs(bbox[1]) > 90 || Math.abs(bbox[3]) > 90) { return false; }
  map.updateSize();
  map.getView().fit(ol.proj.transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'), { padding: [30, 30, 30, 30], maxZoom: maxZoom || 15, duration: 0 });
  return true;
}

/** Centres the map on a result or feature: its bbox (longitude/latitude), or its point at street zoom. */
export function zoomTo(bbox, point, maxZoom) {
  const view = map.getView();
  if (bbox && (bbox[2] - bbox[0] > 0.0005 || bbox[3] - bbox[1] > 0.0005)) {
    fitLonLat(bbox, maxZoom);
  } else if (point) {
    view.setCenter(ol.proj.fromLonLat(point));
    view.setZoom(Math.max(view.getZoom(), 15));
  }
}

/** What the map shows now, in map coordinates. */
export function viewExtent() {
  return map.getView().calculateExtent(map.getSize());
}
