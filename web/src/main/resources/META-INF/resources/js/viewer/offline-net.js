// RuralAtlas viewer: the requests of saving areas for offline use (offline-store.js): each must
// reach the server (cache 'no-store': the service worker never answers it from a saved copy); a
// failure to connect pauses the saving (Paused), an error of the server stops it.
import { t } from '../i18n.js';

/** The prefix of a saved area's cache, which holds its tiles, features and communes' NTM answers. */
export const AREA_CACHE = 'ruralatlas-area-';

/** The connection failed: the saving can continue later. */
export class Paused extends Error {}

/** A GET that must reach the server: the service worker lets it through and never answers it from a saved copy. */
async function fresh(url, etag) {
  const headers = { Accept: 'application/json, application/vnd.mapbox-vector-tile' };
  if (etag) { headers['If-None-Match'] = etag; }
  return fetch(url, { cache: 'no-store', headers });
}

/** Stores a tile answer (200 or 204) with its ETag; its size in bytes. */
export async function storeTile(cache, url, response) {
  const body = response.status === 204 ? null : await response.arrayBuffer();
  const headers = { 'Content-Type': 'application/vnd.mapbox-vector-tile' };
  if (response.headers.get('ETag')) { headers.ETag = response.headers.get('ETag'); }
  await cache.put(url, new Response(body, { status: response.status, headers }));
  return body ? body.byteLength : 0;
}

const PARALLEL = 6;

/** Runs work(item) on every item, PARALLEL at once; stops at the first failure (rethrown). */
export async function eachAtOnce(items, work) {
  let next = 0;
  let failure = null;
  async function worker() {
    while (failure === null && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (e) {
        failure = failure || e;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failure) { throw failure; }
}

/** The answer of a request that failed: the connection (pause) or the server (say so). */
async function check(response) {
  if (response.status === 200 || response.status === 204 || response.status === 304) { return response; }
  const e = new Error(t('offline.server', { status: response.status }));
  e.server = true;
  throw e;
}
export async function reach(url, etag) {
  try {
    return await check(await fresh(url, etag));
  } catch (e) {
    if (e.server) { throw e; }
    throw new Paused(e.message);
  }
}

/** The bytes an area's cache holds (tiles and features, as stored: uncompressed). */
export async function measure(cache) {
  let bytes = 0;
  for (const k of await cache.keys()) {
    const r = await cache.match(k);
    bytes += (await r.blob()).size;
  }
  return bytes;
}
