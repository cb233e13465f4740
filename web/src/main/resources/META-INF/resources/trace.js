// RuralAtlas trace page: the growing area, farm or OCOP producer on a small map, over the
// province and commune boundaries drawn from the server's own vector tiles (no outside map).
(function () {
  'use strict';
  var data = document.getElementById('trace-geometry');
  var target = document.getElementById('trace-map');
  if (!data || !target || typeof ol === 'undefined') { return; }
  var geometry = JSON.parse(data.textContent);
  if (!geometry) { target.style.display = 'none'; return; }
  var base = document.querySelector('header a').getAttribute('href').replace(/\/$/, '');
  function tiles(id, stroke, minZoom) {
    return new ol.layer.VectorTile({
      minZoom: minZoom,
      source: new ol.source.VectorTile({
        format: new ol.format.MVT(),
        url: base + '/collections/' + id + '/tiles/WebMercatorQuad/{z}/{y}/{x}'
      }),
      style: new ol.style.Style({ stroke: new ol.style.Stroke({ color: stroke, width: 1 }) })
    });
  }
  var feature = new ol.format.GeoJSON().readFeature({ type: 'Feature', geometry: geometry, properties: {} },
    { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  var here = new ol.layer.Vector({
    source: new ol.source.Vector({ features: [feature] }),
    style: new ol.style.Style({
      fill: new ol.style.Fill({ color: 'rgba(230,168,23,0.45)' }),
      stroke: new ol.style.Stroke({ color: '#a66f00', width: 2 }),
      image: new ol.style.Circle({ radius: 8, fill: new ol.style.Fill({ color: '#c0392b' }),
        stroke: new ol.style.Stroke({ color: '#fff', width: 2 }) })
    })
  });
  var map = new ol.Map({
    target: target,
    layers: [tiles('provinces', '#555', 0), tiles('communes', '#aaa', 8), here],
    view: new ol.View({ center: ol.proj.fromLonLat([106, 16]), zoom: 5 })
  });
  map.getView().fit(feature.getGeometry().getExtent(), { padding: [40, 40, 40, 40], maxZoom: 14 });
  window.ruralatlasTraceMap = map;
}());
