// RuralAtlas viewer: Edit mode, for a signed-in editor or administrator (account.js). A tap on a
// tourism site, a farm or a growing area opens it: a point is dragged or put where the map is tapped
// next, an area's corners are dragged (edit-geometry.js); "Add a place" and "Draw an area" draw new
// ones. Its form comes from the layer's schema in the catalogue (edit-form.js); edit-save.js sends
// it (POST, or PATCH/DELETE with the ETag it was read with), shows a 422 beside the fields and a 412
// with what changed and Reload. The server checks everything again; the form only helps.
import { send, itemPath } from '../api.js';
import { el, byId, append } from '../dom.js';
import { t, language } from '../i18n.js';
import { session, onSession } from './account.js';
import { map, layers, renew } from './map.js';
import { notice } from './notice.js';
import { definePanel, openPanel, closePanel, openPanelName } from './panel.js';
import { fields } from './edit-form.js';
import { save, askDelete } from './edit-save.js';
import { showGeometry, fitTo, clearGeometry, isOn, isArea, lonLatOf, startDraw, finishDraw, drawing, stopDraw } from './edit-geometry.js';
import { clusterLayer } from './sites.js';
import { state, catalog, catalogReady } from './state.js';

/** The layers whose features the viewer edits: points and areas. */
const EDITABLE = ['tourism', 'farms', 'zones'];
/** What is drawn new: a tourism site (a point) or a growing area (a polygon). */
const NEW = { Point: 'tourism', Polygon: 'zones' };

/** The feature being edited: { layer, id (null while new), etag, geojson (as read), feature (OpenLayers), moved, form }. */
let current = null;

/** The edit bar for what the editor does: 'pick' (a feature, or something new), 'editing', or drawing a 'Point' or a 'Polygon'. */
function bar(doing) {
  const say = doing === 'editing' ? (isArea(current.feature) ? 'reshape' : 'drag') : doing;
  byId('edit-bar').querySelectorAll('[data-doing]').forEach((e) => { e.hidden = e.getAttribute('data-doing') !== say; });
  const drawingNow = doing === 'Point' || doing === 'Polygon';
  byId('edit-add-place').hidden = byId('edit-draw-area').hidden = doing !== 'pick';
  byId('edit-finish').hidden = doing !== 'Polygon';
  byId('edit-draw-cancel').hidden = !drawingNow;
  byId('edit-stop').hidden = drawingNow;
  byId('edit-bar').setAttribute('data-doing', doing);
}

/** Edit mode on or off (on only for an account that edits). */
function setEditing(on) {
  const was = state.editing;
  state.editing = !!on && !!session.edits;
  document.body.classList.toggle('editing', state.editing);
  byId('edit-bar').hidden = !state.editing;
  if (state.editing && !was) {
    if (openPanelName()) { closePanel(); }
    byId('sample-banner').hidden = true; // the map is the editor's work surface: nothing over it but the edit bar
    bar('pick');
    notice(t('edit.hint'));
  } else if (!state.editing && was) {
    stop();
  }
}

function stop() {
  current = null;
  stopDraw();
  clearGeometry();
  if (openPanelName() === 'edit') { closePanel(); }
  if (state.editing) { bar('pick'); }
}

function edit(next, title) {
  current = next;
  showGeometry(next.feature, () => { current.moved = true; showPlace(); }, next.layer);
  openPanel('edit', title);
  bar('editing');
  if (isArea(next.feature)) { fitTo(next.feature, byId('edit-bar').offsetTop + byId('edit-bar').offsetHeight); } // after the panel: in the part of the map left
}

/** Reads the feature with its ETag and opens its form. */
async function start(layer, id) {
  const [r] = await Promise.all([send(itemPath(layer, id)), catalogReady]);
  if (!r.ok) { notice(t('edit.failed', { e: (r.body && r.body.detail) || r.status })); return; }
  const feature = new ol.format.GeoJSON().readFeature(r.body, { featureProjection: 'EPSG:3857' });
  edit({ layer, id, etag: r.etag, geojson: r.body, feature, moved: false }, t('edit.title', { name: r.body.properties.name || id }));
}

/** Draws something new ('Point' or 'Polygon'), then opens its form (in the editor's province, when it has one). */
function startNew(type) {
  stop();
  bar(type);
  startDraw(type, (feature) => {
    const layer = NEW[type];
    const properties = {};
    if (catalog.property(layer, 'province_code') && session.provinces && session.provinces.length === 1) { properties.province_code = session.provinces[0]; }
    edit({ layer, id: null, etag: null, geojson: { properties, geometry: null }, feature, moved: true }, t('edit.newTitle', { layer: catalog.layerTitle(layer) }));
  }, () => { notice(t('edit.tooFew')); startNew(type); }, NEW[type]);
}

/** The layer and id of the editable feature at a pixel, the topmost that is one feature (a cluster of many: none, the map zooms in). */
function featureAt(pixel, coordinate) {
  let found = null;
  map.forEachFeatureAtPixel(pixel, (f, l) => {
    const layer = l.get('id');
    if (layer === 'tourism-clusters') {
      const members = f.get('features');
      if (members.length === 1) { found = { layer: 'tourism', id: String(members[0].getId()) }; return true; }
      map.getView().animate({ center: coordinate, zoom: map.getView().getZoom() + 2, duration: 250 });
      return true;
    }
    const id = f.get(catalog.idProperty[layer]);
    if (f.get('count') || id === undefined) { return false; } // a cell of many farms: what lies under it
    found = { layer, id: String(id) };
    return true;
  }, { hitTolerance: 6, layerFilter: (l) => l.getVisible() && (l === clusterLayer || EDITABLE.some((id) => layers[id] === l)) });
  return found;
}

map.on('singleclick', (e) => {
  if (!state.editing || drawing()) { return; }
  if (current && openPanelName() !== 'edit') { stop(); } // its form was closed: the edit was given up
  if (current) {
    // a tap beside the point being edited puts it there (an area's corners are dragged)
    if (!isArea(current.feature) && !isOn(e.pixel, current.feature)) {
      current.feature.getGeometry().setCoordinates(e.coordinate);
      current.moved = true;
      showPlace();
    }
    return;
  }
  const found = featureAt(e.pixel, e.coordinate);
  if (found) { start(found.layer, found.id); }
});

function showPlace() {
  const place = byId('edit-place');
  if (!place || !current) { return; }
  if (isArea(current.feature)) {
    place.textContent = current.moved && current.id !== null ? t('edit.reshaped') : t('edit.reshape');
    return;
  }
  const [lon, lat] = lonLatOf(current.feature);
  place.textContent = current.moved ? t('edit.moved', { lon, lat }) : t('edit.drag');
}

function renderForm(body) {
  if (!current) { return; }
  // drawn again in the same language (the panel redraws as the view's address is restored): the same form, as typed
  if (current.form && current.form.getAttribute('data-lang') === language()) { body.appendChild(current.form); return; }
  const { layer, geojson } = current;
  const form = el('form', { id: 'edit-form', class: 'edit-form', novalidate: true, 'data-feature': layer + '/' + (current.id || ''),
    on: { submit: (e) => { e.preventDefault(); save(current, form, saved); } } });
  form.appendChild(el('p', { id: 'edit-place', class: 'note' }));
  append(form, fields(layer, geojson.properties));
  // what the server said stays in sight beside Save, however long the form (the actions stick to the panel's bottom)
  form.appendChild(el('div', { class: 'edit-actions' }, [el('p', { id: 'edit-message', class: 'form-error', role: 'alert' }),
    el('p', { class: 'links-row' }, [
      el('button', { type: 'submit', class: 'button primary', id: 'edit-save', text: t('edit.save') }),
      el('button', { type: 'button', class: 'button', id: 'edit-cancel', text: t('edit.cancel'), on: { click: stop } }),
      current.id === null ? null : el('button', { type: 'button', class: 'button danger', id: 'edit-delete', text: t('edit.delete'),
        on: { click: () => askDelete(current, deleted) } })])]));
  form.setAttribute('data-lang', language());
  current.form = form;
  body.appendChild(form);
  showPlace();
}

/** The map after a write: the clusters of the first screens hold their own copy of each site; the tiles follow within a second. */
export function refreshMap(layer, id, geometry) {
  const sites = clusterLayer.getSource().getSource();
  const site = layer === 'tourism' && sites.getFeatureById(id);
  if (site && geometry) { site.setGeometry(new ol.geom.Point(ol.proj.fromLonLat(geometry.coordinates))); }
  if (site && !geometry) { sites.removeFeature(site); }
  renew(); // the server renews its tiles within a second of a write: now, and once more after that second
  setTimeout(renew, 1500);
}

function saved(r) {
  const { layer } = current;
  const id = current.id === null ? String(r.body.id) : current.id;
  refreshMap(layer, id, r.body.geometry);
  const name = r.body.properties.name || id;
  notice(current.id === null ? t('edit.created', { name }) : t('edit.saved', { name }));
  document.body.setAttribute('data-saved', layer + '/' + id + '@' + r.etag);
  stop();
}

function deleted() {
  const { layer, id } = current;
  refreshMap(layer, id, null);
  notice(t('edit.deleted', { name: current.geojson.properties.name || id }));
  document.body.setAttribute('data-saved', layer + '/' + id + '@deleted');
  stop();
}

definePanel('edit', null, renderForm);

onSession((s) => {
  if (!s.edits) { setEditing(false); }
  byId('edit-bar').setAttribute('data-available', String(!!s.edits));
});
document.addEventListener('ruralatlas:edit', (e) => setEditing(e.detail));
document.addEventListener('ruralatlas:edit-reload', () => { if (current && current.id !== null) { start(current.layer, current.id); } });
byId('edit-stop').addEventListener('click', () => setEditing(false));
byId('edit-add-place').addEventListener('click', () => startNew('Point'));
byId('edit-draw-area').addEventListener('click', () => startNew('Polygon'));
byId('edit-finish').addEventListener('click', finishDraw);
byId('edit-draw-cancel').addEventListener('click', stop);
