// RuralAtlas pages: the one DOM builder. el('p', { class: 'note', text: '…' }, [children]) makes
// an element; svg('rect', {…}) the same in SVG. Styles are set through the CSSOM (style: {…}),
// never as a style attribute, and handlers with addEventListener (on: {…}), so pages work under a
// strict Content-Security-Policy.

const SVG = 'http://www.w3.org/2000/svg';

function build(ns, tag, attrs, children) {
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') {
      e.textContent = v === null || v === undefined ? '' : v;
    } else if (k === 'on') {
      for (const [type, fn] of Object.entries(v)) { e.addEventListener(type, fn); }
    } else if (k === 'style') {
      for (const [property, value] of Object.entries(v)) { e.style.setProperty(property, value); }
    } else if (v !== null && v !== undefined && v !== false) {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  append(e, children);
  return e;
}

/** Appends strings (as text), nodes and nested lists to parent; null and undefined are skipped. */
export function append(parent, children) {
  for (const c of children || []) {
    if (Array.isArray(c)) {
      append(parent, c);
    } else if (c !== null && c !== undefined && c !== false) {
      parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  }
  return parent;
}

/** An HTML element with attributes (text, on, style, or any attribute) and children. */
export function el(tag, attrs, children) {
  return build(null, tag, attrs, children);
}

/** An SVG element, as el. */
export function svg(tag, attrs, children) {
  return build(SVG, tag, attrs, children);
}

/** A coloured square (or dot) for a legend or a list; decorative. */
export function swatch(colour, dot) {
  return el('span', { class: dot ? 'swatch dot' : 'swatch', style: { background: colour }, 'aria-hidden': 'true' });
}

/** The element with this id. */
export function byId(id) {
  return document.getElementById(id);
}
