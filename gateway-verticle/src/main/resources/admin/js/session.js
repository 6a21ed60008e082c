// The operator's session. The access token lives in memory only; the refresh token in
// sessionStorage (this tab only: gone when the tab closes, never sent anywhere but /auth/refresh),
// so that a reload keeps the operator signed in. Only administrators get a session.
import { send, ApiError } from './api.js';

const REFRESH_KEY = 'shop.console.refresh';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;
const listeners = new Set();

let access = null;
let expiresAt = 0;
let user = null;
let timer = null;
let refreshing = null;

/** Thrown by signIn for an account that is not an administrator's. */
export class NotAdminError extends Error {
  constructor() {
    super('not an administrator');
    this.name = 'NotAdminError';
  }
}

/** The signed-in user ({id, email, fullName, role}) or null. */
export function currentUser() {
  return user;
}

export function signedIn() {
  return access !== null;
}

/** Calls `listener(user|null, reason)` when the session starts or ends ('signin', 'signout', 'expired'). */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Signs in; rejects with NotAdminError (no session kept) or the API's ApiError. */
export async function signIn(email, password) {
  const pair = await send('POST', '/auth/login', { body: { email, password } });
  if (!pair.user || pair.user.role !== 'ADMIN') {
    // The tokens were issued: revoke them rather than leave a customer's session behind.
    await send('POST', '/auth/logout', { body: { refreshToken: pair.refreshToken } }).catch(() => {});
    throw new NotAdminError();
  }
  keep(pair);
  notify('signin');
  return user;
}

/** Restores the session of this tab after a reload; resolves to whether it is signed in. */
export async function restore() {
  if (!sessionStorage.getItem(REFRESH_KEY)) {
    return false;
  }
  try {
    await refresh();
  } catch (e) {
    return false;
  }
  if (user.role !== 'ADMIN') {
    await signOut();
    return false;
  }
  notify('signin');
  return true;
}

/** Signs out: the refresh token is revoked and everything the tab kept is forgotten. */
export async function signOut() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  forget();
  notify('signout');
  if (refreshToken) {
    await send('POST', '/auth/logout', { body: { refreshToken } }).catch(() => {});
  }
}

/** The session ended on the server's side (a 401): forget it and tell the app. */
export function expire() {
  if (access === null && !sessionStorage.getItem(REFRESH_KEY)) {
    return;
  }
  forget();
  notify('expired');
}

/** An access token valid for a while yet, refreshed first when close to its expiry. */
export async function accessToken() {
  if (access !== null && Date.now() > expiresAt - REFRESH_AHEAD_MS) {
    try {
      await refresh();
    } catch (e) {
      if (e.status !== 0) {
        expire();
      }
      throw e;
    }
  }
  return access;
}

/** Trades the refresh token for a new pair; concurrent callers share one exchange. */
function refresh() {
  if (!refreshing) {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    refreshing = (refreshToken
      ? send('POST', '/auth/refresh', { body: { refreshToken } })
      : Promise.reject(new ApiError(401, 'No session')))
      .then(keep)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

function keep(pair) {
  access = pair.accessToken;
  expiresAt = Date.now() + pair.expiresIn * 1000;
  user = pair.user;
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
  clearTimeout(timer);
  // Refresh ahead of expiry even when idle, so a page left open keeps working.
  // A network failure is left to the next call to retry; a refused token ends the session.
  timer = setTimeout(() => refresh().catch((e) => { if (e.status !== 0) expire(); }),
    Math.max(pair.expiresIn * 1000 - REFRESH_AHEAD_MS, 5_000));
}

function forget() {
  access = null;
  expiresAt = 0;
  user = null;
  clearTimeout(timer);
  sessionStorage.removeItem(REFRESH_KEY);
}

function notify(reason) {
  listeners.forEach((listener) => listener(user, reason));
}
