// One order (GET /admin/orders/{id}): its status and the moves that status allows (as buttons
// only: PENDING -> PAID, PAID -> SHIPPED, SHIPPED -> DELIVERED, and cancel with a reason from
// PENDING or PAID), its lines, customer, address, payment and history, oldest first.
import {
  h, field, startPage, pageReady, pageError, errorMessage, table,
  formatVnd, formatDateTime, formatNumber, orderStatusBadge,
} from '../dom.js';

/** The move forward each status allows (PUT /orders/{id}/status). */
const NEXT = { PENDING: 'PAID', PAID: 'SHIPPED', SHIPPED: 'DELIVERED' };
const CANCELLABLE = ['PENDING', 'PAID'];

export async function render(view, params, ctx) {
  const { t, api } = ctx;
  const id = params.id;
  const section = startPage(view, 'order');
  // Kept across re-renders: the outcome of the last action stays visible over the reloaded order.
  const message = h('p', { id: 'order-message', class: 'message', role: 'status', 'aria-live': 'polite' });
  let detail;

  function say(text, tone) {
    message.className = `message ${tone || ''}`;
    message.textContent = text;
  }

  /** Reads the order and shows it; false (the page showing the error) when it cannot be read. */
  async function load() {
    try {
      detail = await api.get(`/admin/orders/${encodeURIComponent(id)}`);
    } catch (e) {
      pageError(section, e, load, backLink(t));
      return false;
    }
    show();
    return true;
  }

  function show() {
    const { order } = detail;
    pageReady(section, backLink(t),
      h('h1', {}, t('order.title', { id: order.id.slice(0, 8) })),
      h('div', { class: 'panel' }, h('dl', { class: 'details' },
        h('dt', {}, t('order.status')),
        h('dd', { 'data-field': 'status', 'data-value': order.status }, orderStatusBadge(order.status)),
        h('dt', {}, t('order.total')), h('dd', { 'data-field': 'totalInt', 'data-value': order.totalInt }, formatVnd(order.totalInt)),
        h('dt', {}, t('order.placed')), h('dd', {}, formatDateTime(order.createdAt)),
        h('dt', {}, t('order.updated')), h('dd', {}, formatDateTime(order.updatedAt)),
        h('dt', {}, t('order.id')), h('dd', { class: 'mono' }, order.id))),
      actions(order),
      message,
      h('h2', {}, t('order.lines')),
      lines(order, t),
      h('div', { class: 'order-columns' },
        customerPanel(detail.customer, order.userId, t),
        addressPanel(detail.address, order.addressId, t),
        paymentPanel(detail.payment, t)),
      h('h2', { id: 'order-history-title' }, t('order.history')),
      history(detail.history));
  }

  function actions(order) {
    const next = NEXT[order.status];
    const cancellable = CANCELLABLE.includes(order.status);
    if (!next && !cancellable) {
      return h('p', { class: 'muted' }, t('order.final'));
    }
    const reason = h('input', { id: 'cancel-reason', type: 'text', maxlength: 500, autocomplete: 'off' });
    return h('div', { class: 'panel order-actions' },
      h('h2', {}, t('order.actions')),
      next ? h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'primary', 'data-transition': next, onclick: () => move(order, next),
        }, t(`order.to.${next}`))) : null,
      cancellable ? h('form', {
        class: 'toolbar cancel-form', 'aria-label': t('order.cancelTitle'),
        onsubmit: (event) => {
          event.preventDefault();
          cancel(order, reason.value.trim());
        },
      },
      field(t('order.cancelReason'), reason),
      h('button', { id: 'cancel-submit', type: 'submit', class: 'danger' }, t('order.cancel'))) : null);
  }

  function busy(on) {
    section.querySelectorAll('.order-actions button, .order-actions input').forEach((el) => { el.disabled = on; });
    section.setAttribute('aria-busy', String(on));
  }

  async function move(order, status) {
    busy(true);
    say(t('order.saving'));
    try {
      await api.put(`/orders/${encodeURIComponent(order.id)}/status`, { status });
    } catch (e) {
      await failed(order, e);
      return;
    }
    if (await load()) {
      say(t('order.moved', { status: t(`orderStatus.${status}`) }), 'ok');
    }
  }

  async function cancel(order, reason) {
    if (!window.confirm(t('order.confirmCancel'))) {
      return;
    }
    busy(true);
    say(t('order.saving'));
    try {
      await api.put(`/orders/${encodeURIComponent(order.id)}/cancel`, reason ? { reason } : {});
    } catch (e) {
      await failed(order, e);
      return;
    }
    if (await load()) {
      say(t('order.cancelled'), 'ok');
    }
  }

  /**
   * A refused action. A 409 whose reload shows another status is a race (someone moved the order
   * meanwhile): said so plainly, over the reloaded order; any other error keeps the API's message.
   */
  async function failed(order, error) {
    if (error.status !== 409) {
      busy(false);
      say(errorMessage(error), 'bad');
      return;
    }
    if (await load()) {
      const now = detail.order.status;
      say(now !== order.status ? t('order.changed', { status: t(`orderStatus.${now}`) }) : errorMessage(error), 'bad');
    }
  }

  await load();
}

function backLink(t) {
  return h('p', {}, h('a', { href: '#/orders' }, `← ${t('order.back')}`));
}

function lines(order, t) {
  const rows = order.items.map((item) => h('tr', { 'data-product-id': item.productId },
    h('td', {}, h('a', { href: `#/products/${encodeURIComponent(item.productId)}` }, item.product.name)),
    h('td', {}, h('span', { class: 'mono' }, item.product.sku)),
    h('td', { class: 'num' }, formatNumber(item.quantity)),
    h('td', { class: 'num' }, formatVnd(item.priceInt)),
    h('td', { class: 'num' }, formatVnd(item.priceInt * item.quantity))));
  // Labelled by hand: its first cell spans four columns (on a narrow screen the amount says "Total").
  rows.push(h('tr', { class: 'total-row' },
    h('th', { scope: 'row', colspan: 4, 'data-label': '' }, t('order.total')),
    h('td', { class: 'num', 'data-label': t('order.total') }, formatVnd(order.totalInt))));
  return table(t('order.lines'), [t('order.product'), t('order.sku'), { text: t('order.quantity'), num: true },
    { text: t('order.unitPrice'), num: true }, { text: t('order.lineTotal'), num: true }], rows,
  undefined, { class: 'order-lines' });
}

function customerPanel(customer, userId, t) {
  return h('div', { class: 'panel' }, h('h2', {}, t('order.customer')),
    customer
      ? h('dl', { class: 'details' },
        h('dt', {}, t('order.customerName')),
        h('dd', {}, h('a', { href: `#/customers/${encodeURIComponent(customer.id)}`, 'data-field': 'customer' },
          customer.fullName || customer.email)),
        h('dt', {}, t('order.email')), h('dd', {}, customer.email),
        h('dt', {}, t('order.phone')), h('dd', {}, customer.phone || '—'))
      : h('p', {}, h('a', { href: `#/customers/${encodeURIComponent(userId)}` }, t('order.customerUnknown'))));
}

function addressPanel(address, addressId, t) {
  return h('div', { class: 'panel' }, h('h2', {}, t('order.address')),
    address
      ? h('address', { 'data-field': 'address' },
        h('strong', {}, address.fullName), h('br'), address.phone, h('br'),
        [address.street, address.ward, address.district, address.city].filter(Boolean).join(', '))
      : h('p', { class: 'muted' }, addressId ? t('order.addressUnavailable') : t('order.noAddress')));
}

function paymentPanel(payment, t) {
  if (!payment) {
    return h('div', { class: 'panel' }, h('h2', {}, t('order.payment')), h('p', { class: 'muted' }, t('order.noPayment')));
  }
  const transactionId = payment.payload && payment.payload.transactionId;
  return h('div', { class: 'panel' }, h('h2', {}, t('order.payment')),
    h('dl', { class: 'details' },
      h('dt', {}, t('order.paymentMethod')), h('dd', { 'data-field': 'paymentMethod' }, t(`paymentMethod.${payment.method}`)),
      h('dt', {}, t('order.paymentStatus')),
      h('dd', { 'data-field': 'paymentStatus', 'data-value': payment.status },
        h('span', { class: `badge ${PAYMENT_TONE[payment.status] || ''}` }, t(`paymentStatus.${payment.status}`))),
      h('dt', {}, t('order.paymentAmount')), h('dd', {}, formatVnd(payment.amountInt)),
      transactionId ? [h('dt', {}, t('order.transactionId')), h('dd', { class: 'mono' }, String(transactionId))] : null,
      h('dt', {}, t('order.paymentUpdated')), h('dd', {}, formatDateTime(payment.updatedAt))));
}

const PAYMENT_TONE = { PENDING: 'warn', SUCCESS: 'ok', FAILED: 'bad', REFUNDED: 'bad' };

function history(entries) {
  return h('ol', { id: 'order-history', class: 'history', 'aria-labelledby': 'order-history-title' },
    entries.map((entry) => h('li', { 'data-status': entry.status },
      orderStatusBadge(entry.status),
      h('time', { datetime: entry.at }, formatDateTime(entry.at)),
      entry.reason ? h('span', { class: 'history-reason' }, entry.reason) : null)));
}
