// Customers: every account, searched by email or name, newest first, a page at a time.
import {
  h, field, startPage, pageLoading, pageReady, pageError, pager, table, formatDateTime, listHash,
} from '../dom.js';

const PAGE_SIZE = 20;

export async function render(view, params, ctx) {
  const { t, api, navigate } = ctx;
  const page = Math.max(1, Number.parseInt(params.query.page, 10) || 1);
  const search = params.query.search || '';
  const section = startPage(view, 'customers');

  const go = (query) => navigate(listHash('#/customers', query));
  const heading = h('h1', {}, t('customers.title'));
  const searchInput = h('input', { id: 'customers-search', type: 'search', value: search, maxlength: 100 });
  const filters = h('form', {
    class: 'toolbar', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      go({ search: searchInput.value.trim() });
    },
  },
  field(t('customers.search'), searchInput),
  h('button', { id: 'customers-apply', type: 'submit', class: 'primary' }, t('customers.find')));

  async function load() {
    pageLoading(section, heading, filters);
    let result;
    try {
      result = await api.get('/users', { page, pageSize: PAGE_SIZE, search });
    } catch (e) {
      pageError(section, e, load, [heading, filters]);
      return;
    }
    const rows = result.users.map((user) => h('tr', { 'data-user-id': user.id },
      h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(user.id)}` }, user.fullName || user.email)),
      h('td', {}, user.email),
      h('td', {}, user.phone || '—'),
      h('td', {}, t(`role.${user.role}`)),
      h('td', {}, activeBadge(user.isActive, t)),
      h('td', {}, formatDateTime(user.createdAt))));
    pageReady(section, heading, filters,
      table(t('customers.title'), [t('customers.name'), t('customers.email'), t('customers.phone'),
        t('customers.role'), t('customers.status'), t('customers.createdAt')], rows,
      search ? t('customers.noMatch') : t('customers.none')),
      pager(result.page, result.totalPages, result.total, (to) => go({ search, page: to })));
  }

  await load();
}

/** "Active" / "Deactivated" as a badge. */
export function activeBadge(active, t) {
  return h('span', { class: `badge ${active ? 'ok' : 'bad'}` }, active ? t('customers.active') : t('customers.inactive'));
}
