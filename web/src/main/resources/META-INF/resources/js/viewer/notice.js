// RuralAtlas viewer: a short message over the map (copied, failed, basemap unreachable).
import { byId } from '../dom.js';

let timer = null;

/** Shows text for ms milliseconds (6 s by default). */
export function notice(text, ms) {
  const n = byId('notice');
  n.textContent = text;
  n.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { n.hidden = true; }, ms || 6000);
}

const SAMPLE_SEEN = 'ruralatlas.sampleNoticeSeen';

/** Says once, on the first screen of the first visit, that the data shown is illustrative sample data. */
export function sampleNoticeOnce() {
  let seen = false;
  try { seen = localStorage.getItem(SAMPLE_SEEN) === '1'; } catch (e) { /* storage refused: say it every visit */ }
  if (seen) { return; }
  const banner = byId('sample-banner');
  banner.hidden = false;
  byId('sample-ok').addEventListener('click', () => { banner.hidden = true; }, { once: true });
  try { localStorage.setItem(SAMPLE_SEEN, '1'); } catch (e) { /* as above */ }
}
