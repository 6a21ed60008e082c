// Platform: /health as a status board (each service's status, instances and fastest latency) and
// the event pipeline (outbox pending, lag, dead letters per service, from /admin/events),
// refreshed every 10 s while the tab is visible.
import { h, startPage, pageReady, pageError, loadingBlock, errorBlock, table, formatNumber, formatDateTime, clear } from '../dom.js';

const REFRESH_MS = 10_000;

export async function render(view, params, ctx) {
  const { t, api, onLeave } = ctx;
  const section = startPage(view, 'platform');
  const heading = h('h1', {}, t('platform.title'));
  const updated = h('p', { class: 'muted', id: 'platform-updated', 'aria-live': 'polite' });
  const health = h('div', { id: 'platform-health', 'data-state': 'loading' }, loadingBlock());
  const events = h('div', { id: 'platform-events', 'data-state': 'loading' }, loadingBlock());
  let timer = null;
  let left = false;
  let first = true;

  async function refresh() {
    clearTimeout(timer);
    const [healthError, eventsError] = await Promise.all([
      part(health, () => healthAnswer(api), (answer) => healthBoard(answer, t)),
      part(events, () => api.get('/admin/events'), (answer) => eventsTable(answer, t)),
    ]);
    if (left) {
      return;
    }
    if (first) {
      if (healthError && eventsError) {
        pageError(section, healthError, refresh, heading);
        return;
      }
      first = false;
      pageReady(section, heading, tools, updated,
        h('h2', {}, t('platform.services')), health,
        h('h2', {}, t('platform.events')), events);
    }
    updated.textContent = t('platform.updated', { at: formatDateTime(new Date().toISOString()), seconds: REFRESH_MS / 1000 });
    schedule();
  }

  /** Loads one part; a failed load replaces the part with its error (and a retry). Resolves to the error or null. */
  async function part(el, fetch, draw) {
    try {
      const answer = await fetch();
      el.replaceChildren(draw(answer));
      el.dataset.state = 'ready';
      return null;
    } catch (e) {
      clear(el).append(errorBlock(e, refresh));
      el.dataset.state = 'error';
      return e;
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (!document.hidden && !left) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  const onVisibility = () => {
    if (document.hidden) {
      clearTimeout(timer);
    } else if (!first) {
      refresh();
    }
  };
  document.addEventListener('visibilitychange', onVisibility);
  onLeave(() => {
    left = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  });
  const tools = h('div', { class: 'actions' },
    h('button', { type: 'button', id: 'platform-refresh', onclick: refresh }, t('platform.refresh')));

  await refresh();
}

/** /health answers 503 with the same body when a service is down: both are a board to show. */
async function healthAnswer(api) {
  try {
    return await api.get('/health');
  } catch (e) {
    if (e.status === 503 && e.body && e.body.services) {
      return e.body;
    }
    throw e;
  }
}

function statusBadge(status, t) {
  const up = status === 'UP';
  return h('span', { class: `badge ${up ? 'ok' : 'bad'}`, 'data-status': status }, up ? t('platform.up') : t('platform.down'));
}

function healthBoard(answer, t) {
  const rows = [h('tr', { 'data-service': 'gateway' },
    h('th', { scope: 'row' }, 'gateway'),
    h('td', {}, statusBadge(answer.gateway.status, t)),
    h('td', { class: 'num' }, '—'),
    h('td', { class: 'num' }, '—'))];
  for (const [name, service] of Object.entries(answer.services)) {
    rows.push(h('tr', { 'data-service': name },
      h('th', { scope: 'row' }, name),
      h('td', {}, statusBadge(service.status, t)),
      h('td', { class: 'num', 'data-field': 'instances' }, formatNumber(service.instances)),
      h('td', { class: 'num', 'data-field': 'latencyMs' },
        service.latencyMs === undefined ? '—' : t('platform.ms', { ms: formatNumber(service.latencyMs, 2) }))));
  }
  return h('div', {},
    h('p', {}, t('platform.overall'), ' ', statusBadge(answer.status, t)),
    table(t('platform.services'), [t('platform.service'), t('platform.status'),
      { text: t('platform.instances'), num: true }, { text: t('platform.latency'), num: true }], rows));
}

function eventsTable(answer, t) {
  const rows = answer.services.map((service) => {
    return h('tr', { 'data-events-service': service.service },
      h('th', { scope: 'row' }, service.service),
      h('td', {}, statusBadge(service.status, t)),
      h('td', { class: 'num', 'data-field': 'outboxPending' }, formatNumber(service.outboxPending)),
      h('td', { class: 'num', 'data-field': 'outboxLagMs' }, lag(service.outboxLagMs, t)),
      h('td', { class: 'num', 'data-field': 'deadLetters' }, service.deadLetters > 0
        ? h('span', { class: 'badge bad' }, formatNumber(service.deadLetters)) : formatNumber(service.deadLetters)),
      h('td', { 'data-field': 'oldestDeadLetter' }, service.oldestDeadLetter
        ? t('platform.deadLetter', { type: service.oldestDeadLetter.type, at: formatDateTime(service.oldestDeadLetter.failedAt) })
        : '—'));
  });
  return table(t('platform.events'), [t('platform.service'), t('platform.status'),
    { text: t('platform.outboxPending'), num: true }, { text: t('platform.outboxLag'), num: true },
    { text: t('platform.deadLetters'), num: true }, t('platform.oldestDeadLetter')], rows, t('platform.noEvents'));
}

/** An outbox lag: milliseconds under a second, else seconds (null: the service did not answer). */
function lag(ms, t) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  return ms < 1000 ? t('platform.ms', { ms: formatNumber(ms) }) : t('platform.s', { s: formatNumber(ms / 1000, 1) });
}
