// RuralAtlas viewer: the downloads panel: each layer's files and items API with its licence, the
// download catalogue, and offline packages (MBTiles) of the view or of a province.
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { map, viewExtent } from './map.js';
import { definePanel } from './panel.js';
import { provinces } from './provinces.js';
import { catalog, LAYER_ORDER } from './state.js';

function layerFiles(id) {
  const info = catalog.titles[id] || {};
  return el('li', {}, [el('h3', { text: catalog.layerTitle(id) }),
    el('p', { class: 'formats' }, [['geojson', 'csv', 'gpkg', 'fgb'].map((f) =>
      el('a', { href: 'downloads/' + id + '.' + f, download: '', class: 'button small', text: f.toUpperCase() })),
    el('a', { href: 'collections/' + id + '/items?f=json&limit=1000', class: 'button small', text: t('downloads.api') })]),
    info.license ? el('p', { class: 'note', text: info.license + (info.attribution ? ' — ' + info.attribution : '') }) : null]);
}

function offlinePackages(body) {
  const box = ol.proj.transformExtent(viewExtent(), 'EPSG:3857', 'EPSG:4326').map((v) => v.toFixed(4));
  const z = Math.max(6, Math.floor(map.getView().getZoom()));
  const to = Math.min(14, z + 4);
  body.appendChild(el('p', {}, [el('a', { class: 'button', href: 'tiles/offline?bbox=' + box.join(',') + '&zooms=' + z + '-' + to,
    text: t('downloads.offline.view') + ' (z' + z + '–' + to + ')' })]));
  const link = el('a', { class: 'button', href: '#', 'aria-disabled': 'true', text: 'MBTiles' });
  const choice = el('select', { 'aria-label': t('downloads.offline.province'), on: { change: () => {
    link.href = choice.value ? 'tiles/offline?province=' + encodeURIComponent(choice.value) + '&zooms=6-14' : '#';
    link.setAttribute('aria-disabled', String(!choice.value));
  } } }, [el('option', { value: '', text: t('downloads.offline.province') + '…' })]);
  provinces().then((ps) => ps.forEach((p) => choice.appendChild(el('option', { value: p.name, text: p.name }))));
  body.appendChild(el('p', { class: 'row' }, [choice, link]));
}

definePanel('downloads', () => t('panel.downloads'), (body) => {
  body.appendChild(el('p', { text: t('downloads.intro') }));
  body.appendChild(el('ul', { class: 'downloads' }, LAYER_ORDER.map(layerFiles)));
  body.appendChild(el('p', {}, [el('a', { href: 'downloads', text: t('downloads.catalogue') })]));
  body.appendChild(el('h3', { text: t('downloads.offline') }));
  offlinePackages(body);
});
