// Shared by the catalogue pages: the category tree (every category read a page at a time, as
// GET /categories allows 100 a page; the tree built from their parentId; <option>s for it) and
// a labelled field with a hint under its control.
import { h, field } from './dom.js';

const PAGE_SIZE = 100;

/** Every category, in the API's order; pages read one after the other. */
export async function loadCategories(api) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const result = await api.get('/categories', { page, pageSize: PAGE_SIZE });
    all.push(...result.categories);
    if (page >= result.totalPages || result.categories.length === 0) {
      return all;
    }
  }
}

/**
 * The tree: [{category, children: [...], depth}], each level by name. A category whose parent is
 * not in the list (deleted meanwhile) is shown at the top level rather than lost.
 */
export function buildTree(categories, collator) {
  const nodes = new Map(categories.map((category) => [category.id, { category, children: [], depth: 0 }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.category.parentId && nodes.get(node.category.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list, depth) => {
    list.sort((a, b) => collator.compare(a.category.name, b.category.name));
    list.forEach((node) => {
      node.depth = depth;
      sort(node.children, depth + 1);
    });
  };
  sort(roots, 0);
  return roots;
}

/**
 * <option>s for the tree, indented by depth; `value(category)` gives each option's value,
 * `selected` the value to select.
 */
export function categoryOptions(roots, { value = (c) => c.id, selected = '' } = {}) {
  const out = [];
  const walk = (list) => list.forEach((node) => {
    const v = value(node.category);
    out.push(h('option', { value: v, selected: v === selected }, `${'\u00a0\u00a0'.repeat(node.depth)}${node.category.name}`));
    walk(node.children);
  });
  walk(roots);
  return out;
}

/** field() with `hint` under the control; the control is described by the hint and its error. */
export function fieldWithHint(text, control, errorId, hint) {
  const wrap = field(text, control, errorId);
  const hintId = `${control.id}-hint`;
  control.after(h('p', { id: hintId, class: 'field-hint muted' }, hint));
  control.setAttribute('aria-describedby', `${hintId} ${errorId}`);
  return wrap;
}
