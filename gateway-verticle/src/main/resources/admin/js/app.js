// The console's boot and hash router. Each route names a page module in js/pages/; the module's
// render(view, params, ctx) draws the page into `view`. Signed-out visitors see the sign-in page,
// which brings them back to the hash they asked for.
import { api } from './api.js';
import * as session from './session.js';
import { t, locale, language, setLanguage, onLanguageChange, translate } from './i18n.js';
import { h, clear, startPage, pageReady, pageError } from './dom.js';

/** [page, pattern, names of the pattern's groups]; the first match wins. */
const ROUTES = [
  ['signin', /^\/signin$/, []],
  ['dashboard', /^\/dashboard$/, []],
  ['orders', /^\/orders$/, []],
  ['order', /^\/orders\/([^/]+)$/, ['id']],
  ['products', /^\/products$/, []],
  ['product-form', /^\/products\/new$/, []],
  ['product-form', /^\/products\/([^/]+)$/, ['id']],
  ['categories', /^\/categories$/, []],
  ['customers', /^\/customers$/, []],
  ['customer', /^\/customers\/([^/]+)$/, ['id']],
  ['platform', /^\/platform$/, []],
];
/** The nav entry lit for each page. */
const NAV_OF = { order: 'orders', 'product-form': 'products', customer: 'customers' };
const HOME = '#/dashboard';

const main = document.getElementById('view');
const nav = document.getElementById('nav');
const menuToggle = document.getElementById('menu-toggle');
let leaving = [];

/** '#/orders/42?tab=x' -> {path: '/orders/42', query: {tab: 'x'}}. */
function parseHash(hash) {
  const text = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = text.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

function match(path) {
  for (const [page, pattern, names] of ROUTES) {
    const found = pattern.exec(path);
    if (found) {
      const params = {};
      names.forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
      return { page, params };
    }
  }
  return null;
}

/** Goes to `hash` ('#/orders/42'); the same hash draws the page again. */
export function navigate(hash) {
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

function signInHash(next) {
  return next && !next.startsWith('#/signin') ? `#/signin?next=${encodeURIComponent(next)}` : '#/signin';
}

async function route() {
  leaving.forEach((cleanup) => cleanup());
  leaving = [];
  const { path, query } = parseHash(location.hash);
  const found = match(path);
  if (!session.signedIn() && (!found || found.page !== 'signin')) {
    location.replace(signInHash(location.hash));
    return;
  }
  if (!found) {
    location.replace(session.signedIn() ? HOME : '#/signin');
    return;
  }
  if (found.page === 'signin' && session.signedIn()) {
    location.replace(query.next || HOME);
    return;
  }
  highlight(NAV_OF[found.page] || found.page);
  // Chosen from the menu: the keyboard and screen readers go on at the page, not in the menu.
  const fromNav = nav.contains(document.activeElement);
  closeMenu();
  // Each visit draws into a fresh element: a page still loading from a previous visit writes
  // into a detached one.
  const view = h('div', { class: 'view' });
  clear(main).append(view);
  if (fromNav) {
    main.focus();
  }
  const ctx = {
    api, t, session, navigate, locale: locale(), query,
    /** Registers `cleanup` to run when the operator leaves the page (timers, listeners). */
    onLeave: (cleanup) => leaving.push(cleanup),
  };
  let module;
  try {
    module = await import(`./pages/${found.page}.js`);
  } catch (e) {
    console.error(e);
    notFound(view, found.page);
    return;
  }
  try {
    await module.render(view, { ...found.params, query }, ctx);
  } catch (e) {
    console.error(e);
    pageError(startPage(view, found.page), e, () => route());
  }
  if (view.isConnected) {
    const heading = view.querySelector('h1');
    document.title = heading ? `${heading.textContent} · ${t('shell.brand')}` : t('shell.brand');
  }
}

function notFound(view, page) {
  pageReady(startPage(view, 'not-found'), h('h1', {}, t('notFound.title')), h('p', {}, t('notFound.text', { page })),
    h('p', {}, h('a', { href: HOME }, t('nav.dashboard'))));
}

function highlight(active) {
  nav.querySelectorAll('a[data-nav]').forEach((link) => {
    if (link.dataset.nav === active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
}

function closeMenu() {
  nav.classList.remove('open');
  menuToggle.setAttribute('aria-expanded', 'false');
}

function showSession(user) {
  const signedIn = user !== null;
  nav.hidden = !signedIn;
  menuToggle.hidden = !signedIn;
  document.getElementById('signout').hidden = !signedIn;
  document.getElementById('whoami').textContent = signedIn ? user.email : '';
}

async function boot() {
  const lang = document.getElementById('lang');
  lang.value = language();
  translate();
  lang.addEventListener('change', () => setLanguage(lang.value));
  onLanguageChange(() => {
    translate();
    route();
  });
  menuToggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    menuToggle.setAttribute('aria-expanded', String(open));
  });
  document.getElementById('signout').addEventListener('click', async () => {
    await session.signOut();
  });
  session.onChange((user, reason) => {
    showSession(user);
    if (reason === 'expired') {
      location.replace(signInHash(location.hash));
    } else if (reason === 'signout') {
      location.replace('#/signin');
    }
  });
  showSession(null);
  await session.restore();
  window.addEventListener('hashchange', route);
  route();
}

boot();
