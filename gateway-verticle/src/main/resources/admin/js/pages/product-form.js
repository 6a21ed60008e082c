// A product: created (#/products/new, POST /products) or edited (#/products/<id>, PUT), with the
// API's field errors beside their fields; on the edit page, its stock adjusted by a delta
// (POST /products/{id}/stock) and the product deleted after a confirmation.
import {
  h, field, startPage, pageReady, pageError, errorMessage, showFieldErrors, clearFieldErrors,
  detailText, formatDateTime, formatNumber,
} from '../dom.js';
import { loadCategories, buildTree, categoryOptions, fieldWithHint } from '../catalogue.js';
import { LOW_STOCK } from './products.js';

const FORM = 'product';
const INTEGER = /^[+-]?\d+$/;
/** The id of the product just created: its page, drawn next, says so (and the hash stays plain). */
let justCreated = null;

export async function render(view, params, ctx) {
  const { t, api, navigate, locale } = ctx;
  const creating = !params.id;
  const section = startPage(view, 'product-form');
  let product = null;
  let tree = [];

  async function load() {
    try {
      const [categories, loaded] = await Promise.all([
        loadCategories(api),
        creating ? null : api.get(`/products/${encodeURIComponent(params.id)}`),
      ]);
      tree = buildTree(categories, new Intl.Collator(locale));
      product = loaded;
    } catch (e) {
      pageError(section, e, load, backLink(t));
      return;
    }
    const created = !creating && justCreated === product.id;
    justCreated = null;
    show(created ? t('productForm.created') : null);
  }

  function show(notice) {
    const message = h('div', { id: 'product-message', class: notice ? 'message ok' : 'message', role: 'status', 'aria-live': 'polite' }, notice);
    const p = product || {};
    const input = (name, attrs = {}) => h('input', { id: `${FORM}-${name}`, name, type: 'text', ...attrs });
    const controls = {
      sku: input('sku', { value: p.sku || '', maxlength: 64, required: true, autocomplete: 'off', class: 'mono' }),
      name: input('name', { value: p.name || '', maxlength: 200, required: true }),
      slug: input('slug', { value: p.slug || '', maxlength: 120, autocomplete: 'off' }),
      priceInt: input('priceInt', { type: 'number', value: p.priceInt ?? '', min: 1, step: 1, required: true, inputmode: 'numeric' }),
      stock: creating ? input('stock', { type: 'number', value: '0', min: 0, step: 1, inputmode: 'numeric' }) : null,
      description: h('textarea', { id: `${FORM}-description`, name: 'description', rows: 4, maxlength: 10000, value: p.description || '' }),
      categoryId: h('select', { id: `${FORM}-categoryId`, name: 'categoryId' },
        h('option', { value: '' }, t('productForm.noCategory')),
        categoryOptions(tree, { selected: p.categoryId || '' })),
      imageUrls: h('textarea', {
        id: `${FORM}-imageUrls`, name: 'imageUrls', rows: 3, value: (p.imageUrls || []).join('\n'),
        spellcheck: 'false', class: 'mono',
      }),
      attributes: h('textarea', {
        id: `${FORM}-attributes`, name: 'attributes', rows: 5, spellcheck: 'false', class: 'mono',
        value: p.attributes ? JSON.stringify(p.attributes, null, 2) : '',
      }),
      model3dUrl: input('model3dUrl', { type: 'url', value: p.model3dUrl || '', maxlength: 2048 }),
    };
    const save = h('button', { id: 'product-save', type: 'submit', class: 'primary' },
      creating ? t('productForm.create') : t('action.save'));
    const labelled = (name, hint = null) => (hint
      ? fieldWithHint(t(`productForm.${name}`), controls[name], `${FORM}-${name}-error`, hint)
      : field(t(`productForm.${name}`), controls[name], `${FORM}-${name}-error`));
    const form = h('form', {
      id: 'product-form', class: 'panel product-form', novalidate: true, 'aria-labelledby': 'product-form-title',
      onsubmit: (event) => {
        event.preventDefault();
        submit(controls, save, message);
      },
    },
    h('h2', { id: 'product-form-title' }, t('productForm.details')),
    h('div', { class: 'form-grid' },
      labelled('sku'),
      labelled('name'),
      labelled('slug', t('productForm.slugHint')),
      labelled('priceInt'),
      creating ? labelled('stock') : null,
      labelled('categoryId')),
    labelled('description'),
    labelled('imageUrls', t('productForm.imageUrlsHint')),
    labelled('attributes', t('productForm.attributesHint')),
    labelled('model3dUrl'),
    h('div', { class: 'actions' }, save));

    pageReady(section, backLink(t),
      h('h1', {}, creating ? t('productForm.newTitle') : p.name),
      creating ? null : h('p', { class: 'muted' }, t('productForm.updatedAt', { at: formatDateTime(p.updatedAt) })),
      message,
      creating ? null : stockPanel(),
      form,
      creating ? null : deletePanel());
  }

  /** The request body from the form, or null after showing why it cannot be sent. */
  function body(controls) {
    const value = (name) => controls[name].value.trim();
    const errors = [];
    let attributes = null;
    if (value('attributes')) {
      try {
        attributes = JSON.parse(value('attributes'));
      } catch (e) {
        errors.push({ field: 'attributes', message: t('productForm.attributesNotJson', { error: e.message }) });
      }
      if (!errors.length && (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes))) {
        errors.push({ field: 'attributes', message: t('productForm.attributesNotObject') });
      }
    }
    if (errors.length) {
      showFieldErrors(FORM, errors);
      controls.attributes.focus();
      return null;
    }
    const number = (name) => (value(name) === '' ? undefined : Number(value(name)));
    const result = {
      sku: value('sku'),
      name: value('name'),
      slug: value('slug') || undefined,
      priceInt: number('priceInt'),
      description: value('description') || null,
      categoryId: value('categoryId') || null,
      imageUrls: value('imageUrls').split('\n').map((line) => line.trim()).filter(Boolean),
      attributes,
      model3dUrl: value('model3dUrl') || null,
    };
    if (creating) {
      result.stock = number('stock');
    }
    return result;
  }

  async function submit(controls, save, message) {
    clearFieldErrors(FORM);
    message.className = 'message';
    message.textContent = '';
    const request = body(controls);
    if (!request) {
      return;
    }
    save.disabled = true;
    message.textContent = t('productForm.saving');
    let saved;
    try {
      saved = creating
        ? await api.post('/products', request)
        : await api.put(`/products/${encodeURIComponent(product.id)}`, request);
    } catch (e) {
      save.disabled = false;
      const unplaced = showFieldErrors(FORM, fieldDetails(e.details));
      message.className = 'message bad';
      message.replaceChildren(h('p', {}, e.details?.length && !unplaced.length ? t('productForm.fixFields') : errorMessage(e)));
      if (unplaced.length) {
        message.append(h('ul', {}, unplaced.map((d) => h('li', {}, detailText(d)))));
      }
      const first = section.querySelector('[aria-invalid="true"]');
      (first || message).focus?.();
      return;
    }
    if (creating) {
      justCreated = saved.id;
      navigate(`#/products/${encodeURIComponent(saved.id)}`);
      return;
    }
    product = saved;
    show(t('productForm.saved'));
  }

  function stockPanel() {
    const current = h('span', { 'data-field': 'stock', 'data-value': product.stock,
      class: product.stock <= LOW_STOCK ? 'stock-low' : null }, formatNumber(product.stock));
    const delta = h('input', { id: 'stock-delta', type: 'number', step: 1, inputmode: 'numeric', autocomplete: 'off' });
    const apply = h('button', { id: 'stock-apply', type: 'submit' }, t('productForm.stockApply'));
    const result = h('p', { id: 'stock-message', class: 'message', role: 'status', 'aria-live': 'polite' });
    const error = field(t('productForm.stockDelta'), delta, 'stock-delta-error');
    return h('form', {
      class: 'panel stock-panel', novalidate: true, 'aria-labelledby': 'stock-title',
      onsubmit: async (event) => {
        event.preventDefault();
        const text = delta.value.trim();
        clearFieldErrors('stock');
        if (!INTEGER.test(text) || Number(text) === 0) {
          showFieldErrors('stock', [{ field: 'delta', message: t('productForm.stockDeltaInvalid') }]);
          delta.focus();
          return;
        }
        apply.disabled = true;
        result.className = 'message';
        result.textContent = t('productForm.saving');
        try {
          const change = await api.post(`/products/${encodeURIComponent(product.id)}/stock`, { delta: Number(text) });
          product = { ...product, stock: change.newStock };
          current.dataset.value = change.newStock;
          current.textContent = formatNumber(change.newStock);
          current.className = change.newStock <= LOW_STOCK ? 'stock-low' : '';
          result.className = 'message ok';
          result.textContent = t('productForm.stockChanged', {
            previous: formatNumber(change.previousStock), next: formatNumber(change.newStock),
          });
          delta.value = '';
        } catch (e) {
          result.className = 'message bad';
          result.textContent = e.status === 409 ? t('productForm.stockConflict', { message: errorMessage(e) }) : errorMessage(e);
        } finally {
          apply.disabled = false;
        }
      },
    },
    h('h2', { id: 'stock-title' }, t('productForm.stockTitle')),
    h('p', {}, t('productForm.stockCurrent'), ' ', current),
    h('div', { class: 'toolbar' }, error, apply),
    result);
  }

  function deletePanel() {
    const message = h('p', { id: 'product-delete-message', class: 'message', role: 'status' });
    const button = h('button', {
      id: 'product-delete', type: 'button', class: 'danger',
      onclick: async () => {
        if (!window.confirm(t('productForm.confirmDelete', { name: product.name }))) {
          return;
        }
        button.disabled = true;
        try {
          await api.del(`/products/${encodeURIComponent(product.id)}`);
        } catch (e) {
          button.disabled = false;
          message.className = 'message bad';
          message.textContent = errorMessage(e);
          return;
        }
        navigate('#/products');
      },
    }, t('productForm.delete'));
    return h('div', { class: 'panel danger-zone' }, h('h2', {}, t('productForm.deleteTitle')),
      h('p', { class: 'muted' }, t('productForm.deleteText')), button, message);
  }

  await load();
}

/**
 * The API names a bad image line `imageUrls[2]`: shown beside the image field with its line
 * number; several errors of one field are joined, as the field has one error element.
 */
function fieldDetails(details = []) {
  const byField = new Map();
  const loose = [];
  for (const d of details) {
    const line = /^imageUrls\[(\d+)\]$/.exec(d.field || '');
    const name = line ? 'imageUrls' : d.field;
    const message = line ? `#${Number(line[1]) + 1}: ${d.message}` : d.message;
    if (!name) {
      loose.push(d);
    } else {
      byField.set(name, byField.has(name) ? `${byField.get(name)}; ${message}` : message);
    }
  }
  return [...[...byField].map(([field, message]) => ({ field, message })), ...loose];
}

function backLink(t) {
  return h('p', {}, h('a', { href: '#/products' }, `← ${t('productForm.back')}`));
}
