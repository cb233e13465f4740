// RuralAtlas viewer: the map. Every data layer is drawn from one source of RuralAtlas's own
// vector tiles; under them a basemap (OpenStreetMap by default) that may be unreachable, and
// under that a plain basemap drawn from the same tiles' boundaries, so the map works offline.
import { t } from '../i18n.js';
import { tileSource, tileLayer, onlyLayer } from '../layers.js';
import { notice } from './notice.js';
import { state, catalog, catalogReady, LAYER_ORDER, emit } from './state.js';
import { STYLES, plainStyle, filterTourism } from './styles.js';

/** For the tests and the first-draw measurement: tiles in, basemap tiles in and failed. */
export const metrics = { firstDrawMs: null, tilesLoaded: 0, basemapErrors: 0, basemapLoaded: 0, basemapFailed: false };

const tiles = tileSource();
tiles.on('tileloadend', () => { metrics.tilesLoaded++; });

export const plain = tileLayer('plain', tiles, { style: plainStyle });
export const basemap = new ol.layer.Tile({ properties: { id: 'basemap' }, visible: false });
export const layers = {};
LAYER_ORDER.forEach((id) => {
  layers[id] = tileLayer(id, tiles, { style: onlyLayer(id, STYLES[id]), opacity: state.opacity[id], renderBuffer: 40 });
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
map.on('rendercomplete', () => {
  if (metrics.firstDrawMs === null && metrics.tilesLoaded > 0) { metrics.firstDrawMs = Math.round(performance.now()); }
});

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
    layerFilter: (l) => !!layers[l.get('id')] && l.get('id') !== 'provinces' });
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
      metrics.basemapFailed = true;
      notice(t('basemap.failed'));
    }
  });
  basemap.setSource(source);
  basemap.setVisible(state.base === 'osm');
}

/** Chooses the basemap: osm (when configured) or plain. */
export function chooseBasemap(base) {
  state.base = base === 'plain' ? 'plain' : 'osm';
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

/** Centres the map on a result or feature: its bbox (longitude/latitude), or its point at street zoom. */
export function zoomTo(bbox, point, maxZoom) {
  const view = map.getView();
  if (bbox && (bbox[2] - bbox[0] > 0.0005 || bbox[3] - bbox[1] > 0.0005)) {
    view.fit(ol.proj.transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'), { padding: [40, 40, 40, 40], maxZoom: maxZoom || 15, duration: 0 });
  } else if (point) {
    view.setCenter(ol.proj.fromLonLat(point));
    view.setZoom(Math.max(view.getZoom(), 15));
  }
}

/** What the map shows now, in map coordinates. */
export function viewExtent() {
  return map.getView().calculateExtent(map.getSize());
}
