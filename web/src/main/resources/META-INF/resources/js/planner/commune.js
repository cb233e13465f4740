// RuralAtlas planner: a commune's panel: its NTM level and criteria met, the criteria passed and
// failed in its latest assessment by name (from the criteria catalogue), the former units it was
// made from in 2025 with their recognitions and old district and province, and its residents'
// satisfaction (published only from MIN_RESPONSES responses) with a link to the survey.
import { getJson, itemPath } from '../api.js';
import { el, byId } from '../dom.js';
import { t, number, date } from '../i18n.js';
import { map, communes, select, fitLonLat } from './map.js';
import { onChange, catalog, catalogReady, criteriaSet, nameOf } from './state.js';
import { MIN_RESPONSES } from '../satisfaction.js';

const or = (fallback) => () => fallback;
const dash = (v) => (v === null || v === undefined ? '–' : String(v));
const level = (v) => (v === null || v === undefined ? null : catalog.valueTitle('communes', 'ntm_level', v));
let open = null; // the feature whose panel is open, to show it again in another language

function facts(p, set) {
  return el('dl', {}, [[t('planner.level'), level(p.ntm_level)], [t('planner.criteriaMet'), p.criteria_met + '/' + p.criteria_total],
    [t('planner.criteriaSet'), set ? nameOf(set.set) : catalog.valueTitle('communes', 'criteria_set', p.criteria_set)],
    [t('planner.sample'), p.sample ? t('yes') : t('no')]]
    .map(([term, value]) => [el('dt', { text: term }), el('dd', { text: dash(value) })]));
}

function named(numbers, set, cls) {
  return el('ul', { class: 'criteria' }, numbers.map((n) => {
    const c = set && set.byNumber[n];
    const name = c ? nameOf(c) : '';
    return el('li', { class: cls, 'data-number': n, text: n.includes('.') ? t('planner.indicator', { n, name }) : t('planner.criterion', { n, name }) });
  }));
}

function assessment(a, set) {
  const failed = a.criteria_failed.concat(a.indicators_failed);
  return [el('h3', { text: t('planner.criteria') }),
    el('p', { text: t('planner.assessed', { date: date(a.assessed_on), set: set ? nameOf(set.set) : a.criteria_set }) }),
    el('h4', { text: t('planner.criteria.failed', { n: failed.length }) }), named(failed, set, 'fail'),
    el('details', {}, [el('summary', { text: t('planner.criteria.passed', { n: a.criteria_passed.length }) }), named(a.criteria_passed, set, 'pass')])];
}

function relation(r) {
  return { whole: t('planner.history.relation.whole'), partial: t('planner.history.relation.partial'),
    unchanged: t('planner.history.relation.unchanged') }[r] || r;
}

function history(h) {
  const d = h.derived_pre_merger_ntm_share;
  return [el('h3', { text: t('history.title') }),
    el('ul', { class: 'history' }, h.predecessors.map((pr) => el('li', {}, [pr.old_name + ' (' + relation(pr.relation) + ')',
      pr.recognitions.map((r) => el('div', { class: 'recognition' }, [
        el('div', { text: t('planner.history.place', { commune: r.old_commune || pr.old_name, district: r.old_district, province: r.old_province })
          + (r.ntm_level ? ' · ' + level(r.ntm_level) : '') + (r.year ? ' · ' + r.year : '') }),
        // the remark and the source's title are the data's own words, in English: marked as such
        r.remark ? el('div', { class: 'remark', lang: 'en', text: r.remark }) : null,
        el('div', { class: 'source', text: t('planner.history.source', { source: r.source, date: date(r.source_date) }) })]))]))),
    el('p', { text: t('history.derived', { p: d.value_pct === null ? t('unknown') : number(d.value_pct, 1) + ' %' }) })];
}

/** A survey period (a quarter, 2026-Q4) in words: quý 4/2026, Q4 2026. */
function period(p) {
  const q = /^(\d{4})-Q([1-4])$/.exec(p || '');
  return q ? t('planner.quarter', { q: q[2], y: q[1] }) : p;
}

function satisfaction(code, s) {
  const text = !s.responses ? t('satisfaction.none', { period: period(s.period) }) : s.responses >= MIN_RESPONSES
    ? t('planner.responses', { p: number(s.satisfaction_pct, 1) + ' %', n: number(s.responses, 0) })
    : t('planner.satisfaction.hidden', { n: number(s.responses, 0), min: MIN_RESPONSES });
  return [el('h3', { text: t('planner.satisfaction', { period: period(s.period) }) }), el('p', { class: 'satisfaction', text }),
    el('a', { href: 'ntm/survey/' + code, text: t('survey.link') })];
}

async function show(f, fit) {
  if (!f) { return; }
  open = f;
  const p = f.properties;
  byId('commune').hidden = false;
  select(p.code);
  if (fit && f.geometry) {
    const extent = new ol.format.GeoJSON().readGeometry(f.geometry).getExtent();
    fitLonLat(extent, 11);
  }
  const [set, assessments, past, survey] = await Promise.all([
    criteriaSet(p.criteria_set || 'commune_2021_2025').catch(or(null)),
    getJson('ntm/assessments?commune=' + encodeURIComponent(p.code)).catch(or(null)),
    getJson('collections/communes/items/' + encodeURIComponent(f.id) + '/history').catch(or(null)),
    p.unit_type === 'xa' ? getJson('ntm/survey/' + encodeURIComponent(p.code) + '/results').catch(or(null)) : null, catalogReady]);
  if (open !== f) { return; }
  byId('commune-title').textContent = p.name + ' (' + p.province_name + ')';
  const a = assessments && assessments.assessments[0];
  byId('commune-body').replaceChildren(facts(p, set), ...(a ? assessment(a, set) : []), ...(past ? history(past) : []),
    ...(survey ? satisfaction(p.code, survey) : []));
}

/** Opens the panel of the commune with this code and brings the map to it. */
export async function showCommune(code) {
  const doc = await getJson('collections/communes/items?code=' + encodeURIComponent(code) + '&limit=1');
  return show(doc.features[0], true);
}

/** Opens the panel of the commune with this feature id (a search result) and brings the map to it. */
export async function showCommuneFeature(id) {
  return show(await getJson(itemPath('communes', id)), true);
}

// a click on a commune opens its panel; in another language it is shown again
map.on('singleclick', (e) => {
  let hit = null;
  map.forEachFeatureAtPixel(e.pixel, (f, layer) => {
    if (layer === communes && !hit) { hit = f; }
  });
  if (hit) { showCommune(hit.get('code')); }
});
onChange((what) => {
  if ('lang' in what && open) { show(open, false); }
});
