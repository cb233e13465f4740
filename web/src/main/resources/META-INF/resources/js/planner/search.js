// RuralAtlas planner: the search box (js/combobox.js) over /search, provinces and communes as in
// the viewer: choosing a result chooses the province (outlined, its row marked, the map on it) or
// opens the commune's panel and brings the map to it.
import { getJson } from '../api.js';
import { combobox } from '../combobox.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { showCommuneFeature } from './commune.js';
import { showProvince } from './map.js';

combobox({
  input: byId('search-input'),
  list: byId('search-results'),
  ask: (q) => getJson('search?layers=provinces,communes&limit=8&q=' + encodeURIComponent(q)).then((answer) => answer.results),
  option: (r) => [el('span', { class: 'name', text: r.name }), r.label ? el('span', { class: 'where', text: ' · ' + r.label }) : null],
  choose: (r) => {
    if (r.layer === 'provinces') {
      showProvince(r.id.split('@')[0], r.bbox); // a feature id is code@valid_from
    } else {
      showCommuneFeature(r.id);
    }
  },
  failed: (q, show) => show(t('search.failed')),
});
