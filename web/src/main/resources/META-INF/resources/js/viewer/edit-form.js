// RuralAtlas viewer: the form of Edit mode (edit.js), made from a layer's JSON Schema in the
// catalogue: a list of allowed values for an enum, check boxes for a list of them, a check box for
// a boolean, a number field for numbers, a text field for the rest. Properties of other shapes, the
// id and what only the server writes are not offered; the server checks every value again.
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { catalog } from './state.js';

/** The form's fields: every property of the schema but the id and what the server alone writes. */
function editable(layer) {
  const schema = catalog.schemas[layer] || {};
  return Object.keys(schema).filter((name) => {
    const p = schema[name];
    return !p.readOnly && !p['x-ogc-role'] && kind(p) !== null;
  });
}

function kind(p) {
  const type = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  if (p.enum) { return 'enum'; }
  if (type === 'array') { return p.items && p.items.enum ? 'set' : null; }
  return ['string', 'integer', 'number', 'boolean'].includes(type) ? type : null;
}

function input(layer, name, p, value) {
  const id = 'edit-' + name;
  const k = kind(p);
  if (k === 'enum') {
    return el('select', { id, name }, [el('option', { value: '', text: '—' }),
      catalog.allowedValues(layer, name).map((v) => el('option', { value: String(v), text: catalog.valueTitle(layer, name, v), selected: v === value }))]);
  }
  if (k === 'set') {
    const chosen = Array.isArray(value) ? value : [];
    return el('span', { id, class: 'choices', role: 'group' }, catalog.allowedValues(layer, name).map((v) => el('label', { class: 'check' }, [
      el('input', { type: 'checkbox', name, value: String(v), checked: chosen.includes(v) }), ' ', catalog.valueTitle(layer, name, v)])));
  }
  if (k === 'boolean') { return el('input', { id, name, type: 'checkbox', checked: value === true }); }
  const number = k === 'integer' || k === 'number';
  return el('input', { id, name, type: number ? 'number' : 'text', step: k === 'integer' ? '1' : number ? 'any' : null,
    inputmode: number ? (k === 'integer' ? 'numeric' : 'decimal') : null, value: value === null || value === undefined ? '' : String(value) });
}

/** What a field holds now, as the property's JSON value. */
function valueOf(form, layer, name, p) {
  const k = kind(p);
  if (k === 'set') { return [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value); }
  const e = form.elements[name];
  if (k === 'boolean') { return e.checked; }
  if (e.value.trim() === '') { return null; }
  if (k === 'integer' || k === 'number') { return Number.isNaN(Number(e.value)) ? e.value : Number(e.value); }
  return k === 'enum' && typeof catalog.allowedValues(layer, name)[0] === 'number' ? Number(e.value) : e.value;
}

/** A field per editable property: its label, its input and the place of its problem (hidden until one comes). */
export function fields(layer, properties) {
  const schema = catalog.schemas[layer] || {};
  return editable(layer).map((name) => {
    const errorId = 'edit-' + name + '-error';
    const field = input(layer, name, schema[name], properties[name]);
    field.setAttribute('aria-describedby', errorId);
    const required = (catalog.required[layer] || []).includes(name);
    if (required) { field.setAttribute('aria-required', 'true'); }
    return el('div', { class: 'field', 'data-property': name }, [
      el('label', { for: 'edit-' + name, text: catalog.propertyTitle(layer, name) + (required ? ' *' : '') }), field,
      el('p', { class: 'field-error', id: errorId, hidden: true })]);
  });
}

/** The properties whose fields differ from what was read, with their new values. */
export function changedProperties(form, layer, before) {
  const schema = catalog.schemas[layer] || {};
  const changed = {};
  for (const name of editable(layer)) {
    const now = valueOf(form, layer, name, schema[name]);
    const was = before[name] === undefined ? null : before[name];
    if (JSON.stringify(now) !== JSON.stringify(was) && !(kind(schema[name]) === 'set' && now.length === 0 && !was)) { changed[name] = now; }
  }
  return changed;
}

/** The schema's required properties left empty, as problems beside their fields. */
export function missing(form, layer) {
  const schema = catalog.schemas[layer] || {};
  return (catalog.required[layer] || []).filter((name) => editable(layer).includes(name))
    .filter((name) => { const v = valueOf(form, layer, name, schema[name]); return v === null || (Array.isArray(v) && !v.length); })
    .map((name) => ({ property: name, detail: t('edit.required') }));
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => { e.hidden = true; e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  byId('edit-message').textContent = '';
}

export function showErrors(form, errors) {
  const general = [];
  for (const { property, detail } of errors) {
    const name = String(property || '').replace(/^properties\./, '');
    const box = byId('edit-' + name + '-error');
    if (box && form.contains(box)) {
      box.textContent = detail;
      box.hidden = false;
      byId('edit-' + name).setAttribute('aria-invalid', 'true');
    } else {
      general.push(detail);
    }
  }
  byId('edit-message').textContent = general.length ? general.join(' ') : t('edit.invalid');
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) { first.focus(); }
}
