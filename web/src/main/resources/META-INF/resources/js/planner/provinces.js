// RuralAtlas planner: the provinces compared, from /stats/ntm for the chosen date: a table sortable
// by any column with the keyboard (share of communes at each level, mean criteria met, indicator
// 8.4 and its target gap, satisfaction: published only from MIN_RESPONSES responses), a click or
// Enter on a row takes the map there; a bar chart of the shares against the 80 % target; what the
// figures were computed from, in the reader's language; the banner when they are sample data.
import { el, svg, byId } from '../dom.js';
import { t, number, date } from '../i18n.js';
import { LEVEL, INK } from '../palette.js';
import { showProvince } from './map.js';
import { showReported } from './reported.js';
import { state, onChange, stats, current, criteriaSet, nameOf } from './state.js';
import { MIN_RESPONSES } from '../satisfaction.js';
import { SortableTable } from './table.js';

let criteria = null; // the criteria set's criteria and indicators by number, for the columns' names
const indicator = (n) => (criteria && criteria.byNumber[n] ? t('planner.indicator', { n, name: nameOf(criteria.byNumber[n]) }) : null);
const pct = (v) => (v === null || v === undefined ? null : number(v, 1));

/** Satisfaction is published only from MIN_RESPONSES responses, and always with their number. */
function satisfaction(r) {
  if (!r.responses) { return null; }
  if (r.responses < MIN_RESPONSES) {
    return el('span', { class: 'few', title: t('planner.satisfaction.few', { min: MIN_RESPONSES }), text: '–' });
  }
  return t('planner.responses', { p: number(r.satisfaction, 1) + ' %', n: number(r.responses, 0) });
}

const COLUMNS = [
  { key: 'name', title: () => t('column.province') },
  { key: 'communes_total', title: () => t('column.communes'), cell: (r) => number(r.communes_total, 0) },
  { key: 'ntm', title: () => t('column.ntm'), cell: (r) => pct(r.ntm) },
  { key: 'advanced', title: () => t('column.advanced'), cell: (r) => pct(r.advanced) },
  { key: 'model', title: () => t('column.model'), cell: (r) => pct(r.model) },
  { key: 'average_criteria', title: () => t('column.criteria'), cell: (r) => pct(r.average_criteria) },
  { key: 'p84', title: () => t('column.p84'), hint: () => indicator('8.4'), cell: (r) => pct(r.p84) },
  { key: 'gap84', title: () => t('column.gap84'), hint: () => indicator('8.4'), cell: (r) => pct(r.gap84),
    className: (r) => (r.met84 === null ? null : r.met84 ? 'met' : 'miss') },
  { key: 'satisfaction', title: () => t('column.satisfaction'), cell: satisfaction,
    value: (r) => (r.responses >= MIN_RESPONSES ? r.satisfaction : null) }];

const table = new SortableTable(byId('provinces'), COLUMNS, { sortKey: 'ntm', descending: true, rowKey: (r) => r.code,
  onRow: (r) => showProvince(r.code), canAct: () => current(), onRender: (rows) => chart(rows) });

function row(p) {
  const target = p.targets['d924-indicator-8-4'];
  return { code: p.code, name: p.name, communes_total: p.communes_total, ntm: p.at_least.ntm.pct,
    advanced: p.at_least.advanced.pct, model: p.at_least.model.pct, average_criteria: p.average_criteria,
    p84: p.pass_rates['8.4'] ? p.pass_rates['8.4'].pct : null, gap84: target ? target.gap : null,
    met84: target ? target.met : null, satisfaction: p.satisfaction.satisfaction_pct, responses: p.satisfaction.responses };
}

function chart(rows) {
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
      svg('text', { x: left + (r.ntm || 0) * scale + 4, y: y + bar - 3, text: (r.ntm === null ? '–' : pct(r.ntm)) + ' %' })];
  });
  byId('chart').replaceChildren(svg('svg', { viewBox: '0 0 ' + width + ' ' + height }, [bars,
    svg('line', { x1: target, x2: target, y1: 0, y2: height - 18, stroke: INK.target, 'stroke-dasharray': '4 3' }),
    svg('text', { x: target + 3, y: height - 6, fill: INK.target, text: t('planner.target') })]));
}

let shown = 0; // the latest refresh: an answer to an earlier one is dropped

/** Shows the figures the page asks for now: the computed table and chart, or the reported figures. */
async function refresh() {
  const mine = ++shown;
  try {
    await draw(mine);
  } catch (e) {
    if (mine === shown) { byId(state.source === 'reported' ? 'reported-basis' : 'basis').textContent = t('planner.failed', { e: e.message }); }
  }
}

async function draw(mine) {
  const reported = state.source === 'reported';
  byId('computed-view').hidden = reported;
  byId('reported-view').hidden = !reported;
  if (reported) {
    byId('sample-banner').hidden = true;
    await showReported();
    return;
  }
  const doc = await stats('stats/ntm');
  const set = await criteriaSet(doc.criteria_set).catch(() => null);
  if (mine !== shown) { return; }
  criteria = set;
  byId('sample-banner').hidden = !doc.sample;
  const rows = doc.provinces.map(row);
  byId('basis').textContent = doc.grouping === 'provinces_2025'
    ? t('planner.basis.current', { date: date(doc.as_of), set: set ? nameOf(set.set) : doc.criteria_set })
    : t('planner.basis.pre2025', { date: date(doc.as_of), n: rows.length });
  byId('as-of').value = doc.as_of;
  const box = byId('provinces');
  (box.caption || box.createCaption()).textContent = t('planner.provinces.count', { n: rows.length });
  table.options.selected = state.province;
  table.show(rows);
}

/** Fills the comparison and follows the date, the source, the language and the chosen province. */
export function showProvinces() {
  onChange((what) => {
    if ('asOf' in what || 'source' in what || 'lang' in what) { refresh(); }
    if ('province' in what) { table.select(state.province); }
  });
  return refresh();
}
