// RuralAtlas viewer: the about panel: the landing page's links (API, conformance, collections,
// downloads…) and each layer's sources and licence.
import { getJson, href } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { definePanel } from './panel.js';
import { catalog, LAYER_ORDER } from './state.js';

definePanel('about', () => t('panel.about'), (body) => {
  body.appendChild(el('p', { text: t('about.text') }));
  body.appendChild(el('h3', { text: t('about.links') }));
  const list = body.appendChild(el('ul', { class: 'links-list' }));
  getJson('?f=json').then((landing) => {
    const seen = new Set();
    landing.links.filter((l) => l.rel !== 'self' && l.rel !== 'alternate' && !l.templated).forEach((l) => {
      if (seen.has(l.href)) { return; }
      seen.add(l.href);
      list.appendChild(el('li', {}, [el('a', { href: l.href, rel: l.rel, type: l.type, text: l.title || l.rel })]));
    });
    if (!seen.has(href('downloads'))) { list.appendChild(el('li', {}, [el('a', { href: 'downloads', text: t('link.downloads') })])); }
  }, () => {});
  body.appendChild(el('h3', { text: t('about.attribution') }));
  LAYER_ORDER.filter((id) => catalog.titles[id]).forEach((id) => {
    const info = catalog.titles[id];
    body.appendChild(el('p', { class: 'note' }, [el('strong', { text: catalog.layerTitle(id) + ': ' }),
      info.attribution || '', ' (' + (info.license || '') + ')']));
  });
});
