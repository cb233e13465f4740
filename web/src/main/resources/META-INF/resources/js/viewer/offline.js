// RuralAtlas viewer: offline use, as people see it. Registers the service worker (sw.js: the app
// shell, and saved answers when the network fails); the offline panel saves an area (a province
// or the view: its cost against the device's free storage first, persistent storage asked, a
// progress bar), lists the saved areas with size and date, updates and deletes them; a status
// line says when the viewer is offline and whether the map shows a saved area. The areas
// themselves are offline-store.js's.
import { ROOT, href, getJson } from '../api.js';
import { el, byId } from '../dom.js';
import { t, number, language } from '../i18n.js';
import { map } from './map.js';
import { notice } from './notice.js';
import { offline, loadAreas, saveArea, updateArea, deleteArea, whenChanged } from './offline-store.js';
import { definePanel, openPanel, openPanelName } from './panel.js';
import { provinces } from './provinces.js';
import { on } from './state.js';

/** What the progress bar stands for: saving tiles (checking them when updating), then features, then the communes' NTM sections. */
function progressText(s) {
  const v = { done: number(s.done, 0), total: number(s.total, 0) };
  return s.phase === 'tiles' ? t('offline.progress.tiles', v) : s.phase === 'check' ? t('offline.progress.check', v)
    : s.phase === 'ntm' ? t('offline.progress.ntm', v) : t('offline.progress.features', v);
}

/** The saved area the map's centre is in, or null. */
function areaInView() {
  const c = ol.proj.toLonLat(map.getView().getCenter());
  return offline.areas.find((a) => a.complete && a.bbox && c[0] >= a.bbox[0] && c[0] <= a.bbox[2] && c[1] >= a.bbox[1] && c[1] <= a.bbox[3]) || null;
}

/** The status line: shown offline, saying which areas are saved and whether the map shows one. */
function refresh(what) {
  const status = byId('offline-status');
  if (status && what !== 'progress') {
    status.hidden = offline.online;
    const here = areaInView();
    status.setAttribute('data-coverage', here ? 'saved' : 'none');
    const saved = offline.areas.filter((a) => a.complete).map((a) => a.name).join(', ');
    status.textContent = t('offline.status') + ' — ' + (here ? t('offline.here', { name: here.name })
      : offline.areas.length ? t('offline.nothere', { names: saved }) : t('offline.none'));
  }
  if (openPanelName() === 'offline' && what !== 'progress') { renderList(); }
  const bar = byId('offline-progress');
  const s = offline.saving;
  if (bar && s && s.phase !== 'plan') {
    bar.max = s.total || 1;
    bar.value = s.done;
    bar.hidden = false;
    byId('offline-progress-text').textContent = progressText(s);
  }
}

function megabytes(bytes) {
  return number(bytes / 1048576, bytes < 10485760 ? 1 : 0) + ' MB';
}

function renderList() {
  const list = byId('offline-areas');
  if (!list) { return; }
  list.textContent = '';
  if (!offline.areas.length) { list.appendChild(el('li', { class: 'note', text: t('offline.empty') })); }
  offline.areas.forEach((a) => {
    const date = new Date(a.updatedAt || a.savedAt).toLocaleString(language() === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'short' });
    const done = a.complete ? t('offline.area', { size: megabytes(a.bytes || 0), date })
      : t('offline.partial');
    const busy = !!offline.saving;
    list.appendChild(el('li', { 'data-area': a.id, 'data-complete': String(!!a.complete) }, [
      el('strong', { text: a.name }), el('span', { class: 'note', text: ' · ' + done }),
      el('p', { class: 'row' }, [
        el('button', { type: 'button', class: 'button small update', disabled: busy || !offline.online,
          text: a.complete ? t('offline.update') : t('offline.resume'),
          on: { click: () => (a.complete ? updateArea(a.id) : saveArea(a.query, a.name)).catch(() => {}) } }),
        el('button', { type: 'button', class: 'button small delete', disabled: busy,
          text: t('offline.delete'), on: { click: () => deleteArea(a.id) } })])]));
  });
}

let chosen = null; // { query, name } chosen in the panel

/** Opens the offline panel with a province chosen (from Explore). */
export function offerProvince(name) {
  chosen = { query: 'province=' + encodeURIComponent(name), name };
  openPanel('offline');
}

definePanel('offline', () => t('panel.offline'), (body) => {
  body.appendChild(el('p', { class: 'note', text: offline.online ? t('offline.intro') : t('offline.status') }));
  const choice = el('select', { id: 'offline-province', 'aria-label': t('offline.choose'), on: { change: () => {
    const v = choice.value;
    chosen = !v ? null : v === 'view' ? viewQuery() : { query: 'province=' + encodeURIComponent(v), name: v };
    estimate.textContent = '';
    save.disabled = true;
  } } }, [el('option', { value: '', text: t('offline.choose') + '…' }), el('option', { value: 'view', text: t('downloads.offline.view') })]);
  provinces().then((ps) => ps.forEach((p) => choice.appendChild(el('option', { value: p.name, selected: chosen && chosen.name === p.name, text: p.name }))))
    .catch(() => {});
  const ask = el('button', { type: 'button', id: 'offline-estimate', class: 'button', text: t('offline.estimate'), disabled: !offline.online,
    on: { click: () => estimateChosen() } });
  const estimate = el('p', { id: 'offline-estimate-text', role: 'status' });
  const save = el('button', { type: 'button', id: 'offline-save', class: 'button primary', text: t('offline.save'), disabled: true,
    on: { click: () => {
      save.disabled = true;
      const c = chosen;
      (navigator.storage && navigator.storage.persist ? navigator.storage.persist() : Promise.resolve(false))
        .then((persisted) => { byId('offline-persisted').textContent = persisted ? t('offline.persisted') : t('offline.notpersisted'); })
        .then(() => saveArea(c.query, c.name)).catch(() => {});
    } } });
  body.appendChild(el('p', { class: 'row' }, [choice, ask]));
  body.appendChild(estimate);
  body.appendChild(save);
  body.appendChild(el('p', { id: 'offline-persisted', class: 'note' }));
  body.appendChild(el('progress', { id: 'offline-progress', max: 1, value: 0, hidden: !offline.saving }));
  body.appendChild(el('p', { id: 'offline-progress-text', class: 'note', 'aria-live': 'polite' }));
  body.appendChild(el('h3', { text: t('offline.saved.title') }));
  body.appendChild(el('ul', { id: 'offline-areas', class: 'offline-areas' }));
  renderList();

  async function estimateChosen() {
    if (!chosen) { return; }
    estimate.textContent = t('detail.loading');
    try {
      const plan = await getJson('tiles/offline/plan?' + chosen.query + '&zooms=6-14');
      const room = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : null;
      const free = room ? room.quota - room.usage : null;
      estimate.textContent = t('offline.needs', { tiles: number(plan.tileCount, 0), size: megabytes(plan.bytes) })
        + (free === null ? '' : ' ' + t('offline.free', { size: megabytes(free) }));
      estimate.setAttribute('data-bytes', plan.bytes);
      save.disabled = free !== null && free < plan.bytes;
      if (save.disabled) { estimate.textContent += ' ' + t('offline.nospace'); }
    } catch (e) {
      estimate.textContent = t('offline.failed', { e: e.detail || e.message });
    }
  }
  if (chosen) { estimateChosen(); }
});

function viewQuery() {
  const box = ol.proj.transformExtent(map.getView().calculateExtent(map.getSize()), 'EPSG:3857', 'EPSG:4326').map((v) => v.toFixed(4));
  return { query: 'bbox=' + box.join(','), name: t('downloads.offline.view') + ' ' + box.slice(0, 2).join(', ') };
}

function setOnline(online) {
  offline.online = online;
  refresh();
  // the connection is back: a stopped saving continues, once
  if (online && offline.paused && !offline.saving) {
    const a = offline.areas.find((r) => r.id === offline.paused);
    if (a) { saveArea(a.query, a.name).catch(() => {}); }
  }
}
window.addEventListener('online', () => setOnline(true));
window.addEventListener('offline', () => setOnline(false));
map.on('moveend', refresh);
whenChanged(refresh);
on('language', () => {
  const link = document.querySelector('link[rel=manifest]');
  if (link) { link.setAttribute('href', language() === 'en' ? 'manifest.en.webmanifest' : 'manifest.webmanifest'); }
  refresh();
});

if ('serviceWorker' in navigator) {
  const hadOne = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.register(href('sw.js'), { scope: ROOT }).catch((e) => console.warn('RuralAtlas service worker', e));
  navigator.serviceWorker.addEventListener('message', (e) => { if (e.data && e.data.version) { offline.version = e.data.version; } });
  navigator.serviceWorker.ready.then((r) => r.active && r.active.postMessage('version'));
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadOne) { notice(t('offline.newversion'), 15000); }
    navigator.serviceWorker.controller.postMessage('version');
  });
}
loadAreas().catch((e) => console.warn('RuralAtlas saved areas', e));
