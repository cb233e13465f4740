// RuralAtlas pages: one ARIA combobox for the search boxes of the viewer and the planner. It keeps
// the list and its state: typing asks (after a pause, from 2 letters), an answer that arrives after
// a newer question is dropped, arrows move through the options, Enter chooses (the first option
// once it is in, when typed before the list), Escape and leaving the box close it.
import { el } from './dom.js';
import { t } from './i18n.js';

/**
 * Makes `input` the combobox of `list`. `ask(q)` answers the results for a text (a promise of an
 * array), `option(r)` gives an option's content, `choose(r)` acts on the result chosen;
 * `failed(q, show)` is told when `ask` fails (`show(message)` puts it in the list).
 */
export function combobox({ input, list, ask, option, choose, failed }) {
  let results = [];
  let active = -1;
  let timer = null;
  let asked = 0; // the latest question: earlier answers arriving late are dropped

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    Array.from(list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  }

  function pick(i) {
    const r = results[i];
    if (!r) { return; }
    close();
    input.value = r.name;
    choose(r);
  }

  function show(q, found, message) {
    results = found;
    list.replaceChildren(...(results.length ? results.map((r, i) => el('li', { id: 'search-option-' + i, role: 'option',
      'aria-selected': 'false', 'data-layer': r.layer, 'data-id': r.id,
      on: { mousedown: (e) => e.preventDefault(), click: () => pick(i) } }, option(r)))
      : [el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', text: message || t('search.none', { q }) })]));
    list.dataset.query = q;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(results.length ? 0 : -1);
  }

  /** Asks for the text in the box; with `first`, chooses the first result once it is in. */
  function run(first) {
    const q = input.value.trim();
    if (q.replace(/[\s\p{P}]/gu, '').length < 2) {
      close();
      return;
    }
    const mine = ++asked;
    ask(q).then((found) => {
      if (mine !== asked) { return; }
      show(q, found);
      if (first && results.length) { pick(0); }
    }, (e) => {
      if (mine === asked) { failed(q, (message) => show(q, [], message), e); }
    });
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), 120);
  });
  input.addEventListener('focus', () => {
    if (results.length && input.value.trim()) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(0, Math.min(active + (e.key === 'ArrowDown' ? 1 : -1), results.length - 1)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && results.length && list.dataset.query === input.value.trim()) {
        pick(active >= 0 ? active : 0);
      } else {
        clearTimeout(timer);
        run(true);
      }
    } else if (e.key === 'Escape') {
      close();
    }
  });
}
