// RuralAtlas planner (/planner.html): the communes map (js/planner/map.js), a commune's panel
// (commune.js), the provinces compared (provinces.js) or the figures they reported (reported.js),
// for a chosen date (state.js), with search (search.js), in one language at a time: the viewer's
// switch (a first visit follows the browser, a choice is remembered; ?lang= wins).
import { byId } from './js/dom.js';
import { t, setLanguage, language } from './js/i18n.js';
import { preferredLanguage, rememberLanguage } from './js/language-choice.js';
import { showCommune } from './js/planner/commune.js';
import { map, colour, showNames } from './js/planner/map.js';
import { showProvinces } from './js/planner/provinces.js';
import './js/planner/search.js';
import { state, change, onChange, criteriaSet, nameOf } from './js/planner/state.js';

const params = new URLSearchParams(location.search);
const button = byId('lang-button');
const mode = byId('mode');

/** The choices of colouring: the level, then each criterion and indicator of the current set, by name. */
async function modes() {
  const { set } = await criteriaSet('commune_2021_2025');
  const chosen = mode.value;
  mode.replaceChildren(new Option(t('theme.level'), 'level'));
  set.criteria.forEach((c) => {
    mode.appendChild(new Option(t('planner.criterion', { n: c.number, name: nameOf(c) }), c.number));
    c.indicators.forEach((i) => mode.appendChild(new Option('  ' + t('planner.indicator', { n: i.number, name: nameOf(i) })
      + (i.is_digital ? ' ' + t('planner.digital') : ''), i.number)));
  });
  mode.value = chosen || 'level';
}

/** Shows the whole page in lang (vi or en; anything else is vi). */
function switchLanguage(lang) {
  const now = setLanguage(lang);
  const other = now === 'vi' ? 'en' : 'vi';
  button.textContent = other.toUpperCase();
  button.setAttribute('lang', other);
  // the accessible name starts with the visible text (WCAG 2.5.3), then says it in full
  button.setAttribute('aria-label', other.toUpperCase() + ' – ' + t('lang.switch'));
  document.title = t('planner.title');
  modes();
  change({ lang: now });
}

switchLanguage(params.get('lang') || preferredLanguage());
button.addEventListener('click', () => {
  switchLanguage(language() === 'vi' ? 'en' : 'vi');
  rememberLanguage(language());
});

// the date of the figures, and computed or reported figures
const asOf = byId('as-of');
asOf.addEventListener('change', () => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf.value)) { change({ asOf: asOf.value }); }
});
byId('as-of-today').addEventListener('click', () => change({ asOf: null }));
byId('as-of-pre2025').addEventListener('click', () => change({ asOf: '2024-01-01' }));
document.querySelectorAll('input[name="source"]').forEach((r) => r.addEventListener('change', () => {
  if (r.checked) { change({ source: r.value }); }
}));
if (/^\d{4}-\d{2}-\d{2}$/.test(params.get('as_of') || '')) { state.asOf = params.get('as_of'); }
if (params.get('source') === 'reported') {
  state.source = 'reported';
  document.querySelector('input[name="source"][value="reported"]').checked = true;
}

// the address says what is shown (date, source; the language if it named one), so it can be shared or reloaded
onChange(() => {
  const p = new URLSearchParams(location.search);
  if (state.asOf) { p.set('as_of', state.asOf); } else { p.delete('as_of'); }
  if (state.source === 'reported') { p.set('source', 'reported'); } else { p.delete('source'); }
  if (p.has('lang')) { p.set('lang', state.lang); }
  history.replaceState(null, '', p.toString() ? '?' + p : location.pathname);
});

colour().then(() => {
  document.body.setAttribute('data-ready', 'true');
  showNames(); // the provinces' names and extents, asked once the map is drawn (a row or a search result then goes there at once)
});
showProvinces();
const commune = params.get('commune');
if (commune) { showCommune(commune); }

// the one global, for the browser tests
window.RuralAtlas = Object.freeze({ testing: Object.freeze({ map, state }) });
