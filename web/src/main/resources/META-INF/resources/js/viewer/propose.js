// RuralAtlas viewer: proposals from the public, in the feature panel of a tourism site or a farm.
// "Propose a correction" opens a form made from the layer's schema (edit-form.js) filled with the
// feature, and sends only what changed; "Suggest a new place" (tourism) opens an empty one for a
// site at the centre of the map. Sending asks the server for a challenge, solves its proof of work
// (proof.js) and posts the proposal, which waits for a reviewer of the province; a refused value
// is shown beside its field. No account is needed, and none is used: the server treats it as anonymous.
import { send } from '../api.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { solve } from '../proof.js';
import { fields, changedProperties, clearErrors, showErrors } from './edit-form.js';
import { addPanelSection } from './feature-panel.js';
import { map } from './map.js';

const LAYERS = ['tourism', 'farms'];

/** The centre of the map, in longitude and latitude. */
function centre() {
  const [lon, lat] = ol.proj.toLonLat(map.getView().getCenter());
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** The proposal the form describes: a correction (what changed) or a new feature, with the comment. */
function proposal(form, layer, feature, isNew) {
  const base = isNew ? {} : feature.properties || {};
  const body = { type: 'Feature', properties: changedProperties(form, layer, base) };
  if (isNew) {
    body.geometry = { type: 'Point', coordinates: centre() };
  } else {
    body.id = feature.id;
  }
  const comment = form.elements.comment.value.trim();
  if (comment) { body.comment = comment; }
  return body;
}

async function submit(form, layer, feature, isNew) {
  clearErrors(form);
  const status = byId('edit-message');
  const body = proposal(form, layer, feature, isNew);
  if (!isNew && !Object.keys(body.properties).length) {
    status.textContent = t('edit.nothing');
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  status.textContent = t('propose.working');
  const path = 'collections/' + encodeURIComponent(layer) + '/proposals';
  try {
    const c = await send(path + '/challenge');
    if (!c.ok) { throw new Error((c.body && c.body.detail) || 'HTTP ' + c.status); }
    body.challenge = c.body.challenge;
    body.nonce = await solve(c.body.challenge, c.body.difficulty);
    const r = await send(path, { method: 'POST', body, contentType: 'application/geo+json' });
    if (r.status === 202) {
      form.replaceWith(el('p', { class: 'note', role: 'status', 'data-proposal': r.body.id, text: t('propose.sent') }));
      return;
    }
    if (r.status === 422 && r.body && Array.isArray(r.body.errors)) {
      showErrors(form, r.body.errors);
    } else {
      status.textContent = t('propose.failed', { e: (r.body && r.body.detail) || 'HTTP ' + r.status });
    }
  } catch (e) {
    status.textContent = t('propose.failed', { e: e.message });
  } finally {
    button.disabled = false;
  }
}

/** The form of a correction of feature, or of a new place of its layer (in its province) when isNew. */
function proposalForm(layer, feature, isNew) {
  const p = feature.properties || {};
  const initial = isNew ? { province_code: p.province_code } : p;
  const form = el('form', { class: 'edit-form propose-form', novalidate: true }, [
    isNew ? el('p', { class: 'note', text: t('propose.where') }) : null,
    fields(layer, initial),
    el('div', { class: 'field' }, [el('label', { for: 'propose-comment', text: t('propose.comment') }),
      el('textarea', { id: 'propose-comment', name: 'comment', maxlength: '2000', rows: '3' })]),
    el('p', { id: 'edit-message', class: 'note', role: 'status' }),
    el('button', { type: 'submit', class: 'button primary', text: t('propose.send') })]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(form, layer, feature, isNew);
  });
  return form;
}

LAYERS.forEach((layer) => addPanelSection(layer, (feature, section) => {
  const s = section(t('propose.title'));
  const open = (isNew) => () => {
    const form = proposalForm(layer, feature, isNew);
    s.replaceChildren(s.firstChild, form);
    const first = form.querySelector('input, select, textarea');
    if (first) { first.focus(); }
  };
  s.appendChild(el('p', {}, [
    el('button', { type: 'button', class: 'button small', id: 'propose-correction', text: t('propose.correct'), on: { click: open(false) } }),
    layer === 'tourism' ? el('button', { type: 'button', class: 'button small', id: 'propose-new', text: t('propose.new'), on: { click: open(true) } }) : null]));
}));
