// RuralAtlas planner: the provinces compared: a table sortable by any column (share of communes
// at each level, mean criteria met, indicator 8.4 and its target gap, satisfaction) and a bar
// chart of the shares at NTM, advanced and model level against the 80 % target.
import { getJsonOnce } from '../api.js';
import { el, svg, byId } from '../dom.js';
import { t } from '../i18n.js';
import { LEVEL, INK } from '../palette.js';

const COLUMNS = [
  ['name', () => t('column.province')], ['communes_total', () => t('column.communes')], ['ntm', () => t('column.ntm')],
  ['advanced', () => t('column.advanced')], ['model', () => t('column.model')], ['average_criteria', () => t('column.criteria')],
  ['p84', () => t('column.p84')], ['gap84', () => t('column.gap84')], ['satisfaction', () => t('column.satisfaction')]];
let rows = [];
let sortKey = 'ntm';
let descending = true;

function row(p) {
  const target = p.targets['d924-indicator-8-4'];
  return { code: p.code, name: p.name, communes_total: p.communes_total, ntm: p.at_least.ntm.pct,
    advanced: p.at_least.advanced.pct, model: p.at_least.model.pct, average_criteria: p.average_criteria,
    p84: p.pass_rates['8.4'] ? p.pass_rates['8.4'].pct : null, gap84: target ? target.gap : null,
    met84: target ? target.met : null, satisfaction: p.satisfaction.satisfaction_pct };
}

function sortBy(key) {
  descending = key === sortKey ? !descending : true;
  sortKey = key;
  render();
}

function compare(a, b) {
  const x = a[sortKey];
  const y = b[sortKey];
  if (x === y) { return 0; }
  if (x === null || x === undefined) { return 1; }
  if (y === null || y === undefined) { return -1; }
  return (x < y ? -1 : 1) * (descending ? -1 : 1);
}

function table() {
  const head = el('tr', {}, COLUMNS.map(([key, title]) => el('th', { text: title() + (key === sortKey ? (descending ? ' ▼' : ' ▲') : ''),
    on: { click: () => sortBy(key) } })));
  const body = rows.map((r) => el('tr', {}, COLUMNS.map(([key]) => {
    const v = r[key];
    return el('td', { class: key === 'gap84' && r.met84 !== null ? (r.met84 ? 'met' : 'miss') : null, text: v === null || v === undefined ? '–' : String(v) });
  })));
  const box = byId('provinces');
  box.tHead.replaceChildren(head);
  box.tBodies[0].replaceChildren(...body);
}

function chart() {
  const width = 900;
  const bar = 14;
  const left = 130;
  const height = rows.length * (bar + 4) + 30;
  const scale = (width - left - 40) / 100;
  const target = 80 * scale + left;
  const bars = rows.map((r, i) => {
    const y = 10 + i * (bar + 4);
    return [svg('text', { x: left - 6, y: y + bar - 3, 'text-anchor': 'end', text: r.name }),
      ['ntm', 'advanced', 'model'].map((level) => svg('rect', { x: left, y, width: (r[level] || 0) * scale, height: bar, fill: LEVEL[level] })),
      svg('text', { x: left + (r.ntm || 0) * scale + 4, y: y + bar - 3, text: (r.ntm === null ? '–' : r.ntm) + ' %' })];
  });
  byId('chart').replaceChildren(svg('svg', { viewBox: '0 0 ' + width + ' ' + height }, [bars,
    svg('line', { x1: target, x2: target, y1: 0, y2: height - 18, stroke: INK.target, 'stroke-dasharray': '4 3' }),
    svg('text', { x: target + 3, y: height - 6, fill: INK.target, text: t('planner.target') })]));
}

function render() {
  rows.sort(compare);
  table();
  chart();
}

/** Fills the comparison from /stats/ntm. */
export async function showProvinces() {
  const doc = await getJsonOnce('stats/ntm');
  byId('basis').textContent = doc.basis + (doc.sample ? ' — ' + doc.sample_note : '');
  rows = doc.provinces.map(row);
  render();
}
