// Talks to this gateway's POST /graphql only, with the signed-in user's own token.
import { session } from './session.js';

/** A GraphQL error the console explains in Chinese (see messages.js). */
export class ApiError extends Error {
  constructor(message, { code, reason, status, extensions, path } = {}) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.status = status;
    this.extensions = extensions || {};
    this.path = path;
  }
}

/**
 * Runs one operation; resolves to `data`, or rejects with the first error as an ApiError.
 * @param {string} query
 * @param {object} [variables]
 * @param {{ purpose?: string, token?: string, partial?: boolean }} [opts] partial: return data with errors
 */
export async function gql(query, variables, opts = {}) {
  const token = opts.token || session.token();
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.purpose) headers['x-purpose'] = opts.purpose;
  let res;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables: variables || {} }), credentials: 'omit', cache: 'no-store' });
  } catch (err) {
    throw new ApiError(String(err && err.message || err), { code: 'NETWORK' });
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`HTTP ${res.status}`, { code: res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', status: res.status });
  }
  const errors = body.errors || [];
  if (errors.length && !(opts.partial && body.data)) {
    const e = errors[0];
    const ext = e.extensions || {};
    const err = new ApiError(e.message, { code: ext.code, reason: ext.reason, status: res.status, extensions: ext, path: e.path });
    if (ext.code === 'UNAUTHENTICATED') session.expired(err);
    throw err;
  }
  return opts.partial ? { data: body.data, errors } : body.data;
}
