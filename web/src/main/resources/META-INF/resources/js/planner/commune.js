// RuralAtlas planner: a commune's panel: its NTM level and criteria met, the criteria passed and
// failed in its latest assessment, the former units it was made from in 2025 with their
// recognitions, and its residents' satisfaction with a link to the survey.
import { getJson } from '../api.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { map, communes, select } from './map.js';

const or = (fallback) => () => fallback;
const dash = (v) => (v === null || v === undefined ? '–' : String(v));

function facts(p) {
  return el('dl', {}, [[t('planner.level'), p.ntm_level], [t('planner.criteriaMet'), p.criteria_met + '/' + p.criteria_total],
    [t('planner.criteriaSet'), p.criteria_set], [t('planner.sample'), p.sample ? t('yes') : t('no')]]
    .map(([term, value]) => [el('dt', { text: term }), el('dd', { text: dash(value) })]));
}

function assessment(a) {
  return [el('h3', { text: t('planner.criteria') }), el('p', {}, [
    a.criteria_passed.map((n) => el('span', { class: 'pass', text: n + ' ✓ ' })),
    a.criteria_failed.map((n) => el('span', { class: 'fail', text: n + ' ✗ ' })),
    a.indicators_failed.map((n) => el('span', { class: 'fail', text: n + ' ✗ ' }))])];
}

function history(h) {
  const d = h.derived_pre_merger_ntm_share;
  return [el('h3', { text: t('history.title') }),
    el('ul', {}, h.predecessors.map((pr) => el('li', {}, [pr.old_name + ' (' + pr.relation + ')',
      pr.recognitions.map((r) => el('div', { text: (r.ntm_level ? r.ntm_level + ' · ' : '') + r.remark + ' — ' + r.source }))]))),
    el('p', { text: t('history.derived', { p: d.value_pct === null ? t('unknown') : d.value_pct + ' %' }) })];
}

function satisfaction(code, s) {
  return [el('h3', { text: t('planner.satisfaction', { period: s.period }) }),
    el('p', { text: t('planner.responses', { p: s.satisfaction_pct === null ? t('planner.noresponses') : s.satisfaction_pct + ' %', n: s.responses }) }),
    el('a', { href: 'ntm/survey/' + code, text: t('survey.link') })];
}

/** Opens the panel of the commune with this code and brings the map to it. */
export async function showCommune(code) {
  const doc = await getJson('collections/communes/items?code=' + encodeURIComponent(code) + '&limit=1');
  const f = doc.features[0];
  if (!f) { return; }
  const p = f.properties;
  byId('commune').hidden = false;
  select(p.code);
  if (f.geometry) {
    const extent = new ol.format.GeoJSON().readGeometry(f.geometry, { featureProjection: 'EPSG:3857' }).getExtent();
    map.getView().fit(extent, { maxZoom: 11, padding: [40, 40, 40, 40], duration: 300 });
  }
  byId('commune-title').textContent = p.name + ' (' + p.province_name + ')';
  const body = byId('commune-body');
  body.replaceChildren(facts(p));
  const [assessments, past, survey] = await Promise.all([
    getJson('ntm/assessments?commune=' + encodeURIComponent(code)).catch(or(null)),
    getJson('collections/communes/items/' + encodeURIComponent(f.id) + '/history').catch(or(null)),
    p.unit_type === 'xa' ? getJson('ntm/survey/' + encodeURIComponent(code) + '/results').catch(or(null)) : null]);
  const a = assessments && assessments.assessments[0];
  body.append(...(a ? assessment(a) : []), ...(past ? history(past) : []), ...(survey ? satisfaction(code, survey) : []));
}

// a click on a commune opens its panel
map.on('singleclick', (e) => {
  let hit = null;
  map.forEachFeatureAtPixel(e.pixel, (f, layer) => {
    if (layer === communes && !hit) { hit = f; }
  });
  if (hit) { showCommune(hit.get('code')); }
});
