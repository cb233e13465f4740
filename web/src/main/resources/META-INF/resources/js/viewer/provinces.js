// RuralAtlas viewer: the 34 provinces (code, name, extent in map coordinates), loaded once, for
// the explore filter and the offline packages.
import { getJson } from '../api.js';

let loaded = null;

export function provinces() {
  if (!loaded) {
    loaded = getJson('collections/provinces/items?limit=100').then((fc) => {
      const format = new ol.format.GeoJSON();
      return fc.features.map((f) => ({ code: f.properties.code, name: f.properties.name,
        bbox: format.readGeometry(f.geometry, { featureProjection: 'EPSG:3857' }).getExtent() }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    });
  }
  return loaded;
}
