// RuralAtlas viewer: what Edit mode (edit.js) sends. A new feature is a POST of the layer's items
// (201); a change is a JSON Merge Patch of only what changed, a delete a DELETE after a confirm
// step: both with the ETag the feature was read with (If-Match). Every write carries the session's
// CSRF token. A 422 lists each problem, shown beside its field (the schema's required fields are
// asked for before sending); a 412 means someone changed the feature meanwhile: the current
// version is read and what differs from what the editor started from is listed, with Reload.
import { send, itemPath } from '../api.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { csrfHeaders } from './account.js';
import { changedProperties, clearErrors, showErrors, missing } from './edit-form.js';
import { geometryOf } from './edit-geometry.js';
import { catalog } from './state.js';

/** Where a write goes: the layer's items for a new feature, else the item's own path (writes take no ?f=json). */
function path(current) {
  return current.id === null ? 'collections/' + encodeURIComponent(current.layer) + '/items'
    : itemPath(current.layer, current.id).split('?')[0];
}

/** The request for what the form and the map hold: a POST of a new feature, a PATCH of what changed, or null (nothing did). */
function request(current, form) {
  if (current.id === null) {
    return { method: 'POST', contentType: 'application/geo+json',
      body: { type: 'Feature', geometry: geometryOf(current.feature), properties: changedProperties(form, current.layer, {}) } };
  }
  const patch = {};
  const properties = changedProperties(form, current.layer, current.geojson.properties);
  if (Object.keys(properties).length) { patch.properties = properties; }
  if (current.moved) { patch.geometry = geometryOf(current.feature); }
  return Object.keys(patch).length ? { method: 'PATCH', body: patch, contentType: 'application/merge-patch+json', headers: { 'If-Match': current.etag } } : null;
}

/** Sends what the form holds; done(answer) once written. */
export async function save(current, form, done) {
  clearErrors(form);
  const lacking = missing(form, current.layer);
  if (lacking.length) { showErrors(form, lacking); return; }
  const req = request(current, form);
  if (!req) { byId('edit-message').textContent = t('edit.nothing'); return; }
  const r = await write(current, req, byId('edit-save'));
  if (r && r.ok) { done(r); } else if (r) { refused(current, form, r); }
}

/** Asks before deleting; done(answer) once deleted. */
export function askDelete(current, done) {
  const message = byId('edit-message');
  message.textContent = t('edit.confirmDelete', { name: current.geojson.properties.name || current.id });
  const yes = el('button', { type: 'button', class: 'button small danger', id: 'edit-delete-yes', text: t('edit.delete'), on: { click: async () => {
    const r = await write(current, { method: 'DELETE', headers: { 'If-Match': current.etag } }, yes);
    if (r && r.ok) { done(r); } else if (r) { refused(current, null, r); }
  } } });
  message.append(' ', yes, el('button', { type: 'button', class: 'button small', id: 'edit-delete-no', text: t('edit.keep'),
    on: { click: () => { message.textContent = ''; } } }));
  yes.focus();
}

async function write(current, req, button) {
  button.disabled = true;
  try {
    return await send(path(current), { ...req, headers: { ...(req.headers || {}), ...csrfHeaders() } });
  } catch (e) {
    byId('edit-message').textContent = t('edit.failed', { e: e.message });
    return null;
  } finally {
    button.disabled = false;
  }
}

function refused(current, form, r) {
  const detail = (r.body && r.body.detail) || r.status;
  if (r.status === 422 && form) {
    showErrors(form, (r.body && r.body.errors) || [{ property: r.body && r.body.parameter, detail }]);
  } else if (r.status === 412) {
    conflict(current);
  } else {
    byId('edit-message').textContent = r.status === 401 || r.status === 403 ? t('edit.denied', { e: detail }) : t('edit.failed', { e: detail });
  }
}

/** A value as the form's reader knows it: the catalogue's titles of allowed values, lists joined, none as –. */
function shown(layer, name, v) {
  if (v === null || v === undefined || (Array.isArray(v) && !v.length)) { return '–'; }
  return (Array.isArray(v) ? v : [v]).map((x) => catalog.valueTitle(layer, name, x)).join(', ');
}

/** The properties (and the place) that differ between what the editor started from and what is there now. */
function differences(layer, before, now) {
  const was = before.properties || {};
  const is = now.properties || {};
  const same = (a, b) => JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
  const lines = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((n) => !same(was[n], is[n]))
    .map((n) => catalog.propertyTitle(layer, n) + ': ' + shown(layer, n, was[n]) + ' → ' + shown(layer, n, is[n]));
  if (!same(before.geometry, now.geometry)) { lines.push(t('edit.changedPlace')); }
  return lines;
}

/** Someone else wrote first: what they changed, read now, and Reload. */
async function conflict(current) {
  const message = byId('edit-message');
  message.textContent = t('edit.conflict');
  const reload = el('button', { type: 'button', class: 'button small', id: 'edit-reload', text: t('edit.reload'),
    on: { click: () => document.dispatchEvent(new CustomEvent('ruralatlas:edit-reload')) } });
  let now = null;
  try { now = await send(itemPath(current.layer, current.id)); } catch (e) { now = null; }
  if (now && now.status === 404) {
    message.append(' ', el('span', { id: 'edit-changes', text: t('edit.gone') }));
  } else if (now && now.ok) {
    message.append(el('span', { class: 'edit-changes-head', text: ' ' + t('edit.changes') }),
      el('ul', { id: 'edit-changes', class: 'edit-changes' }, differences(current.layer, current.geojson, now.body).map((line) => el('li', { text: line }))));
  }
  message.append(reload);
}
