// RuralAtlas trace page (/trace/{code}, rendered by the server): the growing area, farm or OCOP
// producer on a small map, over the province and commune boundaries drawn from the server's own
// vector tiles (no outside map).
import { tileSource, tileLayer } from './js/layers.js';
import { MAP } from './js/palette.js';

const data = document.getElementById('trace-geometry');
const target = document.getElementById('trace-map');
const geometry = data && target ? JSON.parse(data.textContent) : null;
if (target && !geometry) { target.hidden = true; }
if (geometry) {
  const outline = (colour) => new ol.style.Style({ stroke: new ol.style.Stroke({ color: colour, width: 1 }) });
  const feature = new ol.format.GeoJSON().readFeature({ type: 'Feature', geometry, properties: {} },
    { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  const traced = new ol.layer.Vector({
    source: new ol.source.Vector({ features: [feature] }),
    style: new ol.style.Style({
      fill: new ol.style.Fill({ color: MAP.zoneFill }),
      stroke: new ol.style.Stroke({ color: MAP.zoneEdge, width: 2 }),
      image: new ol.style.Circle({ radius: 8, fill: new ol.style.Fill({ color: MAP.traced }), stroke: new ol.style.Stroke({ color: MAP.halo, width: 2 }) })
    })
  });
  const map = new ol.Map({
    target,
    layers: [tileLayer('provinces', tileSource('provinces'), { style: outline(MAP.provinceEdge) }),
      tileLayer('communes', tileSource('communes'), { style: outline(MAP.communeEdge), minZoom: 8 }), traced],
    view: new ol.View({ center: ol.proj.fromLonLat([106, 16]), zoom: 5 })
  });
  map.getView().fit(feature.getGeometry().getExtent(), { padding: [40, 40, 40, 40], maxZoom: 14 });
}
