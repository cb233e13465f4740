// RuralAtlas viewer: the geometry of what Edit mode (edit.js) edits, on a layer of its own over
// the map. A point is dragged (Translate) or put where the map is tapped; a polygon's corners are
// dragged (Modify, with a wide grab radius for a thumb; a drag on the middle of an edge adds a
// corner) and snap (Snap) to the shape's own corners and edges; a new point or area is drawn with
// Draw (an area closes on its first corner, a double tap, or finish()); an area's corners also snap to
// the layer's other areas around the view, read as GeoJSON (the tiles' shapes cannot be snapped
// to). Geometries go to the
// server in longitude/latitude, rounded to 1e-6° (about 0.1 m), a polygon as the layer's MultiPolygon.
import { send } from '../api.js';
import { MAP, translucent } from '../palette.js';
import { map } from './map.js';

const source = new ol.source.Vector();
const halo = new ol.style.Stroke({ color: MAP.halo, width: 3 });
const pointStyle = new ol.style.Style({ image: new ol.style.Circle({ radius: 11, fill: new ol.style.Fill({ color: MAP.editing }), stroke: halo }) });
const areaStyles = [
  new ol.style.Style({ fill: new ol.style.Fill({ color: translucent(MAP.editing, 0.2) }), stroke: new ol.style.Stroke({ color: MAP.editing, width: 3 }) }),
  // every corner drawn, so that a thumb sees what it can grab
  new ol.style.Style({ image: new ol.style.Circle({ radius: 7, fill: new ol.style.Fill({ color: MAP.editing }), stroke: new ol.style.Stroke({ color: MAP.halo, width: 2 }) }),
    geometry: (f) => new ol.geom.MultiPoint(corners(f.getGeometry())) })];
/** The layer of the feature being edited (its id 'edit' for the tests). */
export const editLayer = new ol.layer.Vector({ source, zIndex: 40, properties: { id: 'edit' },
  style: (f) => (f.getGeometry().getType() === 'Point' ? pointStyle : areaStyles) });
map.addLayer(editLayer);

const picked = new ol.Collection();
const translate = new ol.interaction.Translate({ features: picked, hitTolerance: 8 });
const modify = new ol.interaction.Modify({ features: picked, pixelTolerance: 24 });
const snap = new ol.interaction.Snap({ source, pixelTolerance: 12 });
const neighbours = new ol.source.Vector();
const snapNeighbours = new ol.interaction.Snap({ source: neighbours, pixelTolerance: 12 });
let asked = 0;
let changed = () => {};
translate.on('translateend', () => changed());
modify.on('modifyend', () => changed());
let draw = null;

function corners(geometry) {
  const type = geometry.getType();
  if (type === 'Polygon') { return geometry.getCoordinates().flat(); }
  if (type === 'MultiPolygon') { return geometry.getCoordinates().flat(2); }
  return [];
}

/** Whether the feature is an area (its corners are dragged) rather than a point (it is moved). */
export function isArea(feature) {
  return feature.getGeometry().getType() !== 'Point';
}

/** The other areas of layer around the view (not the one with id except) as snap targets; none offline. */
async function snapToNeighbours(layer, except) {
  const ask = ++asked;
  neighbours.clear();
  map.addInteraction(snapNeighbours);
  const box = ol.proj.transformExtent(map.getView().calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326').map((v) => v.toFixed(6));
  try {
    const r = await send('collections/' + encodeURIComponent(layer) + '/items?f=json&limit=200&bbox=' + box.join(','));
    if (ask !== asked || !r.ok) { return; }
    neighbours.addFeatures(new ol.format.GeoJSON().readFeatures(r.body, { featureProjection: 'EPSG:3857' })
      .filter((f) => String(f.getId()) !== String(except)));
  } catch (e) { /* offline: the shape's own corners and edges only */ }
}

function unsnapNeighbours() {
  asked++;
  map.removeInteraction(snapNeighbours);
  neighbours.clear();
}

/** Shows feature (of layer) for editing; onChange() after each drag of it or of a corner. */
export function showGeometry(feature, onChange, layer) {
  stopDraw();
  clearGeometry();
  source.addFeature(feature);
  picked.push(feature);
  changed = onChange;
  const area = isArea(feature);
  [translate, modify, snap].forEach((i) => map.removeInteraction(i));
  (area ? [modify, snap] : [translate]).forEach((i) => map.addInteraction(i));
  if (area) { snapToNeighbours(layer, feature.getId()); }
}

/** Shows all of an area in the part of the map left free (under what covers its top, top pixels; above the panel). */
export function fitTo(feature, top) {
  map.getView().fit(feature.getGeometry().getExtent(), { padding: [top + 24, 28, 28, 28], maxZoom: 17 });
}

export function clearGeometry() {
  [translate, modify, snap].forEach((i) => map.removeInteraction(i));
  unsnapNeighbours();
  picked.clear();
  source.clear();
  changed = () => {};
}

/** Whether the pixel is on feature (as drawn). */
export function isOn(pixel, feature) {
  return !!map.forEachFeatureAtPixel(pixel, (f) => f === feature, { hitTolerance: 8, layerFilter: (l) => l === editLayer });
}

const round = (c) => [Math.round(c[0] * 1e6) / 1e6, Math.round(c[1] * 1e6) / 1e6];

/** A point's longitude and latitude. */
export function lonLatOf(feature) {
  return round(ol.proj.toLonLat(feature.getGeometry().getCoordinates()));
}

/** The feature's geometry as GeoJSON in longitude/latitude: a Point, or a MultiPolygon for an area. */
export function geometryOf(feature) {
  const g = feature.getGeometry();
  if (g.getType() === 'Point') { return { type: 'Point', coordinates: lonLatOf(feature) }; }
  const polygons = g.getType() === 'Polygon' ? [g.getCoordinates()] : g.getCoordinates();
  return { type: 'MultiPolygon', coordinates: polygons.map((rings) => rings.map((ring) => ring.map((c) => round(ol.proj.toLonLat(c))))) };
}

/** Draws a new 'Point' or 'Polygon' of layer; done(feature) once it is drawn (an area of fewer than three corners is refused: tooFew()). */
export function startDraw(type, done, tooFew, layer) {
  stopDraw();
  clearGeometry();
  draw = new ol.interaction.Draw({ type, source, style: (f) => (f.getGeometry().getType() === 'Point' ? pointStyle : areaStyles) });
  draw.on('drawend', (e) => {
    const g = e.feature.getGeometry();
    if (type === 'Polygon' && new Set(g.getCoordinates()[0].map(String)).size < 3) {
      setTimeout(() => { source.clear(); tooFew(); });
      return;
    }
    drawnAt = Date.now();
    setTimeout(() => { stopDraw(); done(e.feature); });
  });
  map.addInteraction(draw);
  map.addInteraction(snap);
  if (type === 'Polygon') { snapToNeighbours(layer, null); }
}

/** Closes the area being drawn (the Finish button: a double tap is easy to miss on a phone). */
export function finishDraw() {
  if (draw) { draw.finishDrawing(); }
}

let drawnAt = 0;

/** Whether something is being drawn, or was just now (the map's singleclick comes a quarter second after the tap that drew). */
export function drawing() {
  return draw !== null || Date.now() - drawnAt < 600;
}

export function stopDraw() {
  if (!draw) { return; }
  map.removeInteraction(draw);
  map.removeInteraction(snap);
  unsnapNeighbours();
  draw = null;
}
