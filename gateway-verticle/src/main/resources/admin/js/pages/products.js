// Products: the catalogue searched, filtered by category and stock, sorted (low stock first on
// request), a page at a time (GET /products). The filters live in the hash's query, so Back works.
import {
  h, field, startPage, pageLoading, pageReady, pageError, pager, table, clear,
  formatVnd, formatNumber, listHash, linkRow,
} from '../dom.js';
import { loadCategories, buildTree, categoryOptions } from '../catalogue.js';

const PAGE_SIZE = 20;
const SORTS = ['newest', 'price_asc', 'price_desc', 'name', 'stock_asc'];
/** At or below this many units a product is shown as low in stock. */
export const LOW_STOCK = 10;

export async function render(view, params, ctx) {
  const { t, api, navigate, locale } = ctx;
  const query = params.query;
  const filters = {
    search: (query.search || '').trim(),
    category: query.category || '',
    sort: SORTS.includes(query.sort) ? query.sort : 'newest',
    instock: query.instock === '1' ? '1' : '',
  };
  const page = Math.max(1, Number.parseInt(query.page, 10) || 1);
  const section = startPage(view, 'products');

  const go = (next) => navigate(listHash('#/products', next, { sort: 'newest' }));

  const heading = h('div', { class: 'page-head' },
    h('h1', {}, t('products.title')),
    h('a', { id: 'products-new', class: 'button primary', href: '#/products/new' }, t('products.new')));
  const search = h('input', { id: 'products-search', type: 'search', value: filters.search, maxlength: 200 });
  const category = h('select', { id: 'products-category' },
    h('option', { value: '' }, t('products.anyCategory')),
    filters.category ? h('option', { value: filters.category, selected: true }, filters.category) : null);
  const sort = h('select', { id: 'products-sort' },
    SORTS.map((s) => h('option', { value: s, selected: s === filters.sort }, t(`products.sort.${s}`))));
  const inStock = h('input', { id: 'products-instock', type: 'checkbox', checked: filters.instock === '1' });
  const form = h('form', {
    class: 'toolbar', role: 'search', 'aria-label': t('products.filters'),
    onsubmit: (event) => {
      event.preventDefault();
      go({ search: search.value.trim(), category: category.value, sort: sort.value, instock: inStock.checked ? '1' : '' });
    },
  },
  field(t('products.search'), search),
  field(t('products.category'), category),
  field(t('products.sortBy'), sort),
  h('div', { class: 'field field-check' }, inStock, h('label', { for: 'products-instock' }, t('products.inStockOnly'))),
  h('button', { id: 'products-apply', type: 'submit', class: 'primary' }, t('action.apply')));

  async function load() {
    pageLoading(section, heading, form);
    let result;
    let categories;
    try {
      [result, categories] = await Promise.all([
        api.get('/products', {
          page, pageSize: PAGE_SIZE, search: filters.search, categorySlug: filters.category,
          sort: filters.sort, inStock: filters.instock ? 'true' : '',
        }),
        loadCategories(api),
      ]);
    } catch (e) {
      pageError(section, e, load, [heading, form]);
      return;
    }
    const tree = buildTree(categories, new Intl.Collator(locale));
    clear(category).append(h('option', { value: '' }, t('products.anyCategory')),
      ...categoryOptions(tree, { value: (c) => c.slug, selected: filters.category }));

    const rows = result.products.map((product) => {
      const low = product.stock <= LOW_STOCK;
      return linkRow(`#/products/${encodeURIComponent(product.id)}`,
        { 'data-product-id': product.id, class: low ? 'low-stock' : null },
        h('td', {}, h('span', { class: 'mono' }, product.sku)),
        h('td', {}, h('a', { href: `#/products/${encodeURIComponent(product.id)}` }, product.name)),
        h('td', { class: 'num' }, formatVnd(product.priceInt)),
        h('td', { class: 'num', 'data-field': 'stock', 'data-value': product.stock }, low
          ? h('span', { class: `badge ${product.stock === 0 ? 'bad' : 'warn'}` }, formatNumber(product.stock),
            h('span', { class: 'visually-hidden' }, ` (${t(product.stock === 0 ? 'products.outOfStock' : 'products.lowStock')})`))
          : formatNumber(product.stock)),
        h('td', {}, product.category ? product.category.name : h('span', { class: 'muted' }, t('products.noCategory'))));
    });
    const filtered = filters.search || filters.category || filters.instock;
    pageReady(section, heading, form,
      table(t('products.title'), [t('products.sku'), t('products.name'), { text: t('products.price'), num: true },
        { text: t('products.stock'), num: true }, t('products.category')], rows, filtered ? t('products.noMatch') : t('products.none'),
      { class: 'products-table' }),
      pager(result.page, result.totalPages, result.total, (to) => go({ ...filters, page: to })));
  }

  await load();
}
