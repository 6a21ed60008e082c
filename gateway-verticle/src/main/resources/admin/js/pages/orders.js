// Orders: every order of the shop, newest first, a page at a time (GET /admin/orders), filtered by
// status, customer (a user id, or an email looked up with GET /users/email/{email}) and a range of
// UTC days. The filters live in the hash's query, so Back returns to the previous list.
import {
  h, field, startPage, pageLoading, pageReady, pageError, pager, table,
  formatVnd, formatDateTime, formatNumber, orderStatusBadge, listHash, linkRow,
} from '../dom.js';
import { ApiError } from '../api.js';

const PAGE_SIZE = 20;
const STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function render(view, params, ctx) {
  const { t, api, navigate } = ctx;
  const query = params.query;
  const filters = {
    status: STATUSES.includes(query.status) ? query.status : '',
    customer: (query.customer || '').trim(),
    from: DAY.test(query.from || '') ? query.from : '',
    to: DAY.test(query.to || '') ? query.to : '',
  };
  const page = Math.max(1, Number.parseInt(query.page, 10) || 1);
  const section = startPage(view, 'orders');

  const go = (next) => navigate(listHash('#/orders', next));

  const heading = h('h1', {}, t('orders.title'));
  const status = h('select', { id: 'orders-status' },
    h('option', { value: '' }, t('orders.anyStatus')),
    STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, t(`orderStatus.${s}`))));
  const customer = h('input', {
    id: 'orders-customer', type: 'search', value: filters.customer, maxlength: 254,
    placeholder: t('orders.customerHint'), autocomplete: 'off',
  });
  const from = h('input', { id: 'orders-from', type: 'date', value: filters.from });
  const to = h('input', { id: 'orders-to', type: 'date', value: filters.to });
  const form = h('form', {
    class: 'toolbar', role: 'search', 'aria-label': t('orders.filters'),
    onsubmit: (event) => {
      event.preventDefault();
      go({ status: status.value, customer: customer.value.trim(), from: from.value, to: to.value });
    },
  },
  field(t('orders.status'), status),
  field(t('orders.customer'), customer),
  field(t('orders.from'), from),
  field(t('orders.to'), to),
  h('button', { id: 'orders-apply', type: 'submit', class: 'primary' }, t('action.apply')));

  /** The customer filter as a user id: itself, or the id of the account with that email. */
  async function customerId() {
    const text = filters.customer;
    if (!text || UUID.test(text)) {
      return text;
    }
    if (!text.includes('@')) {
      throw new Error(t('orders.customerInvalid'));
    }
    try {
      const user = await api.get(`/users/email/${encodeURIComponent(text)}`);
      return user.id;
    } catch (e) {
      if (e.status === 404) {
        throw new Error(t('orders.unknownEmail', { email: text }));
      }
      throw e;
    }
  }

  async function load() {
    pageLoading(section, heading, form);
    let result;
    try {
      const userId = await customerId();
      result = await api.get('/admin/orders', {
        page, pageSize: PAGE_SIZE, status: filters.status, userId, fromAt: filters.from, toAt: filters.to,
      });
    } catch (e) {
      // A customer filter that is neither an id nor a known email is corrected, not retried.
      pageError(section, e, e instanceof ApiError ? load : null, [heading, form]);
      return;
    }
    const rows = result.orders.map((order) => linkRow(`#/orders/${encodeURIComponent(order.id)}`,
      { 'data-order-id': order.id },
      h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(order.id)}` }, formatDateTime(order.createdAt))),
      h('td', {}, customerCell(order.customer, order.userId, t)),
      h('td', {}, orderStatusBadge(order.status)),
      h('td', { class: 'num' }, formatVnd(order.totalInt)),
      h('td', { class: 'num' }, formatNumber(itemCount(order)))));
    const filtered = filters.status || filters.customer || filters.from || filters.to;
    pageReady(section, heading, form,
      table(t('orders.title'), [t('orders.date'), t('orders.customer'), t('orders.status'),
        { text: t('orders.total'), num: true }, { text: t('orders.items'), num: true }], rows, filtered ? t('orders.noMatch') : t('orders.none'),
      { class: 'orders-table' }),
      result.totalCapped ? h('p', { class: 'muted' }, t('orders.capped', { total: formatNumber(result.total) })) : null,
      pager(result.page, result.totalPages, result.total, (to) => go({ ...filters, page: to })));
  }

  await load();
}

/** Units ordered over all lines. */
function itemCount(order) {
  return order.items.reduce((sum, item) => sum + item.quantity, 0);
}

function customerCell(customer, userId, t) {
  if (!customer) {
    return h('span', { class: 'muted', title: userId }, t('orders.unknownCustomer'));
  }
  return h('span', {}, customer.fullName ? h('span', { class: 'cell-main' }, customer.fullName) : null,
    h('span', { class: customer.fullName ? 'cell-sub muted' : 'cell-main' }, customer.email));
}
