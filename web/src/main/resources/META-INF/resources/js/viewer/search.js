// RuralAtlas viewer: the search box, an ARIA combobox with autocomplete from /search; choosing a
// result (click, or arrows and Enter) opens its panel and zooms to it. With no network it searches
// the areas saved for offline use, by the same rules (offline.js, text.js).
import { getJson } from '../api.js';
import { el, swatch, byId } from '../dom.js';
import { t } from '../i18n.js';
import { LAYER } from '../palette.js';
import { showFeature } from './feature-panel.js';
import { zoomTo } from './map.js';
import { notice } from './notice.js';
import { offline, searchSaved } from './offline-store.js';
import { catalog } from './state.js';

const input = byId('search-input');
const list = byId('search-results');
let results = [];
let active = -1;
let timer = null;
let asked = 0; // the latest query: earlier answers arriving late are dropped

function close() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  active = -1;
}

function highlight(i) {
  active = i;
  Array.from(list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
  if (i >= 0 && list.children[i]) {
    input.setAttribute('aria-activedescendant', list.children[i].id);
    list.children[i].scrollIntoView({ block: 'nearest' });
  }
}

function choose(i) {
  const r = results[i];
  if (!r) { return; }
  close();
  input.value = r.name;
  input.blur();
  showFeature(r.layer, r.id, { zoom: false }); // opens the panel first, so the zoom fits the part left visible
  zoomTo(r.bbox, r.point, r.layer === 'provinces' ? 9 : 15);
}

function show(q, answer) {
  results = answer.results;
  list.textContent = '';
  list.setAttribute('data-query', q);
  if (!results.length) {
    list.appendChild(el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', text: t('search.none', { q }) }));
  }
  results.forEach((r, i) => list.appendChild(el('li', { id: 'search-option-' + i, role: 'option', 'aria-selected': 'false',
    'data-layer': r.layer, 'data-id': r.id, on: { mousedown: (e) => e.preventDefault(), click: () => choose(i) } }, [
    swatch(LAYER[r.layer], true), el('span', { class: 'name', text: r.name }),
    el('span', { class: 'where', text: [r.label, catalog.layerTitle(r.layer)].filter(Boolean).join(' · ') })])));
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  highlight(results.length ? 0 : -1);
}

function run() {
  const q = input.value.trim();
  if (q.replace(/[\s\p{P}]/gu, '').length < 2) {
    close();
    return;
  }
  const mine = ++asked;
  if (!offline.online) { // no network: the saved areas, without asking
    show(q, { results: searchSaved(q, 8) });
    return;
  }
  getJson('search?limit=8&q=' + encodeURIComponent(q)).then((answer) => {
    if (mine === asked) { show(q, answer); }
  }, (e) => {
    if (mine !== asked) { return; }
    if (e.status === 0 && offline.areas.length) { show(q, { results: searchSaved(q, 8) }); } else { notice(t('search.failed')); }
  });
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
});
input.addEventListener('focus', () => {
  if (results.length && input.value.trim()) {
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
});
input.addEventListener('blur', () => setTimeout(close, 150));
input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    highlight(Math.min(active + 1, results.length - 1));
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    highlight(Math.max(active - 1, 0));
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (!list.hidden && results.length) {
      choose(active >= 0 ? active : 0);
    } else {
      clearTimeout(timer);
      run();
    }
  } else if (e.key === 'Escape') {
    close();
  }
});
