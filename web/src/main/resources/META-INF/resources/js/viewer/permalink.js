// RuralAtlas viewer: the address is a permalink to the view, kept up to date as the view changes
// (#map=zoom/lat/lon&layers=…&lang=…&theme=…&base=…&sel=layer/id), restored when opened or edited,
// and copied by the Share button.
import { byId } from '../dom.js';
import { t, language } from '../i18n.js';
import { showFeature } from './feature-panel.js';
import { preferredLanguage } from '../language-choice.js';
import { switchLanguage } from './language.js';
import { map, layers, setTheme, chooseBasemap } from './map.js';
import { notice } from './notice.js';
import { state, LAYER_ORDER, on } from './state.js';

const opened = location.hash; // read before anything may rewrite it
let restoring = true; // nothing is written to the address until the permalink has been read

/** The permalink of the view as it is now. */
export function hashOf() {
  const view = map.getView();
  const c = ol.proj.toLonLat(view.getCenter());
  const parts = ['map=' + view.getZoom().toFixed(2) + '/' + c[1].toFixed(5) + '/' + c[0].toFixed(5),
    'layers=' + LAYER_ORDER.filter((id) => state.visible[id]).join(','), 'lang=' + language()];
  if (state.theme !== 'level') { parts.push('theme=' + state.theme); }
  if (state.base !== 'osm' && !state.baseFailed) { parts.push('base=' + state.base); }
  if (state.selected) { parts.push('sel=' + encodeURIComponent(state.selected.layer) + '/' + encodeURIComponent(state.selected.id)); }
  return '#' + parts.join('&');
}

function save() {
  if (restoring) { return; }
  const h = hashOf();
  if (location.hash !== h) { history.replaceState(null, '', h); }
}

function parse(hash) {
  const out = {};
  hash.replace(/^#/, '').split('&').forEach((kv) => {
    const i = kv.indexOf('=');
    if (i > 0) { out[kv.slice(0, i)] = kv.slice(i + 1); }
  });
  return out;
}

function restore(hash) {
  const h = parse(hash);
  restoring = true;
  try {
    if (h.lang) { switchLanguage(decodeURIComponent(h.lang)); }
    const m = h.map ? h.map.split('/').map(Number) : [];
    if (m.length === 3 && m.every(Number.isFinite)) {
      map.getView().setZoom(m[0]);
      map.getView().setCenter(ol.proj.fromLonLat([m[2], m[1]]));
    }
    if (h.layers !== undefined) {
      const on = decodeURIComponent(h.layers).split(',');
      LAYER_ORDER.forEach((id) => {
        state.visible[id] = on.includes(id);
        layers[id].setVisible(state.visible[id]);
      });
    }
    setTheme(h.theme || 'level');
    chooseBasemap(h.base);
    const sel = h.sel ? h.sel.split('/').map(decodeURIComponent) : [];
    if (sel.length === 2 && layers[sel[0]]) { showFeature(sel[0], sel[1], { zoom: !h.map }); }
  } finally {
    restoring = false;
  }
}

/** Shows the viewer in the language remembered or the browser's, then as the permalink it was opened with says. */
export function startFromPermalink() {
  switchLanguage(preferredLanguage());
  restoring = false;
  if (opened) { restore(opened); }
}

map.on('moveend', save);
on('change', save);
on('language', save);
window.addEventListener('hashchange', () => {
  if (location.hash !== hashOf()) { restore(location.hash); }
});

// Share: the system's share sheet on phones, else the clipboard, else a box to copy from
byId('share-button').addEventListener('click', () => {
  save();
  const url = location.href;
  if (navigator.share && matchMedia('(pointer: coarse)').matches) {
    navigator.share({ title: document.title, url }).catch(() => {});
  } else if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(url).then(() => notice(t('share.copied')), () => window.prompt(t('share.manual'), url));
  } else {
    window.prompt(t('share.manual'), url);
  }
});
