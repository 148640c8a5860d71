/**
 * The one registry of error codes a client can see (README, "Errors").
 *
 * Each code is defined once, with the description the README's error table is generated
 * from, and a factory that returns a `GraphQLError` carrying `extensions.code`. Tests
 * assert codes, never message text.
 */
import { GraphQLError } from 'graphql';
import type { OperationLimitName } from './operationLimits';

export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument is malformed: an ID that fails its checksum, an impossible date, an unknown division code, an out-of-range page size.',
  UNAUTHENTICATED: 'The request carries no valid credential (missing, expired or forged token).',
  FORBIDDEN: 'The policy withholds this field, or the caller lacks a role; `extensions.reason` says why (NOT_SHARED, GRANT_REQUIRED, GRANT_EXPIRED, PURPOSE_MISMATCH, OUT_OF_JURISDICTION, PURPOSE_REQUIRED, ROLE_REQUIRED).',
  QUERY_TOO_COMPLEX: 'HTTP 400: the operation is over one of the gateway\'s limits, checked before anything is planned or fetched; `extensions.limit` names it (`tokens`, `depth`, `aliases`, `rootFields`, `directives`, `cost`), `extensions.max` is the limit and `extensions.actual` the operation\'s value.',
  RATE_LIMITED: 'HTTP 429: too many requests from this user or department, the grant named by X-Grant-Id has used its quota for the day, or too many failed authentications from this address; `extensions.limit` says which (`user`, `department`, `grant`, `authentication`). Retry after `extensions.retryAfter` seconds (also the `Retry-After` header).',
  SERVICE_UNAVAILABLE: 'HTTP 503: a shared store this process needs to enforce its protections (the replay store or the rate-limit store, `GOVGRAPH_REDIS_URL`) cannot be reached, so the request was refused rather than served unchecked. Retry later.',
  DOWNSTREAM_SERVICE_ERROR: 'A department subgraph failed or could not be reached; `extensions.serviceName` names it.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure. The message is masked; `extensions.logId` finds the cause in the server log.',
  AUDIT_UNAVAILABLE: 'The access log could not record the request, so its personal data was withheld (nothing personal leaves unlogged); non-personal data still flows. Retry later.',
  NOT_FOUND: 'The application, grant or report named does not exist (or is not visible to the caller).',
  CONFLICT: 'The operation does not fit the current state, e.g. approving an application that was already decided.',
  // HTTP-level refusals, before any GraphQL runs (lib/http/errorResponses.ts; every process).
  BAD_REQUEST: 'HTTP 400: the request is not one this server accepts: the body is not valid JSON or not a JSON object, it has no `query`, it is a batch (an array), or the HTTP itself is malformed.',
  PATH_NOT_FOUND: 'HTTP 404: no such path on this server. GraphQL is `POST /graphql`.',
  METHOD_NOT_ALLOWED: 'HTTP 405: the path does not take this method; the `Allow` header lists those it takes. Every GraphQL operation, queries included, is sent with `POST` (GET is refused so that identifiers never travel in URLs).',
  PAYLOAD_TOO_LARGE: 'HTTP 413: the request body is over the limit (1 MB at the gateway, 2 MB at a subgraph); HTTP 431: its headers are.',
  UNSUPPORTED_MEDIA_TYPE: 'HTTP 415: the body must be `Content-Type: application/json`, UTF-8 (no other `charset`), without `Content-Encoding`.',
  // Apollo Server's own request errors, passed through as they are.
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not validate against the schema (an unknown field or argument, a wrong variable type).',
  OPERATION_RESOLUTION_FAILURE: '`operationName` names no operation of the document, or the document holds several operations and names none.',
  PERSISTED_QUERY_NOT_FOUND: 'An automatic persisted query whose hash the server does not know yet: send it again with the full query (Apollo Client\'s persisted-queries link does so by itself).',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are turned off on this server: send the full query.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The limits behind `RATE_LIMITED` (its `extensions.limit`). */
export type RateLimitName = 'user' | 'department' | 'grant' | 'authentication';

/** The codes of refusals made at the HTTP layer, before any GraphQL runs. */
export type HttpErrorCode = 'BAD_REQUEST' | 'PATH_NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL_SERVER_ERROR';

export const FORBIDDEN_REASONS = {
  NOT_SHARED: 'The item is classified 不予共享 (not shared); it never leaves its provider.',
  GRANT_REQUIRED: 'The item is 有条件共享 (conditional) and the request names no grant that covers it.',
  GRANT_EXPIRED: 'The grant named by X-Grant-Id is outside its validity window or revoked.',
  PURPOSE_MISMATCH: 'The grant was approved for another consumer or another purpose than X-Purpose.',
  OUT_OF_JURISDICTION: "The record lies outside the consumer's (or its grant's) division.",
  PURPOSE_REQUIRED: 'Personal data was requested without an X-Purpose header.',
  ROLE_REQUIRED: 'The operation needs a role the token does not carry (consumer, security-officer, provider:<dept>, citizen-channel), or acts for another department.',
} as const;

export type ForbiddenReason = keyof typeof FORBIDDEN_REASONS;

function make(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const errors = {
  badUserInput: (message: string, argumentName?: string) =>
    make('BAD_USER_INPUT', message, argumentName ? { argumentName } : {}),
  unauthenticated: (message = 'A valid bearer token is required.') => make('UNAUTHENTICATED', message),
  forbidden: (reason: ForbiddenReason, extensions: Record<string, unknown> = {}, message: string = FORBIDDEN_REASONS[reason]) =>
    make('FORBIDDEN', message, { ...extensions, reason }),
  /** HTTP 400: the operation is over `limit` (gateway/plugins/operationLimits.ts). */
  queryTooComplex: (limit: OperationLimitName, max: number, actual: number, message: string) =>
    make('QUERY_TOO_COMPLEX', message, { limit, max, actual, http: { status: 400 } }),
  downstream: (serviceName: string, message = `The ${serviceName} subgraph failed.`) =>
    make('DOWNSTREAM_SERVICE_ERROR', message, { serviceName }),
  auditUnavailable: (serviceName: string) =>
    make('AUDIT_UNAVAILABLE', 'Personal data withheld: the access log could not record this request. Retry later.', { serviceName }),
  notFound: (message: string) => make('NOT_FOUND', message),
  conflict: (message: string) => make('CONFLICT', message),
  roleRequired: (message: string) => make('FORBIDDEN', message, { reason: 'ROLE_REQUIRED' }),
  /** HTTP 429 with `Retry-After`: `limit` names the limit reached, `retryAfterSeconds` when it frees up. */
  rateLimited: (limit: RateLimitName, retryAfterSeconds: number) => {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return make('RATE_LIMITED', `Too many requests (${limit} limit). Retry after ${retryAfter} s.`, {
      limit,
      retryAfter,
      // Apollo Server sends extensions.http as the response's status and headers, then drops it.
      http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
    });
  },
  /** HTTP 503: `dependency` (e.g. `replay-store`) cannot be reached, so the request is refused unchecked. */
  serviceUnavailable: (dependency: string, message: string) => make('SERVICE_UNAVAILABLE', message, { dependency, http: { status: 503 } }),
  /** An HTTP-level refusal; lib/http/errorResponses.ts sends it with its status. */
  http: (code: HttpErrorCode, message: string) => make(code, message),
  internal: (logId: string) =>
    make('INTERNAL_SERVER_ERROR', `Unexpected error. Quote log id ${logId} to the operator.`, { logId }),
};

/** Codes that may pass to a client unmasked: every code of the registry but the masked one. */
const PUBLIC_CODES = new Set<string>(Object.keys(ERROR_CODES).filter((c) => c !== 'INTERNAL_SERVER_ERROR'));

export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}
