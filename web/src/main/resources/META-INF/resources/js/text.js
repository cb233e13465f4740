// RuralAtlas pages: Vietnamese text folding and name matching, the same rules as the server's
// search (gis-data VietnameseText, map-server SearchIndex and WordMatch), for searching saved
// areas with no network: NFC or NFD, any tone-mark placement, any case, with or without
// diacritics, đ/Đ as d. The browser tests compare fold() with the server's on the same strings.

/** What Java's Character.isWhitespace calls white space: separators and controls, but not the no-break spaces. */
const JAVA_WHITESPACE = /(?:(?![\u00a0\u2007\u202f])[\t\n\u000b\f\r\u001c-\u001f\u2028\u2029\p{Zs}])+/u;

/** Accent- and case-insensitive key, runs of white space as one space, trimmed (VietnameseText.fold). */
export function fold(text) {
  if (text === null || text === undefined) { return ''; }
  const bare = String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return bare.toUpperCase().toLowerCase().split(JAVA_WHITESPACE).filter(Boolean).join(' ');
}

/** The folded words of a name: split at anything not a letter or digit (VietnameseText.words). */
export function words(text) {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The name with its diacritics, each word's tone mark at its end, without punctuation (SearchQuery.toneKey). */
export function toneKey(text) {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/;
  let out = '';
  let tone = '';
  for (const c of String(text || '').trim().toLowerCase().normalize('NFD')) {
    if (tones.test(c)) {
      tone = c;
    } else if (/[\p{L}\p{N}\p{Mn}]/u.test(c)) {
      out += c;
    } else {
      out += tone + (/\s/.test(c) ? ' ' : c);
      tone = '';
    }
  }
  return (out + tone).replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
}

/** The ways a query word matches a word of a name, best first, with their scores (WordMatch). */
const EXACT = 0;
const PREFIX = 1;
const FUZZY = 2;
const FUZZY_PREFIX = 3;
const SCORES = [1.0, 0.7, 0.5, 0.35];

/** One insertion, deletion, substitution or swap of neighbours at most. */
function withinOneEdit(a, b) {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) { return false; }
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) { i++; }
  if (i === la && i === lb) { return true; }
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la < lb ? a.slice(i) === b.slice(i + 1) : b.slice(i) === a.slice(i + 1);
}

function wordMatch(query, word) {
  if (word === query) { return EXACT; }
  if (word.startsWith(query)) { return PREFIX; }
  const q = query.length;
  if (q < 4 || word.length < q - 1) { return null; }
  if (Math.abs(word.length - q) <= 1 && withinOneEdit(query, word)) { return FUZZY; }
  for (let len = q - 1; len <= q + 1; len++) {
    if (len < word.length && withinOneEdit(query, word.slice(0, len))) { return FUZZY_PREFIX; }
  }
  return null;
}

/**
 * Search entries (as searchEntry makes them) for the text, ranked as the server ranks: by the
 * weakest way a query word matched, then by score (name words, context at half, the whole name
 * equal to or starting with the query, few unmatched words, diacritics as typed, layer weight and
 * popularity), then by name, layer and id.
 */
export function search(entries, text, limit) {
  const q = words(text);
  if (!q.length) { return []; }
  const key = q.join(' ');
  const tk = toneKey(text);
  const hits = [];
  for (const e of entries) {
    let sum = 0;
    let weakest = EXACT;
    const matched = new Set();
    let ok = true;
    for (const w of q) {
      let best = null;
      let bestWord = null;
      for (const n of e.nameWords) {
        const m = wordMatch(w, n);
        if (m !== null && (best === null || m < best)) { best = m; bestWord = n; }
      }
      let score;
      if (best !== null) {
        matched.add(bestWord);
        score = SCORES[best];
      } else {
        for (const n of e.contextWords) {
          const m = wordMatch(w, n);
          if (m !== null && (best === null || m < best)) { best = m; }
        }
        if (best === null) { ok = false; break; }
        score = SCORES[best] / 2;
      }
      sum += score;
      weakest = Math.max(weakest, best);
    }
    if (!ok) { continue; }
    let s = sum / q.length;
    if (e.nameKey === key) { s += 1.0; } else if (e.nameKey.startsWith(key)) { s += 0.5; }
    s += 0.2 * matched.size / Math.max(1, e.nameWords.length);
    if (e.toneKey.startsWith(tk)) { s += 0.1; }
    hits.push({ e, match: weakest, score: s * e.weight + e.popularity });
  }
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  hits.sort((a, b) => a.match - b.match || b.score - a.score || cmp(a.e.name, b.e.name) || cmp(a.e.layer, b.e.layer) || cmp(a.e.id, b.e.id));
  return hits.slice(0, limit).map((h) => h.e);
}

const WEIGHTS = { provinces: 1.2, communes: 1.1, tourism: 1.0, zones: 0.9, farms: 0.8 };
const LEVELS = { ntm: 1, advanced: 2, model: 3, modern_pilot: 3 };

/**
 * A search entry for a GeoJSON feature of a layer, as the server's index makes one (SearchIndexer):
 * label "commune, province", point and bbox in longitude/latitude; null for a feature without a name.
 */
export function searchEntry(layer, feature, communes, provinces, point, bbox) {
  const p = feature.properties || {};
  const name = p.name ? String(p.name) : '';
  if (!name) { return null; }
  let commune = null;
  let province = p.province_name || '';
  const c = communes[p.commune_code];
  if (c && layer !== 'communes') { commune = c.name; province = c.province; }
  if (!province) { province = provinces[p.province_code] || ''; }
  const label = [commune, province].filter(Boolean).join(', ');
  const nameWords = words(name);
  words(p.name_en).forEach((w) => { if (!nameWords.includes(w)) { nameWords.push(w); } });
  const contextWords = words(label).concat(words(p.code), words(p.growing_area_code), words(feature.id));
  return { layer, id: String(feature.id), name, label, point, bbox, weight: WEIGHTS[layer] || 1,
    popularity: 0.001 * ((p.ocop_stars || 0) + (LEVELS[p.ntm_level] || 0)),
    nameKey: words(name).join(' '), toneKey: toneKey(name), nameWords, contextWords };
}
