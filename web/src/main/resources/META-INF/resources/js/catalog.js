// RuralAtlas pages: what the server's catalogue says about the layers, for people: layer titles
// in both languages with attribution and licence (/collections), property labels, value titles
// and the id property of each layer (/collections/{id}/schema: x-title-vi, x-enum-titles,
// x-ogc-role). Pages show these, never their own names for data.
import { getJson } from './api.js';
import { language } from './i18n.js';

export class Catalog {
  constructor() {
    this.titles = {}; // id → { vi, en, attribution, license }
    this.schemas = {}; // id → JSON Schema properties
    this.idProperty = {}; // id → name of the property with x-ogc-role id
    this.required = {}; // id → names of the properties a feature must have (the schema's required)
  }

  /** Loads the schemas of the layers ids and, with titles, the collections in both languages. */
  async load(ids, { titles = true } = {}) {
    const [vi, en, ...schemas] = await Promise.all([
      titles ? getJson('collections?lang=vi') : null, titles ? getJson('collections?lang=en') : null,
      ...ids.map((id) => getJson('collections/' + id + '/schema'))]);
    if (vi) {
      vi.collections.forEach((c) => { this.titles[c.id] = { vi: c.title, en: c.title, attribution: c.attribution, license: c.license }; });
      en.collections.forEach((c) => { if (this.titles[c.id]) { this.titles[c.id].en = c.title; } });
    }
    ids.forEach((id, i) => {
      this.schemas[id] = schemas[i].properties;
      this.required[id] = schemas[i].required || [];
      for (const [name, p] of Object.entries(schemas[i].properties)) {
        if (p['x-ogc-role'] === 'id') { this.idProperty[id] = name; }
      }
    });
    return this;
  }

  /** The title of a layer in the current language. */
  layerTitle(id) {
    const c = this.titles[id];
    return c ? c[language()] : id;
  }

  /** The label of a property. */
  propertyTitle(layer, name) {
    const p = this.property(layer, name);
    if (!p) { return name; }
    return language() === 'vi' ? p['x-title-vi'] || p.title : p.title;
  }

  /** The title of a property's value, or the value made readable. */
  valueTitle(layer, name, value) {
    const p = this.property(layer, name);
    const titles = p && p[language() === 'vi' ? 'x-enum-titles-vi' : 'x-enum-titles'];
    return titles && titles[value] !== undefined ? titles[value] : String(value).replace(/_/g, ' ');
  }

  /** The values a property allows (of its items, for a list). */
  allowedValues(layer, name) {
    const p = this.property(layer, name);
    return ((p && (p.enum || (p.items && p.items.enum))) || []).filter((v) => v !== null);
  }

  property(layer, name) {
    return (this.schemas[layer] || {})[name] || null;
  }
}
