// RuralAtlas viewer: the layers panel: the basemap, what colours the communes, and each layer on
// or off with its opacity (and the tourism categories' colours).
import { el, swatch } from '../dom.js';
import { t } from '../i18n.js';
import { LAYER, categoryColour } from '../palette.js';
import { basemap, chooseBasemap, setTheme, setVisible, setOpacity } from './map.js';
import { definePanel } from './panel.js';
import { state, catalog, LAYER_ORDER } from './state.js';

function choices(legend, name, options, checked, choose) {
  return el('fieldset', {}, [el('legend', { text: legend }), options.map(([value, label, disabled]) => el('label', { class: 'row' }, [
    el('input', { type: 'radio', name, value, checked: checked === value, disabled, on: { change: () => choose(value) } }), ' ' + label]))]);
}

function layerRow(id) {
  const box = el('input', { type: 'checkbox', id: 'layer-' + id, checked: state.visible[id], on: { change: () => setVisible(id, box.checked) } });
  const range = el('input', { type: 'range', min: 0, max: 100, step: 5, value: Math.round(state.opacity[id] * 100),
    'aria-label': t('opacity') + ': ' + catalog.layerTitle(id), on: { input: () => setOpacity(id, range.value / 100) } });
  const legend = id !== 'tourism' ? null : el('ul', { class: 'mini-legend' }, catalog.allowedValues('tourism', 'category').map((c) =>
    el('li', {}, [swatch(categoryColour(c), true), catalog.valueTitle('tourism', 'category', c)])));
  return el('li', {}, [
    el('label', { class: 'row', for: 'layer-' + id }, [box, swatch(LAYER[id]), catalog.layerTitle(id)]),
    el('label', { class: 'opacity' }, [el('span', { text: t('opacity') }), range]), legend]);
}

definePanel('layers', () => t('panel.layers'), (body) => {
  body.appendChild(choices(t('basemap'), 'basemap',
    [['osm', t('basemap.osm'), !basemap.getSource()], ['plain', t('basemap.plain'), false]], state.base, chooseBasemap));
  body.appendChild(choices(t('theme'), 'theme', [['level', t('theme.level')], ['criteria', t('theme.criteria')]], state.theme, setTheme));
  body.appendChild(el('ul', { class: 'layer-list' }, LAYER_ORDER.slice().reverse().map(layerRow)));
});
