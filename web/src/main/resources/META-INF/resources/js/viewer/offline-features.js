// RuralAtlas viewer: the features of an area saved for offline use (offline-store.js): each under
// its item URL, so the feature panel opens it through the service worker with no network, and
// search entries made as the server's index makes them (text.js), so search works there too.
import { href, itemPath } from '../api.js';
import { searchEntry } from '../text.js';
import { reach } from './offline-net.js';
import { ntmCommunes } from './offline-ntm.js';

const LAYERS = ['provinces', 'communes', 'zones', 'tourism', 'farms'];
/** Layers with a time: only today's units are saved. */
const DATED = new Set(['provinces', 'communes']);

/**
 * Saves the features of the area's box, layer by layer, each under its item URL; with
 * conditional, a layer whose ETag did not change is left as it is. Returns how many layers changed.
 */
export async function saveFeatures(record, cache, conditional, progress) {
  const today = new Date().toISOString().slice(0, 10);
  record.etags = record.etags || {};
  record.features = record.features || {};
  let changed = 0;
  const collected = {};
  for (const [i, layer] of LAYERS.entries()) {
    progress('features', i, LAYERS.length);
    const url = href('collections/' + layer + '/items?limit=10000&bbox=' + record.bbox.join(',') + (DATED.has(layer) ? '&datetime=' + today : ''));
    const response = await reach(url, conditional ? record.etags[layer] : null);
    if (response.status === 304) { continue; }
    const fc = await response.json();
    changed++;
    record.etags[layer] = response.headers.get('ETag');
    record.features[layer] = fc.features.length;
    collected[layer] = fc.features;
    await Promise.all(fc.features.map((f) => cache.put(href(itemPath(layer, f.id)),
      new Response(JSON.stringify(f), { headers: { 'Content-Type': 'application/geo+json' } }))));
  }
  if (changed) { record.entries = entriesOf(record, collected); }
  if (collected.tourism) { record.sites = collected.tourism; }
  if (collected.communes) { record.ntm = ntmCommunes(record, collected.communes); }
  progress('features', LAYERS.length, LAYERS.length);
  return changed;
}

/** Search entries of the saved features, labelled as the server labels them; layers that did not change keep theirs. */
function entriesOf(record, collected) {
  const format = new ol.format.GeoJSON();
  const communes = {};
  (collected.communes || []).forEach((f) => { communes[f.properties.code] = { name: f.properties.name, province: f.properties.province_name }; });
  const provinceNames = {};
  (collected.provinces || []).forEach((f) => { provinceNames[f.properties.code] = f.properties.name; });
  const kept = (record.entries || []).filter((e) => !collected[e.layer]);
  const made = [];
  for (const [layer, features] of Object.entries(collected)) {
    for (const f of features) {
      if (!f.geometry) { continue; }
      const extent = format.readGeometry(f.geometry).getExtent();
      const point = f.geometry.type === 'Point' ? f.geometry.coordinates.slice(0, 2) : ol.extent.getCenter(extent);
      const e = searchEntry(layer, f, communes, provinceNames, point, extent);
      if (e) { made.push(e); }
    }
  }
  return kept.concat(made);
}
