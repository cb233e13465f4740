// RuralAtlas pages: the one way to ask the server for JSON. Paths are resolved against the
// server's root (this file lives in <root>/js/), so a page at /trace/{code} asks the same URLs as
// the viewer at /. Every failure (no answer, an HTTP error with its problem+json detail, a body
// that is not JSON) rejects with an ApiError, so each page handles errors one way.

/** The server's root URL, with a trailing slash. */
export const ROOT = new URL('../', import.meta.url).href;

/** A path of the server as an absolute URL. */
export function href(path) {
  return new URL(path, ROOT).href;
}

/** The path of one feature as JSON: the one spelling, so that a saved copy is found under it offline. */
export function itemPath(layer, id) {
  return 'collections/' + encodeURIComponent(layer) + '/items/' + encodeURIComponent(id) + '?f=json';
}

/** A request that failed: status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(url, status, detail, body) {
    super(url + ': ' + (status ? 'HTTP ' + status : 'no answer') + (detail ? ' — ' + detail : ''));
    this.name = 'ApiError';
    this.url = url;
    this.status = status;
    this.detail = detail || null;
    this.body = body === undefined ? null : body;
  }
}

/**
 * The JSON answer at path: a GET, or a POST of body as JSON when body is given. Resolves with the
 * parsed body of a 2xx answer; anything else rejects with an ApiError.
 */
export async function request(path, { body, cache } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  let response;
  try {
    response = await fetch(href(path), { method: body === undefined ? 'GET' : 'POST', headers, cache,
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(path, 0, e.message);
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(path, response.status, response.ok ? 'the answer is not JSON' : null);
  }
  if (!response.ok) { throw new ApiError(path, response.status, parsed && parsed.detail, parsed); }
  return parsed;
}

/** GET path as JSON. */
export function getJson(path) {
  return request(path);
}

/** Memoised GET: the same promise for the same path, for what a page reads once. */
const once = new Map();
export function getJsonOnce(path) {
  if (!once.has(path)) { once.set(path, getJson(path)); }
  return once.get(path);
}

/**
 * A request that may be refused for reasons a page shows (a write, a read whose ETag it needs):
 * method, a JSON body (sent as contentType), headers. Resolves with { status, ok, body, etag }
 * whatever the status (body: the parsed JSON or problem, else null); rejects with an ApiError only
 * when no answer came. Cookies go with it (the signed-in session), and nothing is taken from the cache.
 */
export async function send(path, { method = 'GET', body, headers = {}, contentType = 'application/json' } = {}) {
  const all = { Accept: 'application/json', ...headers };
  if (body !== undefined) { all['Content-Type'] = contentType; }
  let response;
  try {
    response = await fetch(href(path), { method, headers: all, cache: 'no-store', credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(path, 0, e.message);
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  return { status: response.status, ok: response.ok, body: parsed, etag: response.headers.get('ETag') };
}
