// RuralAtlas viewer: the language switch (EN/VI button, or the permalink's lang=). A first visit
// follows the browser's languages (navigator.languages: the first of Vietnamese or English it
// names, Vietnamese when it names neither); a choice made with the button is remembered.
import { byId } from '../dom.js';
import { t, setLanguage, language, LANGUAGES } from '../i18n.js';
import { emit } from './state.js';

const button = byId('lang-button');
const CHOSEN = 'ruralatlas.lang';

/** The language to open in: the one chosen on an earlier visit, else the browser's, else Vietnamese. */
export function preferredLanguage() {
  try {
    const chosen = localStorage.getItem(CHOSEN);
    if (LANGUAGES.includes(chosen)) { return chosen; }
  } catch (e) { /* storage refused: the browser's languages */ }
  const asked = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''])
    .map((l) => String(l).toLowerCase().split('-')[0]);
  return asked.find((l) => LANGUAGES.includes(l)) || 'vi';
}

/** Shows the viewer in lang (vi or en; anything else is vi). */
export function switchLanguage(lang) {
  const now = setLanguage(lang);
  const other = now === 'vi' ? 'en' : 'vi';
  button.textContent = other.toUpperCase();
  button.setAttribute('lang', other);
  // the accessible name starts with the visible text (WCAG 2.5.3), then says it in full
  button.setAttribute('aria-label', other.toUpperCase() + ' – ' + t('lang.switch'));
  document.title = t('title');
  emit('language', now);
  return now;
}

button.addEventListener('click', () => {
  const lang = switchLanguage(language() === 'vi' ? 'en' : 'vi');
  try { localStorage.setItem(CHOSEN, lang); } catch (e) { /* not remembered */ }
});
