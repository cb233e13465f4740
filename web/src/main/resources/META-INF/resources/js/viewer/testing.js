// RuralAtlas viewer: the one global, window.RuralAtlas.testing, for the browser tests: what the
// map drew, read from OpenLayers' rendered state, and a few entry points. Pages do not use it.
import { layerById, featuresInExtent } from '../layers.js';
import { exportPng } from './export.js';
import { showFeature } from './feature-panel.js';
import { map, metrics, layers, viewExtent } from './map.js';
import { offline, saveArea, updateArea, deleteArea, searchSaved } from './offline-store.js';
import { savedCommune } from './offline-ntm.js';
import { closePanel } from './panel.js';
import { clusterLayer } from './sites.js';
import { state, catalog, LAYER_ORDER } from './state.js';

/** Distinct features of a data layer among the rendered tiles in view. */
function renderedFeatures(id) {
  const idp = catalog.idProperty[id];
  const seen = new Set();
  return featuresInExtent(layers[id], viewExtent()).filter((f) => {
    if (f.get('layer') !== id || seen.has(f.get(idp))) { return false; }
    seen.add(f.get(idp));
    return true;
  });
}

/**
 * Proof from the rendered canvas: a feature of the layer drawn in view, and whether hit detection
 * (which reads what was drawn) finds that same feature at its pixel: { id, pixel, rendered }.
 */
function hit(id) {
  const idp = catalog.idProperty[id];
  const size = map.getSize();
  const found = renderedFeatures(id);
  const rect = map.getViewport().getBoundingClientRect();
  function at(px) {
    px = [Math.round(px[0]), Math.round(px[1])];
    if (px[0] < 5 || px[1] < 5 || px[0] > size[0] - 5 || px[1] > size[1] - 5) { return null; }
    // only where a finger would reach the map, not the legend, a notice, a panel or a control
    const top = document.elementFromPoint(rect.left + px[0], rect.top + px[1]);
    if (!top || !map.getViewport().contains(top) || top.closest('.ol-control')) { return null; }
    let hitId = null;
    map.forEachFeatureAtPixel(px, (g) => { hitId = g.get(idp); return true; }, { layerFilter: (l) => l === layers[id], hitTolerance: 1 });
    return hitId === null || hitId === undefined ? null : { id: hitId, pixel: px, rendered: found.length };
  }
  // a point, a point inside a polygon, or a vertex of an outline; then anywhere on a grid
  for (const f of found.slice(0, 50)) {
    const coords = [f.getFlatCoordinates().slice(0, 2)];
    if (f.getType() === 'Polygon' || f.getType() === 'MultiPolygon') { coords.unshift(f.getFlatInteriorPoint().slice(0, 2)); }
    for (const c of coords) {
      const px = map.getPixelFromCoordinate(c);
      const h = px && at(px);
      if (h && h.id === f.get(idp)) { return h; }
    }
  }
  for (let gx = 1; gx < 12 && found.length; gx++) {
    for (let gy = 1; gy < 10; gy++) {
      const g = at([size[0] * gx / 12, size[1] * gy / 10]);
      if (g) { return g; }
    }
  }
  return { id: null, rendered: found.length };
}

/** The clusters of tourism sites in view: { count, drawn } (drawn: hit detection finds it at its pixel). */
function clusters() {
  if (!clusterLayer.isVisible(map.getView())) { return []; }
  return clusterLayer.getSource().getFeaturesInExtent(viewExtent()).map((c) => {
    const px = map.getPixelFromCoordinate(c.getGeometry().getCoordinates());
    let drawn = false;
    map.forEachFeatureAtPixel(px, (f) => { drawn = drawn || f === c; }, { layerFilter: (l) => l === clusterLayer });
    return { count: c.get('features').length, drawn };
  });
}

window.RuralAtlas = Object.freeze({
  testing: Object.freeze({
    map, metrics, state, renderedFeatures, hit, showFeature, closePanel, exportPng, clusters,
    /** Offline use: its state (online, areas, saving, lastSave, lastUpdate, version) and actions. */
    offline, saveArea, updateArea, deleteArea, searchSaved, savedCommune: (code) => savedCommune(offline.areas, code),
    /** A layer of the map by id: a data layer, 'plain' or 'basemap'. */
    layer: (id) => layerById(map, id),
    /** Whether the catalogue (every layer's id property) is in. */
    ready: () => LAYER_ORDER.every((id) => catalog.idProperty[id] !== undefined)
  })
});
