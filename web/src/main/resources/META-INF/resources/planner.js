// RuralAtlas planner (/planner.html): the communes map (js/planner/map.js), a commune's panel
// (commune.js) and the provinces compared (provinces.js), in Vietnamese or, with ?lang=en, English.
import { getJson } from './js/api.js';
import { byId } from './js/dom.js';
import { t, setLanguage, language } from './js/i18n.js';
import { showCommune } from './js/planner/commune.js';
import { map, colour } from './js/planner/map.js';
import { showProvinces } from './js/planner/provinces.js';

const params = new URLSearchParams(location.search);
setLanguage(params.get('lang'));
document.title = t('planner.title');
const other = language() === 'vi' ? 'en' : 'vi';
params.set('lang', other);
const switcher = byId('lang-link');
switcher.href = '?' + params;
switcher.textContent = other.toUpperCase();
switcher.lang = other;

// the criteria and indicators of the current set, to colour by one of them
getJson('ntm/criteria-sets/commune_2021_2025').then((set) => {
  const mode = byId('mode');
  const name = (c) => (language() === 'en' ? c.name_en : c.name_vi);
  set.criteria.forEach((c) => {
    mode.appendChild(new Option(t('planner.criterion', { n: c.number, name: name(c) }), c.number));
    c.indicators.forEach((i) => mode.appendChild(new Option('  ' + t('planner.indicator', { n: i.number, name: name(i) })
      + (i.is_digital ? ' ' + t('planner.digital') : ''), i.number)));
  });
});
colour().then(() => document.body.setAttribute('data-ready', 'true'));
showProvinces();
const commune = new URLSearchParams(location.search).get('commune');
if (commune) { showCommune(commune); }

// the one global, for the browser tests
window.RuralAtlas = Object.freeze({ testing: Object.freeze({ map }) });
