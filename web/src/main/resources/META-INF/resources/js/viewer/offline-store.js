// RuralAtlas viewer: the areas saved for offline use, on this device (offline.js is their panel).
// A saved area is: its tiles of every layer at zooms 6-14 (as /tiles/offline/plan lists them) in
// the cache 'ruralatlas-area-<id>' under their own URLs, with their ETags; the features of the
// provinces, communes, zones and tourism layers over its box under their item URLs (itemPath),
// so the feature panel opens them unchanged through the service worker (sw.js); its communes'
// NTM answers (offline-ntm.js); and its record (query, box, zooms, data version, the tiles, search
// entries, tourism sites, sizes, dates) in the cache 'ruralatlas-areas'. Saving writes each tile
// as it arrives, so a lost connection pauses it and saving again continues where it stopped.
// Updating asks the plan again: the same data version is no tile to check; otherwise a saved tile
// whose ETag the plan gives (the server's cache holds it, so it is current) is kept without
// asking, and the others are asked with If-None-Match: only those answered 200 are downloaded
// again. Requests of saving and updating use cache 'no-store', never answered from a saved copy.
import { href, getJson } from '../api.js';
import { t, number } from '../i18n.js';
import { search } from '../text.js';
import { saveFeatures } from './offline-features.js';
import { saveNtm } from './offline-ntm.js';
import { AREA_CACHE, Paused, reachTiles, putTile, eachAtOnce, eachBatch, measure } from './offline-net.js';
import { notice } from './notice.js';

const RECORDS = 'ruralatlas-areas';

/** What the viewer knows of offline use; read by the panel, the status line and the tests. */
export const offline = {
  online: navigator.onLine, // set by offline.js from the browser's online and offline events
  areas: [], // the records of the saved areas, newest first
  saving: null, // { id, name, done, total, phase } while an area is saved or updated
  paused: null, // the id of an area whose saving stopped with the connection
  lastUpdate: null, // { id, tilesChecked, tilesAsked (of the server, in batches), tilesChanged, tilesAdded, tilesRemoved, layersChanged, communesDownloaded, communesChanged (NTM answers), ms }
  lastSave: null, // { id, tiles, fetched (downloaded by this run, not saved before), bytes, ms }
  version: null // the service worker's shell version
};

const recordKey = (id) => href('offline/areas/' + encodeURIComponent(id));
function tileUrl(z, x, y) {
  return href('tiles/WebMercatorQuad/' + z + '/' + y + '/' + x);
}
async function writeRecord(record) {
  const c = await caches.open(RECORDS);
  await c.put(recordKey(record.id), new Response(JSON.stringify(record), { headers: { 'Content-Type': 'application/json' } }));
}

/** Reads the saved areas' records. */
export async function loadAreas() {
  if (!('caches' in self)) { return []; }
  const c = await caches.open(RECORDS);
  const records = await Promise.all((await c.keys()).map((k) => c.match(k).then((r) => r.json())));
  offline.areas = records.sort((a, b) => (b.savedAt || '').localeCompare(a.savedAt || ''));
  refresh();
  return offline.areas;
}

const listeners = [];
/** Calls fn(what) whenever the areas ('areas') or the progress of saving one ('progress') change. */
export function whenChanged(fn) {
  listeners.push(fn);
}
function refresh(what) {
  listeners.forEach((fn) => fn(what || 'areas'));
}

function progress(phase, done, total) {
  if (offline.saving) { Object.assign(offline.saving, { phase, done, total }); }
  refresh('progress');
}

/**
 * Saves an area: query is 'province=<name>' or 'bbox=<w,s,e,n>'. Continues an area whose saving
 * was stopped. Resolves with the area's record.
 */
export async function saveArea(query, name) {
  if (offline.saving) { throw new Error(t('offline.busy')); }
  const started = performance.now();
  const id = query;
  offline.saving = { id, name, done: 0, total: 0, phase: 'plan' };
  offline.paused = null;
  refresh();
  try {
    const plan = await getJson('tiles/offline/plan?' + query + '&zooms=6-14');
    const old = offline.areas.find((a) => a.id === id);
    const record = Object.assign(old || {}, { id, name, query, bbox: plan.bbox, minZoom: plan.minZoom, maxZoom: plan.maxZoom,
      tiles: plan.tiles, estimatedBytes: plan.bytes, complete: false, savedAt: (old && old.savedAt) || new Date().toISOString() });
    await writeRecord(record);
    const cache = await caches.open(AREA_CACHE + id);
    const kept = new Set((await cache.keys()).map((r) => r.url)); // saved before the connection was lost: not again
    const missing = plan.tiles.filter(([z, x, y]) => !kept.has(tileUrl(z, x, y)));
    let done = plan.tiles.length - missing.length;
    progress('tiles', done, plan.tiles.length);
    await eachBatch(missing, async (batch) => {
      const parts = await reachTiles(batch);
      await Promise.all(parts.map(({ tile: [z, x, y], body, etag }) => putTile(cache, tileUrl(z, x, y), body, etag)));
      progress('tiles', done += batch.length, plan.tiles.length);
    });
    const fetched = missing.length;
    await saveFeatures(record, cache, false, progress);
    await saveNtm(record, cache, false, progress);
    Object.assign(record, { dataVersion: plan.dataVersion, complete: true, updatedAt: new Date().toISOString() });
    record.bytes = await measure(cache);
    await writeRecord(record);
    offline.lastSave = { id, tiles: plan.tiles.length, fetched, bytes: record.bytes, ms: Math.round(performance.now() - started) };
    notice(t('offline.saved', { name }));
    return record;
  } catch (e) {
    if (e instanceof Paused) {
      offline.paused = id;
      notice(t('offline.paused'));
    } else {
      notice(t('offline.failed', { e: e.message }));
    }
    throw e;
  } finally { // the list holds the area before the saving is over: who waits for the end reads it there
    await loadAreas().finally(() => { offline.saving = null; refresh(); });
  }
}

/** Brings a saved area up to date: only the tiles whose ETag changed are downloaded again. */
export async function updateArea(id) {
  const record = offline.areas.find((a) => a.id === id);
  if (!record) { throw new Error('no saved area ' + id); }
  if (!record.complete) { return saveArea(record.query, record.name); }
  if (offline.saving) { throw new Error(t('offline.busy')); }
  const started = performance.now();
  offline.saving = { id, name: record.name, done: 0, total: 0, phase: 'plan' };
  refresh();
  const result = { id, tilesChecked: 0, tilesAsked: 0, tilesChanged: 0, tilesAdded: 0, tilesRemoved: 0, layersChanged: 0, ms: 0 };
  try {
    // with each tile's ETag as the server's cache holds it: a saved tile with that tag is current, unasked
    const plan = await getJson('tiles/offline/plan?' + record.query + '&zooms=' + record.minZoom + '-' + record.maxZoom + '&etags=true');
    const cache = await caches.open(AREA_CACHE + id);
    if (plan.dataVersion !== record.dataVersion) {
      const wanted = new Set(plan.tiles.map(([z, x, y]) => tileUrl(z, x, y)));
      for (const [z, x, y] of record.tiles) {
        const url = tileUrl(z, x, y);
        if (!wanted.has(url) && await cache.delete(url)) { result.tilesRemoved++; }
      }
      const ask = []; // [z, x, y, saved tag]: not cached on the server, or changed; asked with the saved tag (304: unchanged)
      await eachAtOnce(plan.tiles, async ([z, x, y, etag]) => {
        const saved = await cache.match(tileUrl(z, x, y));
        const tag = (saved && saved.headers.get('ETag')) || '';
        result.tilesChecked++;
        if (!etag || tag !== etag) { ask.push([z, x, y, tag]); }
      });
      ask.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]); // each column's rows together: runs
      let done = plan.tiles.length - ask.length;
      result.tilesAsked = ask.length;
      progress('check', done, plan.tiles.length);
      await eachBatch(ask, async (batch) => {
        for (const { tile: [z, x, y, tag], body, etag, notModified } of await reachTiles(batch)) {
          if (!notModified) { await putTile(cache, tileUrl(z, x, y), body, etag); result[tag ? 'tilesChanged' : 'tilesAdded']++; }
        }
        progress('check', done += batch.length, plan.tiles.length);
      });
      result.layersChanged = await saveFeatures(record, cache, true, progress);
      Object.assign(record, { tiles: plan.tiles.map((t) => t.slice(0, 3)), dataVersion: plan.dataVersion });
    } else if (!record.ntm) { // saved before the communes' NTM answers were: their list comes with the communes
      result.layersChanged = await saveFeatures(Object.assign(record, { etags: {} }), cache, true, progress);
    }
    // asked again whatever the data version: a survey answer moves a commune's satisfaction, and not always the tiles
    Object.assign(result, await saveNtm(record, cache, true, progress));
    record.bytes = await measure(cache);
    record.updatedAt = new Date().toISOString();
    await writeRecord(record);
    result.ms = Math.round(performance.now() - started);
    offline.lastUpdate = result;
    notice(t('offline.updated', { n: number(result.tilesChanged + result.tilesAdded, 0) }));
    return result;
  } catch (e) {
    notice(e instanceof Paused ? t('offline.paused') : t('offline.failed', { e: e.message }));
    throw e;
  } finally { // the list holds the area before the saving is over: who waits for the end reads it there
    await loadAreas().finally(() => { offline.saving = null; refresh(); });
  }
}

/** Deletes a saved area: its tiles, features and record. */
export async function deleteArea(id) {
  await caches.delete(AREA_CACHE + id);
  await (await caches.open(RECORDS)).delete(recordKey(id));
  await loadAreas();
}

/** The saved features' search entries matching text, best first (the server's rules). */
export function searchSaved(text, limit) {
  const seen = new Set();
  const entries = [];
  offline.areas.forEach((a) => (a.entries || []).forEach((e) => {
    if (!seen.has(e.layer + '/' + e.id)) { seen.add(e.layer + '/' + e.id); entries.push(e); }
  }));
  return search(entries, text, limit);
}

/** The saved tourism sites of every area (GeoJSON features), for Explore with no network. */
export function savedSites() {
  const seen = new Set();
  return offline.areas.flatMap((a) => a.sites || []).filter((s) => !seen.has(s.id) && seen.add(s.id));
}
