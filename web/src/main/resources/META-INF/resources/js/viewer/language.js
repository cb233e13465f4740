// RuralAtlas viewer: the language switch (EN/VI button, or the permalink's lang=); which language a
// first visit opens in, and remembering a choice, are language-choice.js's, shared with the planner.
import { byId } from '../dom.js';
import { t, setLanguage, language } from '../i18n.js';
import { rememberLanguage } from '../language-choice.js';
import { emit } from './state.js';

const button = byId('lang-button');

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
  rememberLanguage(switchLanguage(language() === 'vi' ? 'en' : 'vi'));
});
