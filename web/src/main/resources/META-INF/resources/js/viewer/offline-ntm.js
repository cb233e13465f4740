// RuralAtlas viewer: the NTM sections of the communes of an area saved for offline use
// (offline-store.js), so a commune's panel shows its criteria, satisfaction, growing areas and
// history with no network (ntm-section.js asks savedCommune). For each current commune of the
// area (a province's own communes; every commune of a box) the answers of /ntm/communes/{code}
// and, when it had predecessors, of its history are asked once and kept as one entry of the
// area's cache, reduced to what the panel reads: each criteria set's names once, and per commune
// whether each criterion was met. Updating asks them again with their ETags (304: kept) whatever
// the tiles' data version: a survey answer moves a commune's satisfaction, and not always the tiles.
import { href } from '../api.js';
import { fold } from '../text.js';
import { AREA_CACHE, reach, eachAtOnce } from './offline-net.js';

/** The cache entry holding an area's NTM answers, in the area's own cache (deleted with it). */
export function ntmKey(id) {
  return href('offline/areas/' + encodeURIComponent(id) + '/ntm');
}

/** The current communes of the area whose NTM answers are saved: [code, unit id] of each. */
export function ntmCommunes(record, communes) {
  const query = new URLSearchParams(record.query);
  const province = query.get('province');
  return communes.filter((f) => !f.properties.valid_to && f.properties.code && (!province
      || fold(f.properties.province_name || '') === fold(province) || f.properties.province_code === province))
    .map((f) => [f.properties.code, String(f.id)]);
}

/** A commune's answer reduced to what its panel reads; names of its criteria go to sets, once per set. */
function reduce(c, sets) {
  const set = c.criteria_set || '';
  if (c.criteria && c.criteria.length) { // a fresh answer: the set's names as they are now
    sets[set] = c.criteria.map((k) => ({ number: k.number, name_vi: k.name_vi, name_en: k.name_en, is_digital: k.is_digital }));
  }
  return { unit_id: c.unit_id, criteria_set: set, met: (c.criteria || []).map((k) => k.met), satisfaction: c.satisfaction || null,
    growing_areas: (c.growing_areas || []).map((g) => ({ name: g.name, growing_area_code: g.growing_area_code, trace: g.trace })),
    links: (c.links || []).filter((l) => l.rel === 'related').map((l) => ({ href: l.href })), predecessors: c.predecessors };
}

/** A commune's history reduced to what its panel reads. */
function reduceHistory(h) {
  const d = h.derived_pre_merger_ntm_share;
  return { predecessors: (h.predecessors || []).map((p) => ({ old_name: p.old_name,
    recognitions: (p.recognitions || []).map((r) => ({ ntm_level: r.ntm_level, year: r.year, remark: r.remark })) })),
  other_recognitions: (h.other_recognitions || []).map((r) => ({ old_commune: r.old_commune, ntm_level: r.ntm_level, year: r.year })),
  derived_pre_merger_ntm_share: d ? { value_pct: d.value_pct } : null };
}

async function json(url, etag) {
  const response = await reach(url, etag);
  return response.status === 304 ? null : { body: await response.json(), etag: response.headers.get('ETag') };
}

/**
 * Saves (conditional: brings up to date) the NTM answers of the area's communes (record.ntm, from
 * ntmCommunes) in its cache. Returns { communesDownloaded (answers not 304), communesChanged (what
 * their panels show differs) }: an answer's ETag moves with any write to the communes layer (a
 * survey answer that moves a commune's satisfaction share is one), which every commune's answer
 * carries, so more answers may be downloaded than changed.
 */
export async function saveNtm(record, cache, conditional, progress) {
  const old = conditional ? await savedNtm(cache, record.id) : null;
  const saved = { sets: (old && old.sets) || {}, communes: {}, etags: {} };
  let done = 0;
  let changed = 0;
  let downloaded = 0;
  const communes = record.ntm || [];
  progress('ntm', 0, communes.length);
  await eachAtOnce(communes, async ([code, unitId]) => {
    const before = old && old.communes[code];
    const tags = (old && old.etags[code]) || [];
    const answer = await json(href('ntm/communes/' + encodeURIComponent(code) + '?f=json'), before ? tags[0] : null);
    const c = answer ? reduce(answer.body, saved.sets) : before;
    let history = before && before.history;
    let historyTag = tags[1];
    if (c.predecessors) {
      const h = await json(href('collections/communes/items/' + encodeURIComponent(unitId) + '/history?f=json'), history ? historyTag : null);
      if (h) { history = reduceHistory(h.body); historyTag = h.etag; }
    } else {
      history = undefined;
    }
    const now = Object.assign({}, c, { history });
    if (answer || history !== (before && before.history)) { downloaded++; }
    if (JSON.stringify(now) !== JSON.stringify(before)) { changed++; }
    saved.communes[code] = now;
    saved.etags[code] = [answer ? answer.etag : tags[0], historyTag];
    progress('ntm', ++done, communes.length);
  });
  await cache.put(ntmKey(record.id), new Response(JSON.stringify(saved), { headers: { 'Content-Type': 'application/json' } }));
  return { communesDownloaded: downloaded, communesChanged: changed };
}

async function savedNtm(cache, id) {
  const r = await cache.match(ntmKey(id));
  return r ? r.json() : null;
}

/**
 * A commune's NTM answer as /ntm/communes/{code} gave it when one of the saved areas (their
 * records) was saved: the parts its panel reads, with its history as history; null when none holds it.
 */
export async function savedCommune(areas, code) {
  for (const a of areas.filter((r) => r.complete)) {
    const saved = await savedNtm(await caches.open(AREA_CACHE + a.id), a.id);
    const c = saved && saved.communes[code];
    if (c) {
      const names = saved.sets[c.criteria_set] || [];
      return Object.assign({}, c, { criteria: c.met.map((met, i) => Object.assign({}, names[i], { met })) });
    }
  }
  return null;
}
