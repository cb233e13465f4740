// RuralAtlas pages: the server's own vector tiles as OpenLayers sources and layers, set up one
// way for the viewer, the planner and the trace page. Tiles are asked up to zoom 14 and drawn
// larger beyond it (they carry every vertex from there), without fade-in.
import { ROOT } from './api.js';

/** The last zoom at which tiles are asked for. */
export const TILE_MAX_ZOOM = 14;

/** The tiles of every layer (one request per tile), or of one layer with id. */
export function tileSource(id) {
  return new ol.source.VectorTile({
    format: new ol.format.MVT(),
    url: ROOT + (id ? 'collections/' + id + '/' : '') + 'tiles/WebMercatorQuad/{z}/{y}/{x}',
    maxZoom: TILE_MAX_ZOOM,
    transition: 0
  });
}

/**
 * A vector tile layer named id (its 'id' property) on source; options as ol.layer.VectorTile's. Its tile
 * cache has a size (it grows when a screen needs more): at OpenLayers' default of none, the layer keeps
 * no stale key, and tiles renewed by renewTiles would leave it blank until they are in.
 */
export function tileLayer(id, source, options) {
  return new ol.layer.VectorTile(Object.assign({ source, properties: { id }, cacheSize: 64 }, options));
}

/** A style function that draws only the features of one layer of a tile with every layer. */
export function onlyLayer(id, style) {
  return (feature, resolution) => (feature.get('layer') === id ? style(feature, resolution) : null);
}

/** A map's layer by its 'id' property. */
export function layerById(map, id) {
  return map.getLayers().getArray().find((l) => l.get('id') === id) || null;
}

let renewals = 0;

/**
 * The tiles of source fetched again without a blank map: a new key (a counter in the URL's fragment,
 * which no request carries) makes each layer ask for its tiles anew while it keeps drawing the old
 * ones (the stale key's, see tileLayer) until each new one is in. source.refresh() emptied the layers
 * first: the map blinked blank after each save, and a tap in that moment found nothing.
 */
export function renewTiles(source) {
  source.setUrl(source.getUrls()[0].replace(/#.*$/, '') + '#' + (++renewals));
}

/**
 * The features of a vector tile layer in extent, from the tiles of its drawn zoom and of its source's
 * current key only: after renewTiles the old tiles stay in the layer's cache, where OpenLayers'
 * getFeaturesInExtent reads them too, and a feature changed by a save would be read old and new.
 */
export function featuresInExtent(layer, extent) {
  const renderer = layer.getRenderer();
  if (!renderer.frameState || !renderer.renderedResolution) { return []; }
  const source = layer.getSource();
  const grid = source.getTileGridForProjection(renderer.frameState.viewState.projection); // the drawn tiles' grid
  const z = grid.getZForResolution(renderer.renderedResolution);
  const key = source.getKey();
  const seen = new Set();
  const found = [];
  renderer.getTileCache().forEach((tile) => {
    if (tile.key !== key || tile.tileCoord[0] !== z || tile.getState() !== LOADED) { return; }
    tile.getSourceTiles().forEach((s) => {
      if (seen.has(s.getKey()) || !ol.extent.intersects(extent, grid.getTileCoordExtent(s.tileCoord))) { return; }
      seen.add(s.getKey());
      (s.getFeatures() || []).forEach((f) => { if (ol.extent.intersects(extent, f.getGeometry().getExtent())) { found.push(f); } });
    });
  });
  return found;
}

/** OpenLayers' TileState.LOADED. */
const LOADED = 2;
