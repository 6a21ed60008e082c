// Building the pages: an element helper, formatters for the current locale, and the loading,
// error and ready states every page and every call goes through.
import { t, locale } from './i18n.js';
import { withQuery } from './api.js';

/**
 * h('button', {type: 'button', class: 'primary', onclick: save, 'data-x': 1}, 'Save'):
 * an element with attributes (on* functions become listeners; true is a bare attribute; null,
 * undefined and false are left out) and children (strings, numbers, nodes, arrays; null skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Removes every child of `el`; returns it. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

// --- formatters (current locale) --------------------------------------------------------------

/** 1234567 -> "1.234.567 ₫" (vi-VN) or "₫1,234,567" (en-US). */
export function formatVnd(amount) {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 })
    .format(amount);
}

/** Large amounts in short form for chart axes: "1,2 Tr ₫" / "₫1.2M". */
export function formatVndCompact(amount) {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'VND', notation: 'compact' }).format(amount);
}

/** A count or figure with the locale's grouping. */
export function formatNumber(value, fractionDigits = 0) {
  if (value === null || value === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits }).format(value);
}

/** An ISO instant as a local date and time. */
export function formatDateTime(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';
}

/** An ISO instant or a 'YYYY-MM-DD' day as a local date. */
export function formatDate(iso) {
  if (!iso) {
    return '—';
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

// --- page states ------------------------------------------------------------------------------

/** A "Loading…" block (role=status, so screen readers hear it). */
export function loadingBlock(text = t('state.loading')) {
  return h('p', { class: 'state-loading', role: 'status' }, text);
}

/**
 * An error block: what went wrong in the current language (by status), the API's own message and
 * field errors (the API speaks English), and a retry button when `retry` is given.
 */
export function errorBlock(error, retry) {
  const message = errorMessage(error);
  const details = ((error && error.details) || []).filter((d) => !message.includes(d.message));
  const kind = errorKind(error);
  return h('div', { class: 'state-error', role: 'alert' },
    kind ? h('p', { class: 'error-kind' }, t(kind)) : null,
    h('p', {}, message),
    details.length ? h('ul', {}, details.map((d) => h('li', {}, detailText(d)))) : null,
    retry ? h('button', { type: 'button', class: 'retry', onclick: retry }, t('action.retry')) : null);
}

/** One of an API error's details as a line: `field: message`, or the message alone. */
export function detailText(detail) {
  return detail.field ? `${detail.field}: ${detail.message}` : detail.message;
}

/** The text key saying what kind of failure an API status is; null for a network failure (said in full). */
function errorKind(error) {
  const status = error && error.status;
  if (!status) {
    return null;
  }
  if ([400, 403, 404, 409, 429].includes(status)) {
    return `error.status${status}`;
  }
  return status >= 500 ? 'error.status5xx' : null;
}

/** The text to show for an error: the API's message, or a plain one for a network failure. */
export function errorMessage(error) {
  if (!error) {
    return t('error.unknown');
  }
  if (error.status === 0) {
    return t('error.network');
  }
  return error.message || t('error.unknown');
}

/**
 * Starts a page: empties `view` and puts `<section data-page=name data-state=loading>` in it,
 * with a loading block. Returns the section.
 */
export function startPage(view, name) {
  const section = h('section', { 'data-page': name, 'data-state': 'loading', 'aria-busy': 'true' }, loadingBlock());
  clear(view).append(section);
  return section;
}

/** Shows the loading state: `children` (a heading, filters: what is known already), then "Loading…". */
export function pageLoading(section, ...children) {
  setState(section, 'loading', [children, loadingBlock()]);
}

/** Replaces the section's content with `children` and marks it ready. */
export function pageReady(section, ...children) {
  setState(section, 'ready', children);
}

/**
 * Replaces the section's content with `before` (optional: a heading, filters, or an array of them)
 * and an error block with a retry button.
 */
export function pageError(section, error, retry, before = null) {
  setState(section, 'error', [before, errorBlock(error, retry)]);
}

function setState(section, state, children) {
  clear(section);
  append(section, children);
  section.dataset.state = state;
  section.setAttribute('aria-busy', String(state === 'loading'));
}

// --- badges -----------------------------------------------------------------------------------

const ORDER_STATUS_TONE = { PENDING: 'warn', PAID: 'ok', SHIPPED: 'ok', DELIVERED: 'ok', CANCELLED: 'bad' };

/** An order's status as a badge in the current language ('orderStatus.PAID'), carrying `data-status`. */
export function orderStatusBadge(status) {
  return h('span', { class: `badge ${ORDER_STATUS_TONE[status] || ''}`, 'data-status': status }, t(`orderStatus.${status}`));
}

// --- forms ------------------------------------------------------------------------------------

/**
 * A labelled control: `<div class="field"><label for=id>text</label>control<p id=errorId></p></div>`.
 * With `errorId` the control is described by its (initially empty) error element.
 */
export function field(text, control, errorId = null) {
  if (errorId) {
    control.setAttribute('aria-describedby', errorId);
  }
  return h('div', { class: 'field' },
    h('label', { for: control.id }, text),
    control,
    errorId ? h('p', { id: errorId, class: 'field-error', 'aria-live': 'polite' }) : null);
}

/**
 * Shows the API's field errors beside their fields: detail {field: 'priceInt', message} goes into
 * `#<form>-priceInt-error` (and marks `#<form>-priceInt` aria-invalid). Returns the details that
 * had no field element, to show in a general message.
 */
export function showFieldErrors(form, details = []) {
  clearFieldErrors(form);
  const unplaced = [];
  for (const detail of details) {
    const error = detail.field && document.getElementById(`${form}-${detail.field}-error`);
    if (error) {
      error.textContent = detail.message;
      document.getElementById(`${form}-${detail.field}`)?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(detail);
    }
  }
  return unplaced;
}

/** Empties every `#<form>-*-error` element. */
export function clearFieldErrors(form) {
  document.querySelectorAll(`[id^="${form}-"][id$="-error"]`).forEach((el) => { el.textContent = ''; });
  document.querySelectorAll(`[id^="${form}-"][aria-invalid]`).forEach((el) => el.removeAttribute('aria-invalid'));
}

// --- lists ------------------------------------------------------------------------------------

/**
 * The pager under a list: `#pager-prev`, "Page 2 of 7 (130)", `#pager-next`; `go(page)` is called
 * with the page to show. Pages are 1-based, as the API's.
 */
export function pager(page, totalPages, total, go) {
  return h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    h('button', { type: 'button', id: 'pager-prev', disabled: page <= 1, onclick: () => go(page - 1) },
      t('pager.prev')),
    h('span', { class: 'pager-status' }, t('pager.status', {
      page: formatNumber(page), pages: formatNumber(Math.max(totalPages, 1)), total: formatNumber(total),
    })),
    h('button', { type: 'button', id: 'pager-next', disabled: page >= totalPages, onclick: () => go(page + 1) },
      t('pager.next')));
}

/**
 * A table: `headers` are texts, or {text, num: true} for a right-aligned figure column; `rows`
 * are <tr> elements. An empty list shows `emptyText`.
 */
export function table(caption, headers, rows, emptyText = t('state.empty'), attrs = {}) {
  // Each cell is labelled with its column: on a narrow screen a row is shown as a card of them.
  const labels = headers.map((header) => (typeof header === 'string' ? header : header.text));
  rows.forEach((row) => [...row.children].forEach((cell, i) => {
    if (labels[i] !== undefined && !cell.hasAttribute('data-label')) {
      cell.setAttribute('data-label', labels[i]);
    }
  }));
  return h('div', { class: 'table-wrap' },
    h('table', attrs,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map((header) => (typeof header === 'string'
        ? h('th', { scope: 'col' }, header)
        : h('th', { scope: 'col', class: header.num ? 'num' : null }, header.text))))),
      h('tbody', {}, rows.length ? rows
        : h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, emptyText)))));
}

/**
 * A list's hash with its filters as the query (`#/orders?status=PAID&page=2`), leaving out empty
 * values, page 1 and each filter's default, so Back returns to the list as it was.
 */
export function listHash(path, filters, defaults = {}) {
  return withQuery(path, Object.fromEntries(Object.entries(filters)
    .filter(([name, value]) => value !== 1 && defaults[name] !== value)));
}

/**
 * A table row that opens `hash` when clicked anywhere; its cells' own links keep their job (and
 * are how the keyboard opens it).
 */
export function linkRow(hash, attrs, ...cells) {
  const open = (event) => {
    if (!event.target.closest('a')) {
      window.location.hash = hash;
    }
  };
  return h('tr', { ...attrs, class: ['row-link', attrs.class].filter(Boolean).join(' '), onclick: open }, ...cells);
}
