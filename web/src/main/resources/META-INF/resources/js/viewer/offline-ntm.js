// RuralAtlas viewer: the NTM sections of the communes of an area saved for offline use
// (offline-store.js), so a commune's panel shows its criteria, satisfaction, growing areas and
// history with no network (ntm-section.js asks savedCommune). For each current commune of the
// area (a province's own communes; every commune of a box) the answers of /ntm/communes/{code}
// and, when it had predecessors, of its history are asked (many communes a request) and kept as one entry of the
// area's cache, reduced to what the panel reads: each criteria set's names once, and per commune
// whether each criterion was met. Updating asks them again with their ETags (304: kept) whatever
// the tiles' data version: a survey answer moves a commune's satisfaction, and not always the tiles.
import { href } from '../api.js';
import { fold } from '../text.js';
import { AREA_CACHE, Paused, reach, eachAtOnce } from './offline-net.js';

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

const BATCH = 50; // communes per request (the server takes up to 100): a province in two or three

/** The answers of a batch's communes: [{ code, status (200, 304: the tag held is current, 404), tag, commune, history }]. */
async function reachCommunes(codes, tags) {
  const known = tags.some(Boolean) ? '&known=' + encodeURIComponent(tags.map((t) => t.replace(/"/g, '')).join(',')) : '';
  const response = await reach(href('ntm/communes?codes=' + codes.join(',') + known));
  try {
    return (await response.json()).communes;
  } catch (e) {
    throw new Paused(e.message); // the connection was cut during the answer
  }
}

/**
 * Saves (conditional: brings up to date) the NTM answers of the area's communes (record.ntm, from
 * ntmCommunes) in its cache, BATCH communes a request (/ntm/communes?codes=…, each commune's answer
 * and history under one tag). Returns { communesDownloaded (answers not 304), communesChanged (what
 * their panels show differs) }: an answer's tag moves with what it says, so a survey answer
 * downloads again only the commune it moved.
 */
export async function saveNtm(record, cache, conditional, progress) {
  const old = conditional ? await savedNtm(cache, record.id) : null;
  const saved = { sets: (old && old.sets) || {}, communes: {}, etags: {} };
  let done = 0;
  let changed = 0;
  let downloaded = 0;
  const communes = record.ntm || [];
  const batches = [];
  for (let i = 0; i < communes.length; i += BATCH) { batches.push(communes.slice(i, i + BATCH).map(([code]) => code)); }
  progress('ntm', 0, communes.length);
  await eachAtOnce(batches, async (codes) => {
    const held = (code) => old && old.communes[code] && typeof old.etags[code] === 'string' ? old.etags[code] : '';
    for (const part of await reachCommunes(codes, codes.map(held))) {
      if (part.status === 404) { continue; } // no longer a current commune since the plan: nothing to show
      const before = old && old.communes[part.code];
      const now = part.status === 304 ? before
        : Object.assign(reduce(part.commune, saved.sets), { history: part.history ? reduceHistory(part.history) : undefined });
      if (part.status !== 304) { downloaded++; }
      if (JSON.stringify(now) !== JSON.stringify(before)) { changed++; }
      saved.communes[part.code] = now;
      saved.etags[part.code] = part.tag;
    }
    progress('ntm', done += codes.length, communes.length);
  }, 3);
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
