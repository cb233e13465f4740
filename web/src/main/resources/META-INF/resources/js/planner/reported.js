// RuralAtlas planner: the figures provinces reported (/stats/ntm?source=reported), never mixed with
// the computed ones: for the unit they were reported for (a pre-2025 province or district), each
// with its source and date, the latest report up to the chosen date; undated reports (plans, lists
// of notable communes) apart, since they cannot be placed in time. A row takes the map to the
// province that unit belongs to now.
import { el, byId } from '../dom.js';
import { t, number, date } from '../i18n.js';
import { showProvince } from './map.js';
import { stats } from './state.js';
import { SortableTable } from './table.js';

/** A count with its share: 144/182 (79,1 %), 43 (23,6 %). */
function count(pair, total) {
  if (!pair || pair.count === null || pair.count === undefined) { return null; }
  return number(pair.count, 0) + (total ? '/' + number(total, 0) : '') + (pair.pct === null ? '' : ' (' + number(pair.pct, 1) + ' %)');
}

function scope(s) {
  const district = /^district (.+)$/.exec(s || '');
  return district ? t('planner.scope.district', { name: district[1] }) : s === 'province' ? t('planner.scope.province') : s;
}

const COLUMNS = [
  { key: 'province_name', title: () => t('column.province') },
  { key: 'scope', title: () => t('column.scope'), cell: (r) => scope(r.scope) },
  { key: 'report_period', title: () => t('column.period') },
  { key: 'communes_total', title: () => t('column.communes'), cell: (r) => (r.communes_total === null ? null : number(r.communes_total, 0)) },
  { key: 'ntm', title: () => t('column.reported.ntm'), value: (r) => r.ntm.count, cell: (r) => count(r.ntm, r.communes_total) },
  { key: 'advanced', title: () => t('column.reported.advanced'), value: (r) => r.advanced.count, cell: (r) => count(r.advanced) },
  { key: 'model', title: () => t('column.reported.model'), value: (r) => r.model.count, cell: (r) => count(r.model) },
  { key: 'average_criteria', title: () => t('column.criteria'),
    cell: (r) => (r.average_criteria === null ? null : number(r.average_criteria, 1)) },
  { key: 'source', title: () => t('column.source') },
  { key: 'source_date', title: () => t('column.sourceDate'), cell: (r) => date(r.source_date) }];

const table = new SortableTable(byId('reported'), COLUMNS, { sortKey: 'source_date', descending: true,
  rowKey: (r) => r.report_id, onRow: (r) => showProvince(r.province_code_2025), canAct: (r) => !!r.province_code_2025 });

/** Shows the reports up to the chosen date, and the undated ones apart. */
export async function showReported() {
  const doc = await stats('stats/ntm', 'source=reported');
  byId('reported-basis').textContent = t('planner.basis.reported', { date: date(doc.as_of) });
  const box = byId('reported');
  (box.caption || box.createCaption()).textContent = t('planner.reported.count', { n: doc.reports.length });
  table.show(doc.reports);
  byId('undated-title').textContent = t('planner.reported.undated');
  byId('undated').replaceChildren(...doc.undated_reports.map((r) => el('li', {}, [
    el('strong', { text: r.province_name }), ' · ' + scope(r.scope) + ' · ' + r.source])));
}
