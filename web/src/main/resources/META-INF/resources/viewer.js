// RuralAtlas viewer: draws the published collections from the OGC API items endpoint.
// (Vector tiles, search and the planner tools come with their own issues.)
(function () {
  'use strict';
  var NTM_COLOURS = { none: '#d9d9d9', ntm: '#a6d96a', advanced: '#1a9641', model: '#005a32', modern_pilot: '#2b83ba' };
  var LAYERS = [
    { id: 'provinces', colour: '#555555', minZoom: 0, style: function () {
        return new ol.style.Style({ stroke: new ol.style.Stroke({ color: '#555', width: 1.2 }) }); } },
    { id: 'communes', colour: '#a6d96a', minZoom: 9, style: function (f) {
        return new ol.style.Style({
          fill: new ol.style.Fill({ color: (NTM_COLOURS[f.get('ntm_level')] || '#ffffff') + 'aa' }),
          stroke: new ol.style.Stroke({ color: '#888', width: 0.5 }) }); } },
    { id: 'zones', colour: '#e6a817', minZoom: 7, style: function () {
        return new ol.style.Style({ fill: new ol.style.Fill({ color: 'rgba(230,168,23,0.5)' }),
          stroke: new ol.style.Stroke({ color: '#a66f00', width: 1 }) }); } },
    { id: 'farms', colour: '#8c510a', minZoom: 9, style: circle('#8c510a', 4) },
    { id: 'tourism', colour: '#c51b7d', minZoom: 4, style: circle('#c51b7d', 6) }
  ];

  function circle(colour, radius) {
    var s = new ol.style.Style({ image: new ol.style.Circle({ radius: radius,
      fill: new ol.style.Fill({ color: colour }), stroke: new ol.style.Stroke({ color: '#fff', width: 1.5 }) }) });
    return function () { return s; };
  }

  function source(id) {
    return new ol.source.Vector({
      format: new ol.format.GeoJSON(),
      strategy: ol.loadingstrategy.bbox,
      url: function (extent, resolution, projection) {
        var box = ol.proj.transformExtent(extent, projection, 'EPSG:4326');
        var clamp = [Math.max(box[0], -180), Math.max(box[1], -90), Math.min(box[2], 180), Math.min(box[3], 90)];
        return 'collections/' + id + '/items?limit=5000&bbox=' + clamp.join(',');
      }
    });
  }

  var layers = LAYERS.map(function (def) {
    return new ol.layer.Vector({ source: source(def.id), style: def.style, minZoom: def.minZoom, properties: { id: def.id } });
  });

  var map = new ol.Map({
    target: 'map',
    layers: layers,
    view: new ol.View({ center: ol.proj.fromLonLat([106.0, 16.0]), zoom: 5, minZoom: 4 })
  });
  window.ruralatlasMap = map;

  var list = document.getElementById('layer-list');
  LAYERS.forEach(function (def, i) {
    var li = document.createElement('li');
    var label = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', function () { layers[i].setVisible(box.checked); });
    var swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = def.colour;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(def.id));
    li.appendChild(label);
    list.appendChild(li);
  });
  fetch('collections', { headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang } }).then(function (r) { return r.json(); }).then(function (doc) {
    doc.collections.forEach(function (c) {
      var i = LAYERS.findIndex(function (d) { return d.id === c.id; });
      if (i >= 0) { list.children[i].querySelector('label').lastChild.textContent = c.title; }
    });
  });

  map.on('singleclick', function (e) {
    var hit = map.forEachFeatureAtPixel(e.pixel, function (f, layer) { return { f: f, id: layer.get('id') }; });
    var details = document.getElementById('details');
    if (!hit) { details.hidden = true; return; }
    document.getElementById('details-title').textContent = hit.f.get('name') || hit.f.getId();
    var dl = document.getElementById('details-list');
    dl.textContent = '';
    Object.keys(hit.f.getProperties()).forEach(function (k) {
      var v = hit.f.get(k);
      if (k === 'geometry' || v === null || v === undefined) { return; }
      var dt = document.createElement('dt');
      dt.textContent = k;
      var dd = document.createElement('dd');
      dd.textContent = typeof v === 'object' ? JSON.stringify(v) : String(v);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    details.hidden = false;
  });
})();
