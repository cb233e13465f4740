// RuralAtlas viewer: the one panel (layers, explore, downloads, about, or a feature's details): a
// bottom sheet on phones, a side panel on wide screens. Each kind registers how to draw itself;
// the open one is drawn again when the language changes or the catalogue arrives.
import { byId } from '../dom.js';
import { map, select } from './map.js';
import { state, catalogReady, on } from './state.js';

const kinds = {}; // name → { title: () => string, render: (body) => void }
let open = null;
let opener = null;

/** Registers a kind of panel: title() its heading (null: set by whoever opens it), render(body) its content. */
export function definePanel(name, title, render) {
  kinds[name] = { title, render };
}

/** The kind of panel open, or null. */
export function openPanelName() {
  return open;
}

/** Opens a kind of panel (with this title, or its own); returns its emptied body. */
export function openPanel(name, title, focus) {
  const panel = byId('panel');
  if (panel.hidden && document.activeElement && document.activeElement !== document.body) { opener = document.activeElement; }
  open = name;
  const kind = kinds[name];
  byId('panel-title').textContent = title || (kind.title ? kind.title() : '');
  const body = byId('panel-body');
  body.textContent = '';
  body.setAttribute('data-mode', name);
  panel.hidden = false;
  document.body.classList.add('panel-open');
  document.querySelectorAll('[data-panel]').forEach((b) => b.setAttribute('aria-expanded', String(b.getAttribute('data-panel') === name)));
  kind.render(body);
  if (focus !== false) { byId('panel-title').focus({ preventScroll: true }); }
  padView();
  return body;
}

export function closePanel() {
  byId('panel').hidden = true;
  document.body.classList.remove('panel-open');
  open = null;
  document.querySelectorAll('[data-panel]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
  if (state.selected) { select(null); }
  padView();
  // back to where the keyboard was before the panel opened
  if (opener && document.body.contains(opener)) { opener.focus({ preventScroll: true }); }
  opener = null;
}

/** Draws the open panel again (language switched, catalogue arrived). */
function redraw() {
  if (!open) { return; }
  const kind = kinds[open];
  if (kind.title) { byId('panel-title').textContent = kind.title(); }
  const body = byId('panel-body');
  body.textContent = '';
  kind.render(body);
}

/** Keeps what the map centres on (a search result, a permalink) clear of the panel that covers it. */
function padView() {
  const panel = byId('panel');
  const view = map.getView();
  const before = view.getCenter();
  const padding = [0, 0, 0, 0];
  if (!panel.hidden) {
    if (window.innerWidth >= 760) { padding[1] = panel.offsetWidth; } else { padding[2] = panel.offsetHeight; }
  }
  const old = view.padding || [0, 0, 0, 0];
  if (padding.join() !== old.join()) {
    view.padding = padding;
    view.setCenter(before); // the same centre in the part of the map that stays visible
  }
  map.updateSize();
}

// the panel grows as its content arrives (a feature's details after "loading…"): what the map
// centred on stays in the part left visible
new ResizeObserver(() => { if (!byId('panel').hidden) { padView(); } }).observe(byId('panel'));

byId('panel-close').addEventListener('click', closePanel);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !byId('panel').hidden && document.activeElement.id !== 'search-input') { closePanel(); }
});
// the "more" menu of narrow screens: opens under its button, closes on a choice, Escape or a click elsewhere
const more = byId('more-button');
const menu = byId('more-menu');
function showMenu(open) {
  menu.classList.toggle('open', open);
  more.setAttribute('aria-expanded', String(open));
}
more.addEventListener('click', (e) => {
  e.stopPropagation();
  showMenu(!menu.classList.contains('open'));
  if (menu.classList.contains('open')) { menu.querySelector('button').focus(); }
});
menu.addEventListener('click', () => showMenu(false));
document.addEventListener('click', (e) => { if (!menu.contains(e.target)) { showMenu(false); } });
menu.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { showMenu(false); more.focus(); e.stopPropagation(); }
});

document.querySelectorAll('[data-panel]').forEach((b) => {
  b.addEventListener('click', () => {
    const name = b.getAttribute('data-panel');
    if (open === name) { closePanel(); } else { openPanel(name); }
  });
});
on('language', redraw);
catalogReady.then(redraw);
