// RuralAtlas viewer: the requests of saving areas for offline use (offline-store.js): each must
// reach the server (cache 'no-store': the service worker never answers it from a saved copy); a
// failure to connect pauses the saving (Paused), an error of the server stops it. A saving asks
// for its tiles in batches (/tiles/offline/tiles, multipart/mixed): a province is over a thousand
// tiles, and on a rural connection each request costs a round trip.
import { href } from '../api.js';
import { t } from '../i18n.js';

/** The prefix of a saved area's cache, which holds its tiles, features and communes' NTM answers. */
export const AREA_CACHE = 'ruralatlas-area-';

/** The connection failed: the saving can continue later. */
export class Paused extends Error {}

/** A GET that must reach the server: the service worker lets it through and never answers it from a saved copy. */
async function fresh(url, etag, accept) {
  const headers = { Accept: accept || 'application/json, application/vnd.mapbox-vector-tile' };
  if (etag) { headers['If-None-Match'] = etag; }
  return fetch(url, { cache: 'no-store', headers });
}

/** Stores a tile, as its URL answers it (200 with bytes, 204 without), with its ETag; its size in bytes. */
export async function putTile(cache, url, body, etag) {
  const headers = { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': String(body ? body.byteLength : 0) };
  if (etag) { headers.ETag = etag; }
  await cache.put(url, new Response(body, { status: body ? 200 : 204, headers }));
  return body ? body.byteLength : 0;
}

const PARALLEL = 6;
const BATCH = 32; // tiles per request (the server takes up to 256): a cut connection loses at most a few batches

/** Runs work(batch) on the tiles [z, x, y] in batches of BATCH, in order, 3 at once; stops at the first failure. */
export function eachBatch(tiles, work) {
  const batches = [];
  for (let i = 0; i < tiles.length; i += BATCH) { batches.push(tiles.slice(i, i + BATCH)); }
  return eachAtOnce(batches, work, 3);
}

/** A batch's tiles as the server reads them: z/x/y, or z/x/y1-y2 for a column's run of rows. */
function runs(tiles) {
  const out = [];
  let run = null;
  for (const [z, x, y] of tiles) {
    if (run && run[0] === z && run[1] === x && run[3] === y - 1) { run[3] = y; } else { out.push(run = [z, x, y, y]); }
  }
  return out.map(([z, x, a, b]) => z + '/' + x + '/' + a + (b > a ? '-' + b : '')).join(',');
}

/**
 * The tiles [z, x, y] in one request, each [z, x, y, tag] with the ETag held (304: unchanged):
 * [{ tile, body (ArrayBuffer, null when empty), etag, notModified }], in their order.
 */
export async function reachTiles(tiles) {
  const known = tiles.some((t) => t[3]) ? '&known=' + encodeURIComponent(tiles.map((t) => (t[3] || '').replace(/"/g, '')).join(',')) : '';
  const response = await reach(href('tiles/offline/tiles?tiles=' + runs(tiles) + known), null, 'multipart/mixed');
  let buffer;
  try {
    buffer = await response.arrayBuffer();
  } catch (e) {
    throw new Paused(e.message); // the connection was cut during the answer
  }
  const bytes = new Uint8Array(buffer);
  const ascii = new TextDecoder('ascii');
  let at = 0;
  return tiles.map((tile) => { // each part: --boundary, its headers, an empty line, Content-Length bytes, CRLF
    let end = at;
    while (end < bytes.length && !(bytes[end] === 13 && bytes[end + 1] === 10 && bytes[end + 2] === 13 && bytes[end + 3] === 10)) { end++; }
    const head = ascii.decode(bytes.subarray(at, end));
    const [z, x, y] = tile;
    const length = /\r\nContent-Length: (\d+)/i.exec(head);
    if (!length || end + 4 + Number(length[1]) > bytes.length) { throw new Paused('the answer was cut short'); }
    if (!head.includes('/tiles/WebMercatorQuad/' + z + '/' + y + '/' + x + '\r\n')) { throw new Error('the server answered another tile than ' + tile); }
    const etag = /\r\nETag: ([^\r]*)/i.exec(head);
    at = end + 4 + Number(length[1]) + 2;
    return { tile, body: Number(length[1]) ? buffer.slice(end + 4, at - 2) : null, etag: etag && etag[1], notModified: /\r\nStatus: 304/.test(head) };
  });
}

/** Runs work(item) on every item, parallel (default PARALLEL) at once; stops at the first failure (rethrown). */
export async function eachAtOnce(items, work, parallel = PARALLEL) {
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
  await Promise.all(Array.from({ length: parallel }, worker));
  if (failure) { throw failure; }
}

/** The answer of a request that failed: the connection (pause) or the server (say so). */
async function check(response) {
  if (response.status === 200 || response.status === 204 || response.status === 304) { return response; }
  const e = new Error(t('offline.server', { status: response.status }));
  e.server = true;
  throw e;
}
export async function reach(url, etag, accept) {
  try {
    return await check(await fresh(url, etag, accept));
  } catch (e) {
    if (e.server) { throw e; }
    throw new Paused(e.message);
  }
}

/** The bytes an area's cache holds (tiles and features, as stored: uncompressed); a tile says its length, the rest are read. */
export async function measure(cache) {
  let bytes = 0;
  for (const r of await cache.matchAll()) {
    const length = r.headers.get('Content-Length');
    bytes += length !== null ? Number(length) : (await r.blob()).size;
  }
  return bytes;
}
