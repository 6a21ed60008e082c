// Texts in English and Vietnamese: t(key, vars) looks the key up in the current language's
// dictionary (falling back to English, then to the key itself) and fills {name} placeholders.
import en from './i18n/en.js';
import vi from './i18n/vi.js';

const DICTIONARIES = { en, vi };
const LOCALES = { en: 'en-US', vi: 'vi-VN' };
const STORAGE_KEY = 'shop.console.lang';
const listeners = new Set();

let current = initialLanguage();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored in DICTIONARIES) {
    return stored;
  }
  return (navigator.language || 'en').toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** The text of `key` in the current language, with `{name}` replaced by `vars.name`. */
export function t(key, vars = {}) {
  const text = DICTIONARIES[current][key] ?? en[key];
  if (text === undefined) {
    console.warn('missing text', key);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** The current language: 'en' or 'vi'. */
export function language() {
  return current;
}

/** The current locale for Intl formatting: 'en-US' or 'vi-VN'. */
export function locale() {
  return LOCALES[current];
}

/** Switches the language (kept for the next visit) and tells the listeners. */
export function setLanguage(lang) {
  if (!(lang in DICTIONARIES) || lang === current) {
    return;
  }
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  listeners.forEach((listener) => listener(lang));
}

/** Calls `listener(lang)` after each switch; returns a function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Translates the static markup under `root`: `data-i18n="key"` sets the text,
 * `data-i18n-label="key"` the aria-label, `data-i18n-placeholder="key"` the placeholder.
 */
export function translate(root = document) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  });
}
