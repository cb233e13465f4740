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

/** A vector tile layer named id (its 'id' property) on source; options as ol.layer.VectorTile's. */
export function tileLayer(id, source, options) {
  return new ol.layer.VectorTile(Object.assign({ source, properties: { id } }, options));
}

/** A style function that draws only the features of one layer of a tile with every layer. */
export function onlyLayer(id, style) {
  return (feature, resolution) => (feature.get('layer') === id ? style(feature, resolution) : null);
}

/** A map's layer by its 'id' property. */
export function layerById(map, id) {
  return map.getLayers().getArray().find((l) => l.get('id') === id) || null;
}
