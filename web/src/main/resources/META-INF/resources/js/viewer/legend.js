// RuralAtlas viewer: the legend of the communes' colours (NTM levels or criteria classes), with
// the number of communes of each in view, or below the communes' zoom of the provinces' colours
// (share of NTM communes); also drawn on the exported PNG. On phones it starts folded to one
// button, so that it does not cover the map.
import { el, swatch, byId } from '../dom.js';
import { t, number } from '../i18n.js';
import { featuresInExtent } from '../layers.js';
import { LEVELS, LEVEL, NOT_ASSESSED, CRITERIA_CLASSES, SHARE_CLASSES, shareFill } from '../palette.js';
import { map, layers, viewExtent } from './map.js';
import { state, catalog, catalogReady, on, COMMUNES_FROM } from './state.js';
import { communeColour } from './styles.js';

/** Whether the map shows the provinces coloured by their share of NTM communes (below the communes' zoom). */
function showsShares() {
  return map.getView().getZoom() < COMMUNES_FROM && state.visible.provinces;
}

/** The legend's heading in the current theme. */
export function legendTitle() {
  if (showsShares()) { return t('legend.shares'); }
  return state.theme === 'criteria' ? t('legend.criteria') : t('legend.title');
}

/** The legend's rows in the current theme: { colour, label }, the colour also being its key. */
export function legendRows() {
  if (showsShares()) {
    return SHARE_CLASSES.map((c, i) => ({ colour: shareFill(c.from),
      label: i === 0 ? '≥ ' + c.from + ' %' : c.from + '–' + SHARE_CLASSES[i - 1].from + ' %' }));
  }
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
  featuresInExtent(layers.communes, viewExtent()).forEach((f) => {
    if (f.get('layer') !== 'communes' || seen.has(f.get(idp))) { return; }
    seen.add(f.get(idp));
    const colour = communeColour(f);
    counts[colour] = (counts[colour] || 0) + 1;
  });
  return { counts, total: seen.size };
}

let folded = window.innerWidth < 760; // phones: one button until asked

function renderLegend() {
  const box = byId('legend');
  box.textContent = '';
  const shares = showsShares();
  box.hidden = !state.visible.communes && !shares;
  if (box.hidden) { return; }
  const inView = shares ? null : communesInView();
  box.classList.toggle('folded', folded);
  box.appendChild(el('h2', {}, [el('button', { type: 'button', id: 'legend-toggle', 'aria-expanded': String(!folded), 'aria-controls': 'legend-body',
    text: legendTitle(), on: { click: () => { folded = !folded; renderLegend(); } } })]));
  const content = box.appendChild(el('div', { id: 'legend-body', hidden: folded }));
  content.appendChild(el('ul', {}, legendRows().map((r) => el('li', { 'data-key': r.colour }, [swatch(r.colour),
    el('span', { class: 'label', text: r.label }), inView ? el('span', { class: 'count', text: number(inView.counts[r.colour] || 0, 0) }) : null]))));
  content.appendChild(el('p', { class: 'note', text: shares ? t('legend.zoomin') : inView ? number(inView.total, 0) + ' ' + t('legend.inview') : t('legend.zoomin') }));
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
