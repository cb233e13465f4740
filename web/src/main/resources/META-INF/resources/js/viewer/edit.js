// RuralAtlas viewer: Edit mode, for a signed-in editor or administrator (account.js). A tap on a
// point of an editable layer opens it for editing: it can be dragged, or put where the map is
// tapped next, and its properties are edited in a form made from the layer's schema in the
// catalogue (labels and allowed values in the current language). Saving sends only what changed,
// as a JSON Merge Patch with the ETag the feature was read with (If-Match) and the session's CSRF
// token: a 412 means someone changed it meanwhile (the editor may reload it), a 422 lists each
// problem, shown beside its field. The server checks everything again; the form only helps.
import { send, itemPath } from '../api.js';
import { el, byId, append } from '../dom.js';
import { t, language } from '../i18n.js';
import { MAP } from '../palette.js';
import { session, onSession, csrfHeaders } from './account.js';
import { map, layers, tiles } from './map.js';
import { notice } from './notice.js';
import { definePanel, openPanel, closePanel, openPanelName } from './panel.js';
import { fields, changedProperties, clearErrors, showErrors } from './edit-form.js';
import { clusterLayer } from './sites.js';
import { state, catalog, catalogReady } from './state.js';

/** The point layers whose features the viewer edits. */
const EDITABLE = ['tourism', 'farms'];

const source = new ol.source.Vector();
const marker = new ol.style.Style({ image: new ol.style.Circle({ radius: 11, fill: new ol.style.Fill({ color: MAP.editing }),
  stroke: new ol.style.Stroke({ color: MAP.halo, width: 3 }) }) });
const editLayer = new ol.layer.Vector({ source, style: marker, zIndex: 40, properties: { id: 'edit' } });
map.addLayer(editLayer);
const picked = new ol.Collection();
const translate = new ol.interaction.Translate({ features: picked, hitTolerance: 8 });
translate.on('translateend', () => { if (current) { current.moved = true; showPlace(); } });

/** The feature being edited: { layer, id, etag, geojson, feature (OpenLayers), moved, form }. */
let current = null;

/** Edit mode on or off (on only for an account that edits). */
function setEditing(on) {
  const was = state.editing;
  state.editing = !!on && !!session.edits;
  document.body.classList.toggle('editing', state.editing);
  byId('edit-bar').hidden = !state.editing;
  if (state.editing && !was) {
    map.addInteraction(translate);
    if (openPanelName()) { closePanel(); }
    byId('sample-banner').hidden = true; // the map is the editor's work surface: nothing over it but the edit bar
    notice(t('edit.hint'));
  } else if (!state.editing && was) {
    map.removeInteraction(translate);
    stop();
  }
}

function stop() {
  current = null;
  picked.clear();
  source.clear();
  if (openPanelName() === 'edit') { closePanel(); }
}

/** Reads the feature with its ETag and opens its form. */
async function start(layer, id) {
  const r = await send(itemPath(layer, id));
  if (!r.ok) { notice(t('edit.failed', { e: (r.body && r.body.detail) || r.status })); return; }
  await catalogReady;
  source.clear();
  picked.clear();
  const feature = new ol.format.GeoJSON().readFeature(r.body, { featureProjection: 'EPSG:3857' });
  source.addFeature(feature);
  picked.push(feature);
  current = { layer, id, etag: r.etag, geojson: r.body, feature, moved: false };
  openPanel('edit', t('edit.title', { name: r.body.properties.name || id }));
}

/** The layer and id of the editable feature at a pixel (a cluster of many: none, the map zooms in). */
function featureAt(pixel, coordinate) {
  const hit = map.forEachFeatureAtPixel(pixel, (f, l) => ({ f, layer: l.get('id') }), { hitTolerance: 6,
    layerFilter: (l) => l.getVisible() && (l === clusterLayer || EDITABLE.some((id) => layers[id] === l)) });
  if (!hit) { return null; }
  if (hit.layer === 'tourism-clusters') {
    const members = hit.f.get('features');
    if (members.length === 1) { return { layer: 'tourism', id: String(members[0].getId()) }; }
    map.getView().animate({ center: coordinate, zoom: map.getView().getZoom() + 2, duration: 250 });
    return null;
  }
  const id = hit.f.get(catalog.idProperty[hit.layer]);
  return hit.f.get('count') || id === undefined ? null : { layer: hit.layer, id: String(id) };
}

map.on('singleclick', (e) => {
  if (!state.editing) { return; }
  if (current && openPanelName() !== 'edit') { stop(); } // its form was closed: the edit was given up
  if (current) {
    // a tap beside the feature being edited puts it there
    const onIt = map.forEachFeatureAtPixel(e.pixel, (f) => f === current.feature, { hitTolerance: 8, layerFilter: (l) => l === editLayer });
    if (!onIt) {
      current.feature.getGeometry().setCoordinates(e.coordinate);
      current.moved = true;
      showPlace();
    }
    return;
  }
  const found = featureAt(e.pixel, e.coordinate);
  if (found) { start(found.layer, found.id); }
});

function lonLat() {
  return ol.proj.toLonLat(current.feature.getGeometry().getCoordinates()).map((v) => Math.round(v * 1e6) / 1e6);
}

function showPlace() {
  const place = byId('edit-place');
  if (place) { place.textContent = current.moved ? t('edit.moved', { lon: lonLat()[0], lat: lonLat()[1] }) : t('edit.drag'); }
}

function renderForm(body) {
  if (!current) { return; }
  // drawn again in the same language (the panel redraws as the view's address is restored): the same form, as typed
  if (current.form && current.form.getAttribute('data-lang') === language()) { body.appendChild(current.form); return; }
  const { layer, geojson } = current;
  const form = el('form', { id: 'edit-form', class: 'edit-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); save(form); } } });
  form.appendChild(el('p', { id: 'edit-place', class: 'note' }));
  append(form, fields(layer, geojson.properties));
  // what the server said stays in sight beside Save, however long the form (the actions stick to the panel's bottom)
  form.appendChild(el('div', { class: 'edit-actions' }, [el('p', { id: 'edit-message', class: 'form-error', role: 'alert' }),
    el('p', { class: 'links-row' }, [
      el('button', { type: 'submit', class: 'button primary', id: 'edit-save', text: t('edit.save') }),
      el('button', { type: 'button', class: 'button', id: 'edit-cancel', text: t('edit.cancel'), on: { click: stop } })])]));
  form.setAttribute('data-lang', language());
  current.form = form;
  body.appendChild(form);
  showPlace();
}

/** The JSON Merge Patch of what changed: the properties edited, the geometry if moved. */
function changes(form) {
  const patch = {};
  const properties = changedProperties(form, current.layer, current.geojson.properties);
  if (Object.keys(properties).length) { patch.properties = properties; }
  if (current.moved) { patch.geometry = { type: 'Point', coordinates: lonLat() }; }
  return patch;
}

async function save(form) {
  clearErrors(form);
  const patch = changes(form);
  if (!Object.keys(patch).length) { byId('edit-message').textContent = t('edit.nothing'); return; }
  const button = byId('edit-save');
  button.disabled = true;
  let r;
  try {
    // writes take no parameters: the item's own path, without ?f=json
    r = await send(itemPath(current.layer, current.id).split('?')[0], { method: 'PATCH', body: patch, contentType: 'application/merge-patch+json',
      headers: { 'If-Match': current.etag, ...csrfHeaders() } });
  } catch (e) {
    byId('edit-message').textContent = t('edit.failed', { e: e.message });
    return;
  } finally {
    button.disabled = false;
  }
  if (r.ok) { saved(r); return; }
  if (r.status === 422) { showErrors(form, (r.body && r.body.errors) || [{ property: r.body && r.body.parameter, detail: r.body && r.body.detail }]); return; }
  if (r.status === 412) { conflict(); return; }
  byId('edit-message').textContent = r.status === 401 || r.status === 403 ? t('edit.denied', { e: (r.body && r.body.detail) || r.status })
    : t('edit.failed', { e: (r.body && r.body.detail) || r.status });
}

function conflict() {
  const message = byId('edit-message');
  message.textContent = t('edit.conflict');
  message.appendChild(el('button', { type: 'button', class: 'button small', id: 'edit-reload', text: t('edit.reload'),
    on: { click: () => start(current.layer, current.id) } }));
}

function saved(r) {
  const { layer, id } = current;
  const [lon, lat] = r.body.geometry.coordinates;
  // the clusters of the first screens hold their own copy of each site
  const site = layer === 'tourism' && clusterLayer.getSource().getSource().getFeatureById(id);
  if (site) { site.setGeometry(new ol.geom.Point(ol.proj.fromLonLat([lon, lat]))); }
  // the server renews its tiles within a second of a write: ask now, and once more after that second
  tiles.refresh();
  setTimeout(() => tiles.refresh(), 1500);
  current.etag = r.etag;
  current.geojson = r.body;
  current.moved = false;
  notice(t('edit.saved', { name: r.body.properties.name || id }));
  document.body.setAttribute('data-saved', layer + '/' + id + '@' + r.etag);
  stop();
}

definePanel('edit', null, renderForm);

onSession((s) => {
  if (!s.edits) { setEditing(false); }
  byId('edit-bar').setAttribute('data-available', String(!!s.edits));
});
document.addEventListener('ruralatlas:edit', (e) => setEditing(e.detail));
byId('edit-stop').addEventListener('click', () => setEditing(false));
