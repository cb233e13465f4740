// RuralAtlas viewer: the search box (js/combobox.js) with autocomplete from /search; choosing a
// result opens its panel and zooms to it. With no network it searches the areas saved for offline
// use, by the same rules (offline.js, text.js).
import { getJson } from '../api.js';
import { combobox } from '../combobox.js';
import { el, swatch, byId } from '../dom.js';
import { t } from '../i18n.js';
import { LAYER } from '../palette.js';
import { showFeature } from './feature-panel.js';
import { zoomTo } from './map.js';
import { notice } from './notice.js';
import { offline, searchSaved } from './offline-store.js';
import { catalog } from './state.js';

const input = byId('search-input');

/** The server's results; the saved areas' with no network (offline, or the request unanswered). */
function ask(q) {
  if (!offline.online) {
    return Promise.resolve(searchSaved(q, 8));
  }
  return getJson('search?limit=8&q=' + encodeURIComponent(q)).then((answer) => answer.results, (e) => {
    if (e.status === 0 && offline.areas.length) { return searchSaved(q, 8); }
    throw e;
  });
}

combobox({
  input,
  list: byId('search-results'),
  ask,
  option: (r) => [swatch(LAYER[r.layer], true), el('span', { class: 'name', text: r.name }),
    el('span', { class: 'where', text: [r.label, catalog.layerTitle(r.layer)].filter(Boolean).join(' · ') })],
  choose: (r) => {
    input.blur();
    showFeature(r.layer, r.id, { zoom: false }); // opens the panel first, so the zoom fits the part left visible
    zoomTo(r.bbox, r.point, r.layer === 'provinces' ? 9 : 15);
  },
  failed: () => notice(t('search.failed')),
});
