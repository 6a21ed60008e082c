// One customer: the account's details, deactivate / reactivate (after a confirmation), and their
// orders, newest first (GET /admin/orders?userId=).
import {
  h, startPage, pageReady, pageError, loadingBlock, errorBlock, errorMessage, pager, table,
  formatVnd, formatDateTime, orderStatusBadge, clear,
} from '../dom.js';
import { activeBadge } from './customers.js';

const ORDERS_PAGE_SIZE = 10;

export async function render(view, params, ctx) {
  const { t, api, session } = ctx;
  const section = startPage(view, 'customer');
  const message = h('p', { id: 'customer-message', class: 'message', role: 'status' });
  const orders = h('div', { id: 'customer-orders' });
  let user;

  async function load() {
    try {
      user = await api.get(`/users/${encodeURIComponent(params.id)}`);
    } catch (e) {
      pageError(section, e, load, backLink(t));
      return;
    }
    show();
    await loadOrders(1);
  }

  function show() {
    const self = session.currentUser() && session.currentUser().id === user.id;
    const toggle = user.isActive
      ? h('button', { type: 'button', id: 'customer-deactivate', class: 'danger', disabled: self, onclick: () => change(false) },
        t('customer.deactivate'))
      : h('button', { type: 'button', id: 'customer-reactivate', class: 'primary', onclick: () => change(true) },
        t('customer.reactivate'));
    pageReady(section, backLink(t),
      h('h1', {}, user.fullName || user.email),
      h('div', { class: 'panel' }, h('dl', { class: 'details' },
        h('dt', {}, t('customers.email')), h('dd', { 'data-field': 'email' }, user.email),
        h('dt', {}, t('customers.phone')), h('dd', { 'data-field': 'phone' }, user.phone || '—'),
        h('dt', {}, t('customers.role')), h('dd', { 'data-field': 'role' }, t(`role.${user.role}`)),
        h('dt', {}, t('customers.status')),
        h('dd', { 'data-field': 'isActive', 'data-value': String(user.isActive) }, activeBadge(user.isActive, t)),
        h('dt', {}, t('customers.createdAt')), h('dd', {}, formatDateTime(user.createdAt)),
        h('dt', {}, t('customer.updatedAt')), h('dd', {}, formatDateTime(user.updatedAt)))),
      h('div', { class: 'actions' }, toggle),
      self ? h('p', { class: 'muted' }, t('customer.self')) : null,
      message,
      h('h2', {}, t('customer.orders')),
      orders);
  }

  async function change(active) {
    if (!window.confirm(t(active ? 'customer.confirmReactivate' : 'customer.confirmDeactivate', { email: user.email }))) {
      return;
    }
    const button = section.querySelector(active ? '#customer-reactivate' : '#customer-deactivate');
    button.disabled = true;
    message.className = 'message';
    message.textContent = t('customer.saving');
    try {
      user = active
        ? await api.put(`/users/${encodeURIComponent(user.id)}`, { isActive: true })
        : await api.put(`/users/${encodeURIComponent(user.id)}/deactivate`);
    } catch (e) {
      button.disabled = false;
      message.className = 'message bad';
      message.textContent = errorMessage(e);
      return;
    }
    show();
    message.className = 'message ok';
    message.textContent = t(active ? 'customer.reactivated' : 'customer.deactivated');
    section.querySelector(active ? '#customer-deactivate' : '#customer-reactivate')?.focus();
  }

  async function loadOrders(page) {
    clear(orders).append(loadingBlock());
    orders.dataset.state = 'loading';
    let result;
    try {
      result = await api.get('/admin/orders', { userId: user.id, page, pageSize: ORDERS_PAGE_SIZE });
    } catch (e) {
      clear(orders).append(errorBlock(e, () => loadOrders(page)));
      orders.dataset.state = 'error';
      return;
    }
    const rows = result.orders.map((order) => h('tr', { 'data-order-id': order.id },
      h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(order.id)}` }, formatDateTime(order.createdAt))),
      h('td', {}, orderStatusBadge(order.status)),
      h('td', { class: 'num' }, String(order.items.length)),
      h('td', { class: 'num' }, formatVnd(order.totalInt))));
    clear(orders).append(
      table(t('customer.orders'), [t('customer.orderDate'), t('customers.status'),
        { text: t('customer.lines'), num: true }, { text: t('customer.total'), num: true }], rows, t('customer.noOrders')),
      pager(result.page, result.totalPages, result.total, loadOrders));
    orders.dataset.state = 'ready';
  }

  await load();
}

function backLink(t) {
  return h('p', {}, h('a', { href: '#/customers' }, `← ${t('customer.back')}`));
}
