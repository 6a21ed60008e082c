// Calls to the platform's API: JSON in and out, the access token on every call (refreshed first
// when it is about to expire), errors as ApiError, and a 401 sends the operator back to sign-in.
import * as session from './session.js';

/**
 * An answer other than 2xx, in the API's error shape; status 0 is a network failure. `body` is
 * the parsed answer (a 503 of /health still describes every service).
 */
export class ApiError extends Error {
  constructor(status, message, details = [], requestId = null, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
    this.requestId = requestId;
    this.body = body;
  }
}

/** '/admin/orders' + {page: 2, status: ''} -> '/admin/orders?page=2' (empty values left out). */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * One HTTP call without the session: `token` (optional) goes in the Authorization header.
 * Resolves to the parsed JSON (null for an empty answer); rejects with ApiError.
 */
export async function send(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, e.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.message) || response.statusText || `HTTP ${response.status}`,
      (json && json.details) || [], json && json.requestId, json);
  }
  return json;
}

/** A call as the signed-in operator. A 401 ends the session (the app then shows sign-in). */
async function call(method, path, body) {
  const token = await session.accessToken();
  try {
    return await send(method, path, { body, token });
  } catch (e) {
    if (e.status === 401) {
      session.expire();
    }
    throw e;
  }
}

/**
 * The API as the signed-in operator:
 *   await api.get('/users', {page: 1, search: 'lan'});
 *   await api.put(`/orders/${id}/status`, {status: 'PAID'});
 */
export const api = {
  get: (path, query) => call('GET', withQuery(path, query)),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};
