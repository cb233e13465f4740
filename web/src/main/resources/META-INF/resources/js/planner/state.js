// RuralAtlas planner: what the page shows, in one place that the map, the tables and the commune
// panel follow: the date of the figures (as_of; null: the server's today), computed or reported
// figures (never mixed), the chosen province and the language. Also the layer catalogue (names
// of levels and criteria sets) and the criteria catalogue (criteria by name), both from the server.
import { getJson, getJsonOnce } from '../api.js';
import { Catalog } from '../catalog.js';
import { language } from '../i18n.js';

/** The day the 34 provinces replaced the 63: figures dated before it are grouped by the old provinces. */
export const REORGANISATION = '2025-07-01';


export const state = { asOf: null, source: 'computed', province: null, lang: 'vi' };
const listeners = [];

/** Changes what the page shows; every listener hears which keys changed. */
export function change(what) {
  Object.assign(state, what);
  listeners.forEach((fn) => fn(what));
}

export function onChange(fn) {
  listeners.push(fn);
}

/** Whether the figures' date is on or after the reorganisation (null: today, which is). */
export function current() {
  return !state.asOf || state.asOf >= REORGANISATION;
}

/** A statistics path with the chosen date: e.g. stats('stats/ntm', 'source=reported'); asked once, or again after a failure. */
const asked = new Map();
export function stats(path, query) {
  const q = [query, state.asOf ? 'as_of=' + state.asOf : null].filter(Boolean).join('&');
  const key = q ? path + '?' + q : path;
  if (!asked.has(key)) {
    asked.set(key, getJson(key));
    asked.get(key).catch(() => asked.delete(key));
  }
  return asked.get(key);
}

export const catalog = new Catalog();
export const catalogReady = catalog.load(['communes'], { titles: false }).catch(() => catalog);

/** The criteria sets (/ntm/criteria-sets), and a set's criteria and indicators by number. */
const criteria = {};
export async function criteriaSet(id) {
  if (!criteria[id]) {
    criteria[id] = getJsonOnce('ntm/criteria-sets/' + encodeURIComponent(id)).then((set) => {
      const byNumber = {};
      set.criteria.forEach((c) => {
        byNumber[c.number] = c;
        c.indicators.forEach((i) => { byNumber[i.number] = i; });
      });
      return { set, byNumber };
    });
  }
  return criteria[id];
}

/** The name of a criterion, a criteria set or anything with name_vi and name_en, in the page's language. */
export function nameOf(thing) {
  return thing ? (language() === 'en' ? thing.name_en : thing.name_vi) || thing.name_vi : null;
}
