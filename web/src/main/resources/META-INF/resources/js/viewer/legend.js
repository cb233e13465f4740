// RuralAtlas viewer: the legend of the communes' colours (NTM levels or criteria classes), with
// the number of communes of each in view; also drawn on the exported PNG.
import { el, swatch, byId } from '../dom.js';
import { t, number } from '../i18n.js';
import { LEVELS, LEVEL, NOT_ASSESSED, CRITERIA_CLASSES } from '../palette.js';
import { map, layers, viewExtent } from './map.js';
import { state, catalog, catalogReady, on } from './state.js';
import { communeColour } from './styles.js';

/** The legend's heading in the current theme. */
export function legendTitle() {
  return state.theme === 'criteria' ? t('legend.criteria') : t('legend.title');
}

/** The legend's rows in the current theme: { colour, label }, the colour also being its key. */
export function legendRows() {
  const rows = state.theme === 'criteria'
    ? CRITERIA_CLASSES.map((c) => ({ colour: c.colour, label: c.from === c.to ? String(c.from) : c.from + '–' + c.to }))
    : LEVELS.map((l) => ({ colour: LEVEL[l], label: catalog.valueTitle('communes', 'ntm_level', l) }));
  return rows.concat([{ colour: NOT_ASSESSED, label: t('legend.nodata') }]);
}

/** The communes in view by colour, or null when communes are hidden or not drawn at this zoom. */
function communesInView() {
  if (map.getView().getZoom() < 7 || !state.visible.communes) { return null; }
  const counts = {};
  const seen = new Set();
  const idp = catalog.idProperty.communes || 'unit_id';
  layers.communes.getFeaturesInExtent(viewExtent()).forEach((f) => {
    if (f.get('layer') !== 'communes' || seen.has(f.get(idp))) { return; }
    seen.add(f.get(idp));
    const colour = communeColour(f);
    counts[colour] = (counts[colour] || 0) + 1;
  });
  return { counts, total: seen.size };
}

function renderLegend() {
  const box = byId('legend');
  box.textContent = '';
  box.hidden = !state.visible.communes;
  if (box.hidden) { return; }
  const inView = communesInView();
  box.appendChild(el('h2', { text: legendTitle() }));
  box.appendChild(el('ul', {}, legendRows().map((r) => el('li', { 'data-key': r.colour }, [swatch(r.colour),
    el('span', { class: 'label', text: r.label }), inView ? el('span', { class: 'count', text: number(inView.counts[r.colour] || 0, 0) }) : null]))));
  box.appendChild(el('p', { class: 'note', text: inView ? number(inView.total, 0) + ' ' + t('legend.inview') : t('legend.zoomin') }));
}

let timer = null;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(renderLegend, 100);
}
map.on('rendercomplete', soon);
map.on('moveend', soon);
on('change', renderLegend);
on('language', renderLegend);
catalogReady.then(renderLegend);
