// RuralAtlas viewer: the NTM programme in a commune's panel: its criteria, citizen satisfaction
// and survey, growing areas, planner link and pre-2025 history, from /ntm/communes/{code} and the
// history endpoint (with no network, from what was saved with the commune's area: offline-ntm.js).
// It plugs in through addPanelSection, so the feature panel knows nothing of NTM.
import { getJson } from '../api.js';
import { el } from '../dom.js';
import { t, language } from '../i18n.js';
import { addPanelSection } from './feature-panel.js';
import { MIN_RESPONSES, published } from '../satisfaction.js';
import { offline } from './offline-store.js';
import { savedCommune } from './offline-ntm.js';

const link = (href, text) => el('a', { href, text });

function criteria(section, list) {
  section(t('criteria.title')).appendChild(el('ul', { class: 'ntm-criteria' }, list.map((k) => {
    const state = k.met === true ? 'met' : k.met === false ? 'notmet' : 'unknown';
    const said = state === 'met' ? t('criterion.met') : state === 'notmet' ? t('criterion.notmet') : t('unknown');
    return el('li', { class: 'criterion ' + state + (String(k.number).indexOf('.') > 0 ? ' indicator' : '') }, [
      el('span', { class: 'mark', 'aria-hidden': 'true', text: state === 'met' ? '✓' : state === 'notmet' ? '✗' : '?' }),
      el('span', { text: k.number + '. ' + (language() === 'en' ? k.name_en : k.name_vi) + (k.is_digital ? ' (' + t('criterion.digital') + ')' : '') }),
      el('span', { class: 'sr-only', text: ' — ' + said })]);
  })));
}

function satisfaction(section, s, survey) {
  const box = section(t('satisfaction.title'));
  if (s && published(s.responses)) {
    box.appendChild(el('p', { class: 'satisfaction', text: s.satisfaction_pct + ' % · ' + t('satisfaction.responses', { n: s.responses, period: s.period }) }));
  } else if (s && s.responses > 0) {
    box.appendChild(el('p', { class: 'satisfaction', text: t('planner.satisfaction.hidden', { n: s.responses, min: MIN_RESPONSES }) }));
  } else if (s) {
    box.appendChild(el('p', { text: t('satisfaction.none', { period: s.period }) }));
  }
  if (survey) { box.appendChild(el('p', {}, [link(survey.href, t('survey.link'))])); }
}

/** What the former units (before the 2025 reorganisation) were recognised for. */
function history(section, unitId, h) {
  const box = section(t('history.title'));
  box.appendChild(el('p', { text: t('history.predecessors', { n: h.predecessors.length }) }));
  const held = [];
  h.predecessors.forEach((p) => (p.recognitions || []).forEach((r) => {
    held.push(p.old_name + ': ' + (r.ntm_level || '') + (r.year ? ' (' + r.year + ')' : '') + (r.remark ? ' — ' + r.remark : ''));
  }));
  (h.other_recognitions || []).forEach((r) => held.push(r.old_commune + ': ' + (r.ntm_level || '') + (r.year ? ' (' + r.year + ')' : '')));
  box.appendChild(el('h4', { text: t('history.recognitions') }));
  box.appendChild(held.length ? el('ul', { class: 'recognitions' }, held.map((text) => el('li', { text })))
    : el('p', { text: t('history.none') }));
  const d = h.derived_pre_merger_ntm_share;
  if (d && d.value_pct !== null && d.value_pct !== undefined) {
    box.appendChild(el('p', { class: 'derived', text: t('history.derived', { p: d.value_pct + ' %' }) }));
  }
  box.appendChild(link('collections/communes/items/' + encodeURIComponent(unitId) + '/history?f=html', t('history.page')));
}

/** The commune's answer: offline from its saved area without asking; online the server's, or the saved one when it cannot be reached. */
async function commune(code) {
  const saved = offline.online ? null : await savedCommune(offline.areas, code);
  if (saved) { return saved; }
  try {
    return await getJson('ntm/communes/' + encodeURIComponent(code) + '?f=json');
  } catch (e) {
    const kept = e.status === 0 ? await savedCommune(offline.areas, code) : null;
    if (kept) { return kept; }
    throw e;
  }
}

addPanelSection('communes', async (feature, section) => {
  const code = feature.properties && feature.properties.code;
  if (!code || feature.properties.valid_to) { return; }
  const c = await commune(code);
  const linkTo = (pattern) => (c.links || []).find((l) => pattern.test(l.href));
  if (c.criteria && c.criteria.length) { criteria(section, c.criteria); }
  const survey = linkTo(/\/ntm\/survey\//);
  if (c.satisfaction || survey) { satisfaction(section, c.satisfaction, survey); }
  if (c.growing_areas && c.growing_areas.length) {
    section(t('zones.title')).appendChild(el('ul', {}, c.growing_areas.map((g) => el('li', {}, [
      el('span', { text: g.name + ' ' }), link(g.trace, t('zones.trace') + ' ' + g.growing_area_code)]))));
  }
  const planner = linkTo(/planner\.html/);
  if (planner) { section('').appendChild(link(planner.href, t('planner.link'))); }
  if (c.predecessors) {
    history(section, c.unit_id, c.history || await getJson('collections/communes/items/' + encodeURIComponent(c.unit_id) + '/history?f=json'));
  }
});
