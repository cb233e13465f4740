// RuralAtlas planner: a table sortable with the keyboard: each column header holds a button, the
// sorted column says so with aria-sort, text is compared in Vietnamese order (Intl.Collator('vi'):
// Đ after D, tones after the bare letter), numbers as numbers, missing values always last. A row
// with an action is focusable and answers a click or Enter.
import { el } from '../dom.js';

const collator = new Intl.Collator('vi');
const missing = (v) => v === null || v === undefined || v === '';

export class SortableTable {
  /**
   * columns: [{ key, title(), hint() (the header's title), cell(row) → text or node (default: the value), className(row), value(row) }];
   * options: sortKey, descending, onRow(row) (a click or Enter on a row for which canAct(row), default all), rowKey(row), selected (a rowKey), onRender(rows) (after each drawing, in the table's order).
   */
  constructor(table, columns, options) {
    this.table = table;
    this.columns = columns;
    this.options = options;
    this.sortKey = options.sortKey;
    this.descending = !!options.descending;
    this.rows = [];
  }

  value(column, row) {
    return column.value ? column.value(row) : row[column.key];
  }

  compare(a, b) {
    const column = this.columns.find((c) => c.key === this.sortKey);
    const x = this.value(column, a);
    const y = this.value(column, b);
    if (missing(x) || missing(y)) { return missing(x) - missing(y); }
    const order = typeof x === 'string' || typeof y === 'string' ? collator.compare(String(x), String(y)) : x - y;
    return this.descending ? -order : order;
  }

  show(rows) {
    this.rows = rows.slice();
    this.render();
  }

  sortBy(key) {
    this.descending = key === this.sortKey ? !this.descending : key !== 'name';
    this.sortKey = key;
    this.render();
    this.table.querySelector('th[data-key="' + key + '"] button').focus();
  }

  select(key) {
    this.options.selected = key;
    this.table.querySelectorAll('tbody tr').forEach((tr) => {
      const on = tr.dataset.key === key;
      tr.classList.toggle('selected', on);
      if (on) { tr.setAttribute('aria-current', 'true'); } else { tr.removeAttribute('aria-current'); }
    });
  }

  render() {
    const { onRow, rowKey, canAct } = this.options;
    this.rows.sort((a, b) => this.compare(a, b));
    const head = el('tr', {}, this.columns.map((c) => {
      const sorted = c.key === this.sortKey;
      return el('th', { scope: 'col', 'data-key': c.key, 'aria-sort': sorted ? (this.descending ? 'descending' : 'ascending') : null }, [
        el('button', { type: 'button', title: c.hint ? c.hint() : null, on: { click: () => this.sortBy(c.key) } }, [c.title(),
          el('span', { class: 'arrow', 'aria-hidden': 'true', text: sorted ? (this.descending ? ' ▼' : ' ▲') : '' })])]);
    }));
    const body = this.rows.map((r) => {
      const action = onRow && (!canAct || canAct(r));
      return el('tr', { 'data-key': rowKey ? rowKey(r) : null, tabindex: action ? '0' : null, class: action ? 'action' : null,
        on: action ? { click: () => onRow(r), keydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); onRow(r); } } } : {} },
      this.columns.map((c) => {
        const shown = c.cell ? c.cell(r) : this.value(c, r);
        return el('td', { class: c.className ? c.className(r) : null }, [missing(shown) ? '–' : shown]);
      }));
    });
    this.table.tHead.replaceChildren(head);
    this.table.tBodies[0].replaceChildren(...body);
    this.select(this.options.selected);
    if (this.options.onRender) { this.options.onRender(this.rows); }
  }
}
