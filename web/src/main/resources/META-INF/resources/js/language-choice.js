// RuralAtlas pages: which language a page opens in, the same for the viewer and the planner. A
// first visit follows the browser's languages (navigator.languages: the first of Vietnamese or
// English it names, Vietnamese when it names neither); a choice made with a switch is remembered.
import { LANGUAGES } from './i18n.js';

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

/** Remembers a language chosen with a switch, for the next visit of any page. */
export function rememberLanguage(lang) {
  try { localStorage.setItem(CHOSEN, lang); } catch (e) { /* not remembered */ }
}
