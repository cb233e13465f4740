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
