// RuralAtlas viewer: the 34 provinces (code, name, extent in longitude/latitude, where to write
// the name), loaded once, for the explore filter, the offline packages and the provinces' labels.
import { getJson } from '../api.js';

let loaded = null;

export function provinces() {
  if (!loaded) {
    loaded = getJson('collections/provinces/items?limit=100').then((fc) => {
      const format = new ol.format.GeoJSON();
      return fc.features.filter((f) => f.geometry).map((f) => {
        const geometry = format.readGeometry(f.geometry, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:4326' });
        return { code: f.properties.code, name: f.properties.name, nameEn: f.properties.name_en,
          bbox: geometry.getExtent(), label: labelPoint(geometry) };
      }).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    });
  }
  return loaded;
}

/** A point inside the largest part of a (multi)polygon, longitude/latitude: where its name goes. */
function labelPoint(geometry) {
  const parts = geometry.getType() === 'MultiPolygon' ? geometry.getPolygons() : [geometry];
  const largest = parts.reduce((a, b) => (b.getArea() > a.getArea() ? b : a));
  return largest.getInteriorPoint().getCoordinates().slice(0, 2);
}
