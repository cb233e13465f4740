// RuralAtlas planner: the search box, an ARIA combobox over /search (provinces and communes, as in
// the viewer): choosing a result (click, or arrows and Enter) chooses the province (outlined, its
// row marked, the map on it) or opens the commune's panel and brings the map to it.
import { getJson } from '../api.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { showCommuneFeature } from './commune.js';
import { showProvince } from './map.js';

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
  if (i >= 0 && list.children[i]) { input.setAttribute('aria-activedescendant', list.children[i].id); }
}

function choose(i) {
  const r = results[i];
  if (!r) { return; }
  close();
  input.value = r.name;
  if (r.layer === 'provinces') {
    showProvince(r.id.split('@')[0], r.bbox); // a feature id is code@valid_from
  } else {
    showCommuneFeature(r.id);
  }
}

function show(q, answer) {
  results = answer.results;
  list.replaceChildren(...(results.length ? results.map((r, i) => el('li', { id: 'search-option-' + i, role: 'option', 'aria-selected': 'false',
    'data-layer': r.layer, 'data-id': r.id, on: { mousedown: (e) => e.preventDefault(), click: () => choose(i) } }, [
    el('span', { class: 'name', text: r.name }), r.label ? el('span', { class: 'where', text: ' · ' + r.label }) : null]))
    : [el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', text: t('search.none', { q }) })]));
  list.dataset.query = q;
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  highlight(results.length ? 0 : -1);
}

/** Asks for the text in the box; with pick, chooses the first result once it is in (Enter typed before the list). */
function run(pick) {
  const q = input.value.trim();
  if (q.replace(/[\s\p{P}]/gu, '').length < 2) {
    close();
    return;
  }
  const mine = ++asked;
  getJson('search?layers=provinces,communes&limit=8&q=' + encodeURIComponent(q)).then((answer) => {
    if (mine !== asked) { return; }
    show(q, answer);
    if (pick && results.length) { choose(0); }
  }, () => {
    if (mine === asked) { show(q, { results: [] }); list.firstChild.textContent = t('search.failed'); }
  });
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(false), 120);
});
input.addEventListener('blur', () => setTimeout(close, 150));
input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    highlight(Math.max(0, Math.min(active + (e.key === 'ArrowDown' ? 1 : -1), results.length - 1)));
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (!list.hidden && results.length && list.dataset.query === input.value.trim()) {
      choose(active >= 0 ? active : 0);
    } else {
      clearTimeout(timer);
      run(true);
    }
  } else if (e.key === 'Escape') {
    close();
  }
});
