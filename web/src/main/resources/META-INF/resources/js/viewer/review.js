// RuralAtlas viewer: the review of proposals from the public, for a reviewer or an administrator
// signed in (opened from the Account panel). It lists the queue of the provinces the account
// reviews (GET /proposals: pending, oldest first), each proposal with what it changes in the
// catalogue's words (the value now → the value proposed), the visitor's comment and a button that
// shows it on the map; Accept makes it an edit, audited as the reviewer's, and Reject needs a
// reason, which the visitor can read. A 409 says why: someone else decided first, or the feature
// has changed since it was proposed (then it is rejected, or the change made by hand in Edit mode).
import { itemPath, send } from '../api.js';
import { el } from '../dom.js';
import { date, t } from '../i18n.js';
import { csrfHeaders, onSession, reviews } from './account.js';
import { refreshMap } from './edit.js';
import { zoomTo } from './map.js';
import { notice } from './notice.js';
import { closePanel, definePanel, openPanelName } from './panel.js';
import { catalog } from './state.js';

const PAGE = 50;

/** The box [west, south, east, north] of a GeoJSON geometry. */
function box(geometry) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] !== 'number') { c.forEach(walk); return; }
    b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
  };
  walk(geometry.coordinates);
  return b;
}

function show(geometry) {
  const b = box(geometry);
  zoomTo(b, [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], 17);
}

function value(layer, name, v) {
  if (v === null || v === undefined || v === '') { return '–'; }
  return Array.isArray(v) ? v.map((x) => catalog.valueTitle(layer, name, x)).join(', ') : catalog.valueTitle(layer, name, v);
}

/** What the proposal changes, property by property: the value now (for a correction) → the value proposed. */
function changes(p, now) {
  const layer = p.collection;
  const rows = Object.entries(p.proposed.properties || {}).map(([name, v]) => [
    el('dt', { text: catalog.propertyTitle(layer, name) }),
    el('dd', { 'data-property': name, text: (now ? value(layer, name, now.properties[name]) + ' → ' : '') + value(layer, name, v) })]);
  if (now && p.proposed.geometry) { rows.push([el('dt', { text: t('review.place') }), el('dd', { text: t('review.moved') })]); }
  return el('dl', { class: 'review-changes' }, rows);
}

/** Why a decision was refused, in words for the reviewer (decided: the proposal is no longer pending). */
function refusal(r, decided) {
  if (r.status === 409) { return decided ? t('review.decided') : t('review.changed'); }
  if (r.status === 422 && r.body && Array.isArray(r.body.errors)) {
    return t('review.invalid', { e: r.body.errors.map((e) => e.property + ': ' + e.detail).join('; ') });
  }
  return t('review.failed', { e: (r.body && r.body.detail) || 'HTTP ' + r.status });
}

async function decide(p, entry, accept) {
  const message = entry.querySelector('.review-message');
  const reason = entry.querySelector('textarea').value.trim();
  message.textContent = '';
  if (!accept && !reason) { message.textContent = t('review.reasonMissing'); return; }
  const buttons = entry.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const r = await send('proposals/' + encodeURIComponent(p.id) + (accept ? '/accept' : '/reject'),
      { method: 'POST', body: accept ? undefined : { reason }, headers: csrfHeaders() });
    if (r.ok) {
      if (accept && r.body.feature) { refreshMap(p.collection, String(r.body.feature.id), r.body.feature.geometry); }
      const name = entry.getAttribute('data-name');
      const words = accept ? t('review.accepted', { name }) : t('review.rejected', { name });
      notice(words);
      entry.replaceWith(el('p', { class: 'note', role: 'status', 'data-decided': p.id, 'data-status': r.body.status, text: words }));
      return;
    }
    // a 409: decided by someone else, or (still pending) a correction of a feature that has changed since
    const decided = r.status === 409 && (await send('proposals/' + encodeURIComponent(p.id))).body.status !== 'pending';
    message.textContent = refusal(r, decided);
  } catch (e) {
    message.textContent = t('review.failed', { e: e.message });
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** One proposal, with the feature as it is now (null for a new place). */
function entry(p, now) {
  const name = (p.proposed.properties && p.proposed.properties.name) || (now && now.properties.name) || p.featureId;
  const reasonId = 'review-reason-' + p.id;
  const where = p.proposed.geometry || (now && now.geometry);
  const article = el('article', { class: 'review', 'data-review': p.id, 'data-name': name }, [
    el('h3', { text: p.kind === 'new' ? t('review.new', { layer: catalog.layerTitle(p.collection), name })
      : t('review.correction', { name: (now && now.properties.name) || p.featureId }) }),
    el('p', { class: 'note', text: t('review.when', { date: date((p.created || '').slice(0, 10)), provinces: (p.provinces || []).join(', ') }) }),
    changes(p, now),
    p.comment ? el('blockquote', { class: 'review-comment', text: p.comment }) : null,
    el('label', { for: reasonId, text: t('review.reason') }),
    el('textarea', { id: reasonId, maxlength: '2000', rows: '2' }),
    el('p', { class: 'form-error review-message', role: 'alert' })]);
  article.appendChild(el('p', { class: 'links-row' }, [
    where ? el('button', { type: 'button', class: 'button', 'data-action': 'show', text: t('review.show'),
      on: { click: () => { show(where); if (matchMedia('(max-width: 700px)').matches) { closePanel(); } } } }) : null,
    el('button', { type: 'button', class: 'button primary', 'data-action': 'accept', text: t('review.accept'), on: { click: () => decide(p, article, true) } }),
    el('button', { type: 'button', class: 'button danger', 'data-action': 'reject', text: t('review.reject'), on: { click: () => decide(p, article, false) } })]));
  return article;
}

/** The feature a correction names, as it is now (null when it cannot be read). */
async function current(p) {
  if (p.kind === 'new') { return null; }
  const r = await send(itemPath(p.collection, p.featureId)).catch(() => null);
  return r && r.ok ? r.body : null;
}

async function render(body) {
  const list = el('div', { id: 'review-list', 'aria-busy': 'true' });
  body.append(el('p', { class: 'note', text: t('review.intro') }), list);
  let r;
  try {
    r = await send('proposals?status=pending&limit=' + PAGE);
  } catch (e) {
    r = { ok: false, body: { detail: e.message } };
  }
  list.removeAttribute('aria-busy');
  if (!r.ok) { list.appendChild(el('p', { class: 'form-error', role: 'alert', text: refusal(r) })); return; }
  const proposals = r.body.proposals;
  if (!proposals.length) { list.appendChild(el('p', { class: 'note', id: 'review-empty', text: t('review.empty') })); return; }
  const features = await Promise.all(proposals.map(current));
  proposals.forEach((p, i) => list.appendChild(entry(p, features[i])));
  if (r.body.links.some((l) => l.rel === 'next')) { list.appendChild(el('p', { class: 'note', text: t('review.more', { n: PAGE }) })); }
}

definePanel('review', () => t('review.title'), render);

// signed out (or another account): the queue is no longer this person's to see
onSession((s) => { if (!reviews(s) && openPanelName() === 'review') { closePanel(); } });
