// Dashboard: for a date range (UTC days, the last 30 by default), the sales summary's figures,
// revenue (bars) and orders (line) by day, the top products by revenue, and sign-up cohorts.
import {
  h, field, startPage, pageLoading, pageReady, pageError, table, listHash,
  formatVnd, formatVndCompact, formatNumber, formatDate,
} from '../dom.js';
import { locale } from '../i18n.js';
import { drawChart } from '../charts.js';

const DAY_MS = 86_400_000;
const TOP_PRODUCTS = 10;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The default range: the 30 UTC days ending today, as the reports' own default. */
function defaultRange() {
  const today = new Date();
  return { from: isoDay(new Date(today.getTime() - 29 * DAY_MS)), to: isoDay(today) };
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export async function render(view, params, ctx) {
  const { t, api, navigate } = ctx;
  const fallback = defaultRange();
  const range = {
    from: DAY.test(params.query.from || '') ? params.query.from : fallback.from,
    to: DAY.test(params.query.to || '') ? params.query.to : fallback.to,
  };
  const section = startPage(view, 'dashboard');

  const heading = h('h1', {}, t('dashboard.title'));
  const from = h('input', { id: 'range-from', type: 'date', value: range.from, required: true });
  const to = h('input', { id: 'range-to', type: 'date', value: range.to, min: range.from, required: true });
  from.addEventListener('change', () => { to.min = from.value; });
  const rangeForm = h('form', {
    class: 'toolbar', 'aria-label': t('dashboard.range'),
    onsubmit: (event) => {
      event.preventDefault();
      navigate(listHash('#/dashboard', { from: from.value, to: to.value }));
    },
  },
  field(t('dashboard.from'), from),
  field(t('dashboard.to'), to),
  h('button', { id: 'range-apply', type: 'submit', class: 'primary' }, t('action.apply')));

  async function load() {
    pageLoading(section, heading, rangeForm);
    const query = { fromAt: range.from, toAt: range.to };
    let summary;
    let performance;
    let cohorts;
    try {
      [summary, performance, cohorts] = await Promise.all([
        api.get('/reports/sales-summary', query),
        api.get('/reports/product-performance', { ...query, limit: TOP_PRODUCTS }),
        api.get('/reports/user-cohort', query),
      ]);
    } catch (e) {
      pageError(section, e, load, [heading, rangeForm]);
      return;
    }
    const salesChart = h('div', { id: 'chart-sales', class: 'chart', role: 'img', 'aria-label': t('dashboard.salesChart') });
    const productsChart = h('div', {
      id: 'chart-products', class: 'chart', role: 'img', 'aria-label': t('dashboard.productsChart'),
    });
    pageReady(section, heading, rangeForm,
      h('h2', { class: 'visually-hidden' }, t('dashboard.figures')),
      figures(summary, t),
      h('div', { class: 'charts' },
        h('div', { class: 'panel' }, h('h2', {}, t('dashboard.salesChart')), salesChart),
        h('div', { class: 'panel' }, h('h2', {}, t('dashboard.productsChart')),
          performance.products.length ? productsChart : h('p', { class: 'muted' }, t('dashboard.noProducts')))),
      h('h2', {}, t('dashboard.cohorts')),
      cohortTable(cohorts.cohorts, t));
    try {
      await drawChart(salesChart, salesOption(summary.byDay, t), ctx);
      if (performance.products.length) {
        await drawChart(productsChart, productsOption(performance.products, t), ctx);
      }
    } catch (e) {
      pageError(section, e, load, [heading, rangeForm]);
    }
  }

  await load();
}

function figures(summary, t) {
  const items = [
    ['totalOrders', t('dashboard.totalOrders'), formatNumber(summary.totalOrders)],
    ['paidOrders', t('dashboard.paidOrders'), formatNumber(summary.paidOrders)],
    ['cancelledOrders', t('dashboard.cancelledOrders'), formatNumber(summary.cancelledOrders)],
    ['grossRevenueInt', t('dashboard.grossRevenue'), formatVnd(summary.grossRevenueInt)],
    ['averageOrderValueInt', t('dashboard.averageOrderValue'), formatVnd(summary.averageOrderValueInt)],
  ];
  return h('div', { class: 'figures' }, items.map(([name, label, text]) => h('div', { class: 'figure' },
    h('p', { class: 'figure-label', id: `figure-${name}-label` }, label),
    h('p', {
      class: 'figure-value', 'data-figure': name, 'data-value': summary[name],
      'aria-labelledby': `figure-${name}-label figure-${name}`, id: `figure-${name}`,
    }, text))));
}

function salesOption(byDay, t) {
  const shortDay = new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const revenue = t('dashboard.revenue');
  const orders = t('dashboard.orders');
  return {
    color: ['#1f5fbf', '#e07b00'],
    legend: { data: [revenue, orders], top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (points) => [formatDate(byDay[points[0].dataIndex].date),
        ...points.map((p) => `${p.seriesName}: ${p.seriesIndex === 0 ? formatVnd(p.value) : formatNumber(p.value)}`)]
        .join('\n'),
    },
    xAxis: { type: 'category', data: byDay.map((day) => shortDay.format(new Date(`${day.date}T00:00:00Z`))) },
    yAxis: [
      { type: 'value', name: revenue, minInterval: 1, axisLabel: { formatter: (value) => formatVndCompact(value) } },
      { type: 'value', name: orders, minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: revenue, type: 'bar', data: byDay.map((day) => day.revenueInt) },
      { name: orders, type: 'line', yAxisIndex: 1, data: byDay.map((day) => day.orders) },
    ],
  };
}

function productsOption(products, t) {
  return {
    color: ['#1f7a5c'],
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (points) => {
        const product = products[points[0].dataIndex];
        return [product.name, `${t('dashboard.revenue')}: ${formatVnd(product.revenueInt)}`,
          `${t('dashboard.unitsSold')}: ${formatNumber(product.unitsSold)}`].join('\n');
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (value) => formatVndCompact(value) } },
    // Highest revenue at the top.
    yAxis: {
      type: 'category', inverse: true, data: products.map((product) => product.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [{ name: t('dashboard.revenue'), type: 'bar', data: products.map((product) => product.revenueInt) }],
  };
}

function cohortTable(cohorts, t) {
  const month = (cohort) => {
    const [year, number] = cohort.split('-').map(Number);
    return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, number - 1, 1)));
  };
  return table(t('dashboard.cohorts'),
    [t('dashboard.cohortMonth'), ...['cohortUsers', 'cohortBuyers', 'cohortOrders', 'revenue']
      .map((key) => ({ text: t(`dashboard.${key}`), num: true }))],
    cohorts.map((row) => h('tr', { 'data-cohort': row.cohort },
      h('th', { scope: 'row' }, month(row.cohort)),
      h('td', { class: 'num' }, formatNumber(row.users)),
      h('td', { class: 'num' }, formatNumber(row.buyers)),
      h('td', { class: 'num' }, formatNumber(row.orders)),
      h('td', { class: 'num' }, formatVnd(row.revenueInt)))),
    t('dashboard.noCohorts'), { id: 'cohorts' });
}
