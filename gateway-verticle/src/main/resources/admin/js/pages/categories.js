// Categories: the whole tree (every page of GET /categories, built from parentId) as nested lists
// of buttons (a branch opens and closes by a button with aria-expanded; arrow keys, Home and End
// move between the names). The selected category is renamed, moved (a new parent, or the top
// level), deleted, or given a child; a new top-level category is made from the page's head.
// The API judges moves (its own ancestor: 400) and deletions (children: 409); both are shown.
import {
  h, clear, field, startPage, pageReady, pageError, errorMessage, showFieldErrors, clearFieldErrors, detailText,
} from '../dom.js';
import { loadCategories, buildTree, categoryOptions, fieldWithHint } from '../catalogue.js';

const FORM = 'category';

export async function render(view, params, ctx) {
  const { t, api, locale } = ctx;
  const section = startPage(view, 'categories');
  const collator = new Intl.Collator(locale);
  const expanded = new Set();
  /** What the editor shows: {mode: 'edit', id} or {mode: 'create', parentId}. */
  let editing = { mode: 'create', parentId: null };
  let categories = [];
  let byId = new Map();
  let roots = [];

  const heading = h('div', { class: 'page-head' },
    h('h1', {}, t('categories.title')),
    h('button', { id: 'category-new-top', type: 'button', class: 'primary', onclick: () => startCreate(null) },
      t('categories.newTop')));
  const message = h('p', { id: 'category-message', class: 'message', role: 'status', 'aria-live': 'polite' });
  const treeBox = h('div', { class: 'panel category-tree-panel' });
  const editor = h('div', { class: 'panel category-editor', id: 'category-editor' });

  function say(text, tone = '') {
    message.className = `message ${tone}`;
    message.textContent = text;
  }

  /** Reads every category; on success shows the tree and the editor, `focusId` focused. */
  async function load(focusId = null) {
    try {
      categories = await loadCategories(api);
    } catch (e) {
      pageError(section, e, () => load(focusId), heading);
      return false;
    }
    byId = new Map(categories.map((c) => [c.id, c]));
    roots = buildTree(categories, collator);
    if (editing.mode === 'edit' && !byId.has(editing.id)) {
      editing = { mode: 'create', parentId: null };
    }
    if (editing.mode === 'create' && editing.parentId && !byId.has(editing.parentId)) {
      editing = { mode: 'create', parentId: null };
    }
    if (editing.mode === 'edit') {
      reveal(editing.id);
    }
    if (section.dataset.state !== 'ready') {
      // The top level starts open: the first two levels are in sight.
      roots.forEach((node) => expanded.add(node.category.id));
      pageReady(section, heading, message, h('div', { class: 'category-layout' }, treeBox, editor));
    }
    drawTree(focusId);
    drawEditor();
    return true;
  }

  // --- the tree ---------------------------------------------------------------------------------

  function drawTree(focusId) {
    const selectedId = editing.mode === 'edit' ? editing.id : null;
    const list = (nodes, top) => h('ul', { id: top ? 'category-tree' : null, class: 'category-tree',
      'aria-labelledby': top ? 'category-tree-title' : null },
    nodes.map((node) => item(node, selectedId)));
    clear(treeBox).append(h('h2', { id: 'category-tree-title' }, t('categories.tree')),
      roots.length ? list(roots, true) : h('p', { class: 'muted' }, t('categories.none')));
    if (focusId) {
      nameButton(focusId)?.focus();
    }

    function item(node, selected) {
      const { category, children } = node;
      const open = expanded.has(category.id);
      return h('li', { 'data-category-id': category.id },
        h('div', { class: 'category-row' },
          children.length
            ? h('button', {
              type: 'button', class: 'category-toggle', 'aria-expanded': String(open),
              'aria-label': t('categories.toggle', { name: category.name, count: children.length }),
              onclick: () => toggle(category.id, true), onkeydown: (event) => keys(event, node),
            }, h('span', { 'aria-hidden': 'true' }, open ? '▾' : '▸'))
            : h('span', { class: 'category-toggle-space' }),
          h('button', {
            type: 'button', class: 'category-name', 'aria-current': category.id === selected ? 'true' : null,
            onclick: () => select(category.id), onkeydown: (event) => keys(event, node),
          }, category.name, h('span', { class: 'category-slug muted' }, ` /${category.slug}`))),
        children.length && open ? list(children, false) : null);
    }
  }

  function nameButton(id) {
    return treeBox.querySelector(`li[data-category-id="${CSS.escape(id)}"] > .category-row > .category-name`);
  }

  /** Opens or closes a branch; focus stays on its toggle (`onToggle`) or its name. */
  function toggle(id, onToggle = false) {
    if (expanded.has(id)) {
      expanded.delete(id);
    } else {
      expanded.add(id);
    }
    drawTree(onToggle ? null : id);
    if (onToggle) {
      treeBox.querySelector(`li[data-category-id="${CSS.escape(id)}"] > .category-row > .category-toggle`)?.focus();
    }
  }

  /** The name buttons as shown, top to bottom. */
  function visibleButtons() {
    return [...treeBox.querySelectorAll('.category-name')];
  }

  function keys(event, node) {
    const id = node.category.id;
    const buttons = visibleButtons();
    const index = buttons.indexOf(nameButton(id));
    const focus = (button) => button?.focus();
    switch (event.key) {
      case 'ArrowDown': focus(buttons[index + 1]); break;
      case 'ArrowUp': focus(buttons[index - 1]); break;
      case 'Home': focus(buttons[0]); break;
      case 'End': focus(buttons[buttons.length - 1]); break;
      case 'ArrowRight':
        if (node.children.length && !expanded.has(id)) {
          toggle(id);
        } else if (node.children.length) {
          focus(buttons[index + 1]);
        }
        break;
      case 'ArrowLeft':
        if (node.children.length && expanded.has(id)) {
          toggle(id);
        } else if (node.category.parentId && byId.has(node.category.parentId)) {
          focus(nameButton(node.category.parentId));
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  /** Opens every ancestor of `id`, so that it is shown. */
  function reveal(id) {
    for (let parent = byId.get(id)?.parentId; parent && byId.has(parent); parent = byId.get(parent).parentId) {
      expanded.add(parent);
    }
  }

  function select(id) {
    editing = { mode: 'edit', id };
    say('');
    drawTree(id);
    drawEditor();
  }

  function startCreate(parentId) {
    editing = { mode: 'create', parentId };
    say('');
    drawTree(null);
    drawEditor();
    document.getElementById(`${FORM}-name`)?.focus();
  }

  // --- the editor -------------------------------------------------------------------------------

  function drawEditor() {
    const category = editing.mode === 'edit' ? byId.get(editing.id) : null;
    const parentId = category ? category.parentId : editing.parentId;
    const control = (name, attrs) => h('input', { id: `${FORM}-${name}`, name, type: 'text', ...attrs });
    const controls = {
      name: control('name', { value: category?.name || '', maxlength: 120, required: true }),
      slug: control('slug', { value: category?.slug || '', maxlength: 120, autocomplete: 'off' }),
      description: h('textarea', { id: `${FORM}-description`, name: 'description', rows: 3, maxlength: 2000, value: category?.description || '' }),
      parentId: h('select', { id: `${FORM}-parentId`, name: 'parentId' },
        h('option', { value: '' }, t('categories.topLevel')),
        // Its own subtree stays offered: the API judges a move that would make it its own ancestor.
        categoryOptions(roots, { selected: parentId || '' })),
    };
    const save = h('button', { id: 'category-save', type: 'submit', class: 'primary' },
      category ? t('action.save') : t('categories.create'));
    const title = category
      ? t('categories.editTitle', { name: category.name })
      : (parentId ? t('categories.newChildTitle', { name: byId.get(parentId)?.name || '' }) : t('categories.newTopTitle'));
    clear(editor).append(
      h('h2', { id: 'category-editor-title' }, title),
      h('form', {
        id: 'category-form', novalidate: true, 'aria-labelledby': 'category-editor-title',
        onsubmit: (event) => {
          event.preventDefault();
          submit(category, controls, save);
        },
      },
      field(t('categories.name'), controls.name, `${FORM}-name-error`),
      fieldWithHint(t('categories.slug'), controls.slug, `${FORM}-slug-error`, t('categories.slugHint')),
      field(t('categories.description'), controls.description, `${FORM}-description-error`),
      field(category ? t('categories.parentMove') : t('categories.parent'), controls.parentId, `${FORM}-parentId-error`),
      h('div', { class: 'actions' }, save,
        category ? h('button', { id: 'category-new-child', type: 'button', onclick: () => startCreate(category.id) },
          t('categories.newChild')) : null,
        category ? null : h('button', { type: 'button', onclick: cancelCreate }, t('action.cancel')))),
      category ? h('div', { class: 'danger-zone' },
        h('h3', {}, t('categories.deleteTitle')),
        h('p', { class: 'muted' }, t('categories.deleteText')),
        h('button', { id: 'category-delete', type: 'button', class: 'danger', onclick: () => remove(category) },
          t('categories.delete'))) : null);
  }

  function cancelCreate() {
    const back = editing.parentId;
    if (back) {
      select(back);
    } else {
      startCreate(null);
    }
  }

  async function submit(category, controls, save) {
    clearFieldErrors(FORM);
    const value = (name) => controls[name].value.trim();
    const body = {
      name: value('name'),
      slug: value('slug') || undefined,
      description: value('description') || null,
      parentId: value('parentId') || null,
    };
    save.disabled = true;
    say(t('categories.saving'));
    let saved;
    try {
      saved = category
        ? await api.put(`/categories/${encodeURIComponent(category.id)}`, body)
        : await api.post('/categories', body);
    } catch (e) {
      save.disabled = false;
      const unplaced = showFieldErrors(FORM, e.details || []);
      say(e.details?.length && !unplaced.length ? `${errorMessage(e)}` : [errorMessage(e),
        ...unplaced.map(detailText)].join(' — '), 'bad');
      editor.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    editing = { mode: 'edit', id: saved.id };
    if (await load(saved.id)) {
      say(category ? t('categories.saved', { name: saved.name }) : t('categories.created', { name: saved.name }), 'ok');
    }
  }

  async function remove(category) {
    if (!window.confirm(t('categories.confirmDelete', { name: category.name }))) {
      return;
    }
    const button = editor.querySelector('#category-delete');
    button.disabled = true;
    say(t('categories.saving'));
    try {
      await api.del(`/categories/${encodeURIComponent(category.id)}`);
    } catch (e) {
      button.disabled = false;
      say(e.status === 409 ? t('categories.hasChildren', { message: errorMessage(e) }) : errorMessage(e), 'bad');
      return;
    }
    editing = category.parentId ? { mode: 'edit', id: category.parentId } : { mode: 'create', parentId: null };
    if (await load(category.parentId)) {
      say(t('categories.deleted', { name: category.name }), 'ok');
    }
  }

  await load();
}
