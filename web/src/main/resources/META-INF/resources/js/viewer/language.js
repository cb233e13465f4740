// RuralAtlas viewer: the language switch (EN/VI button, or the permalink's lang=).
import { byId } from '../dom.js';
import { t, setLanguage, language } from '../i18n.js';
import { emit } from './state.js';

const button = byId('lang-button');

/** Shows the viewer in lang (vi or en; anything else is vi). */
export function switchLanguage(lang) {
  const now = setLanguage(lang);
  const other = now === 'vi' ? 'en' : 'vi';
  button.textContent = other.toUpperCase();
  button.setAttribute('lang', other);
  button.setAttribute('aria-label', t('lang.switch'));
  document.title = t('title');
  emit('language', now);
}

button.addEventListener('click', () => switchLanguage(language() === 'vi' ? 'en' : 'vi'));
