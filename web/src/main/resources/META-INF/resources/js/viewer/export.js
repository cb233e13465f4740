// RuralAtlas viewer: Export PNG: the map's canvases as drawn, then under them the legend, the
// scale bar and the attribution every source asks for, with a title.
import { byId, el } from '../dom.js';
import { t } from '../i18n.js';
import { INK, MAP } from '../palette.js';
import { legendRows, legendTitle } from './legend.js';
import { map } from './map.js';
import { notice } from './notice.js';
import { state } from './state.js';

/** Words wrapped into lines narrower than width in the context's font. */
function wrap(ctx, words, width) {
  const lines = [];
  words.forEach((word) => {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && ctx.measureText(last + ' ' + word).width < width) { lines[lines.length - 1] = last + ' ' + word; } else { lines.push(word); }
  });
  return lines;
}

/** Each layer canvas of the map, drawn with its opacity and transform. */
function drawLayers(ctx) {
  map.getViewport().querySelectorAll('.ol-layer canvas, canvas.ol-layer').forEach((canvas) => {
    if (canvas.width > 0) {
      const opacity = canvas.parentNode.style.opacity || canvas.style.opacity;
      ctx.globalAlpha = opacity === '' ? 1 : Number(opacity);
      const transform = canvas.style.transform.match(/^matrix\(([^(]*)\)$/);
      const m = transform ? transform[1].split(',').map(Number)
        : [parseFloat(canvas.style.width) / canvas.width, 0, 0, parseFloat(canvas.style.height) / canvas.height, 0, 0];
      ctx.setTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
      ctx.drawImage(canvas, 0, 0);
    }
  });
  ctx.globalAlpha = 1;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

function compose() {
  const [w, h] = map.getSize(); // the image has the map's size in CSS pixels
  const rows = state.visible.communes ? legendRows() : [];
  const columns = w >= 600 ? 3 : 2;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  const credits = Array.from(map.getViewport().querySelectorAll('.ol-attribution li'), (li) => li.textContent.trim());
  ctx.font = '10px system-ui, sans-serif';
  const lines = wrap(ctx, credits.join(' · ').split(' '), w - 16);
  const legendHeight = 24 + 18 * Math.ceil(rows.length / columns);
  const footer = legendHeight + 30 + 13 * lines.length + 6;
  out.width = w;
  out.height = h + footer;
  ctx.fillStyle = MAP.sea;
  ctx.fillRect(0, 0, w, h);
  drawLayers(ctx);
  ctx.fillStyle = INK.paper;
  ctx.fillRect(0, h, w, footer);
  ctx.fillStyle = INK.text;
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.fillText(t('title') + (rows.length ? ' — ' + legendTitle() : ''), 8, h + 16);
  ctx.font = '12px system-ui, sans-serif';
  rows.forEach((r, i) => {
    const x = 8 + (i % columns) * Math.floor((w - 16) / columns);
    const y = h + 24 + Math.floor(i / columns) * 18;
    ctx.fillStyle = r.colour;
    ctx.fillRect(x, y, 14, 12);
    ctx.strokeStyle = INK.edge;
    ctx.strokeRect(x, y, 14, 12);
    ctx.fillStyle = INK.text;
    ctx.fillText(r.label, x + 20, y + 11);
  });
  // the scale bar as the map shows it
  const scale = map.getViewport().querySelector('.ol-scale-line-inner');
  const yScale = h + legendHeight + 14;
  if (scale) {
    const sw = scale.offsetWidth;
    ctx.fillStyle = INK.text;
    ctx.fillRect(8, yScale, sw, 3);
    ctx.fillRect(8, yScale - 5, 2, 8);
    ctx.fillRect(8 + sw - 2, yScale - 5, 2, 8);
    ctx.fillText(scale.textContent, 14 + sw, yScale + 4);
  }
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = INK.muted;
  lines.forEach((line, i) => ctx.fillText(line, 8, yScale + 22 + 13 * i));
  return out;
}

/** The view as a PNG Blob, once the map has finished drawing. */
export function exportPng() {
  return new Promise((resolve, reject) => {
    map.once('rendercomplete', () => {
      try {
        compose().toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/png');
      } catch (e) {
        reject(e);
      }
    });
    map.renderSync();
  });
}

byId('export-button').addEventListener('click', () => {
  exportPng().then((blob) => {
    const a = el('a', { href: URL.createObjectURL(blob), download: 'ruralatlas-' + new Date().toISOString().slice(0, 10) + '.png' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    notice(t('export.done'));
  }, (e) => notice(t('export.failed', { e: e.message })));
});
