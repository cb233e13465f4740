// RuralAtlas viewer: every tourism site, loaded once (one GeoJSON request; with no network, the
// sites of the areas saved for offline use), for Explore and for the map's first screen: up to
// CLUSTERS_UNTIL the sites are drawn clustered with their counts, so there is something to visit
// from the start view, where the vector tiles carry no sites (they start at zoom 5, and 445 points
// would hide each other). Clustering happens here rather than in the tiles: the sites are few
// enough for one request (about 90 KB gzipped at national scale), Explore needs them all anyway,
// and a cluster must count the sites of the whole country, not of one tile.
import { getJson } from '../api.js';
import { MAP, categoryColour } from '../palette.js';
import { showFeature } from './feature-panel.js';
import { map, setTourismFilter, firstDraw } from './map.js';
import { offline, savedSites } from './offline-store.js';
import { CLUSTERS_UNTIL, state, on } from './state.js';
import { tourismShown } from './styles.js';

let sites = null;
const USED = ['site_id', 'name', 'name_en', 'category', 'province_code', 'ocop_stars', 'sample'];

/** All tourism sites (GeoJSON features, longitude/latitude), loaded once. */
export function loadSites() {
  if (!sites) {
    // the properties the clusters and Explore use (a third of the whole)
    sites = (offline.online ? getJson('collections/tourism/items?limit=10000&properties=' + USED.join(',')).then((fc) => fc.features)
      : Promise.reject(new Error('offline')))
      .catch((e) => {
        sites = null; // asked again once the network is back
        if (!offline.areas.length) { throw e; }
        return savedSites();
      });
  }
  return sites;
}

const points = new ol.source.Vector();
const clusters = new ol.source.Cluster({ source: points, distance: 50, minDistance: 42,
  // a site the Explore filter hides is in no cluster
  geometryFunction: (f) => (tourismShown(f) ? f.getGeometry() : null) });

const made = {};
function clusterStyle(cluster) {
  const members = cluster.get('features');
  if (members.length === 1) {
    const colour = categoryColour(members[0].get('category'));
    return made[colour] || (made[colour] = new ol.style.Style({ image: new ol.style.Circle({ radius: 7,
      fill: new ol.style.Fill({ color: colour }), stroke: new ol.style.Stroke({ color: MAP.halo, width: 2 }) }) }));
  }
  const n = members.length;
  const key = 'n' + n;
  return made[key] || (made[key] = new ol.style.Style({
    image: new ol.style.Circle({ radius: Math.min(20, 10 + 2.5 * Math.log2(n)), fill: new ol.style.Fill({ color: MAP.cluster }),
      stroke: new ol.style.Stroke({ color: MAP.halo, width: 2.5 }) }),
    text: new ol.style.Text({ text: String(n), font: 'bold 12px system-ui, sans-serif', fill: new ol.style.Fill({ color: MAP.halo }) }) }));
}

/** The sites, clustered, up to CLUSTERS_UNTIL (the tiles' tourism layer draws them beyond). */
// over the place names, so that a count is never hidden by a name (in the names' declutter group, OpenLayers
// 10.7 drew no name at all here); at least 42 px apart and at most 40 px wide, clusters never hide each other
export const clusterLayer = new ol.layer.Vector({ source: clusters, style: clusterStyle, maxZoom: CLUSTERS_UNTIL, zIndex: 25,
  properties: { id: 'tourism-clusters' }, visible: state.visible.tourism });
map.addLayer(clusterLayer);

firstDraw.then(loadSites).then((all) => {
  const format = new ol.format.GeoJSON();
  points.addFeatures(all.filter((s) => s.geometry).map((s) => format.readFeature(s, { featureProjection: 'EPSG:3857' })));
}, (e) => console.warn('RuralAtlas sites', e));

/** Only sites for which fn(feature) is true are drawn, clustered or not; null draws all. */
export function filterSites(fn) {
  setTourismFilter(fn);
  clusters.refresh();
}

on('change', () => clusterLayer.setVisible(state.visible.tourism));

// a tap on a cluster zooms to its sites; on a single site it opens the site's panel
map.on('singleclick', (e) => {
  if (state.editing) { return; } // edit.js takes the taps
  const hit = map.forEachFeatureAtPixel(e.pixel, (f) => f, { hitTolerance: 6, layerFilter: (l) => l === clusterLayer });
  if (!hit) { return; }
  if (hit.get('features').length === 1) {
    showFeature('tourism', String(hit.get('features')[0].getId()));
    return;
  }
  const extent = ol.extent.boundingExtent(hit.get('features').map((f) => f.getGeometry().getCoordinates()));
  map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom: CLUSTERS_UNTIL + 2, duration: 250 });
});
