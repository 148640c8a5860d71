/**
 * The one registry of error codes a client can see (CONTRACT.md, "Errors").
 *
 * Each code is defined once, with the description the README's error table is generated
 * from, and a factory that returns a `GraphQLError` carrying `extensions.code`. Tests
 * assert codes, never message text.
 */
import { GraphQLError } from 'graphql';

export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument is malformed: an ID that fails its checksum, an impossible date, an unknown division code, an out-of-range page size.',
  UNAUTHENTICATED: 'The request carries no valid credential (missing, expired or forged token).',
  FORBIDDEN: 'The policy withholds this field, or the caller lacks a role; `extensions.reason` says why (NOT_SHARED, GRANT_REQUIRED, GRANT_EXPIRED, PURPOSE_MISMATCH, OUT_OF_JURISDICTION, PURPOSE_REQUIRED, ROLE_REQUIRED).',
  QUERY_TOO_COMPLEX: 'The operation exceeds the depth, alias or cost limits.',
  RATE_LIMITED: 'HTTP 429: too many requests from this user or department, the grant named by X-Grant-Id has used its quota for the day, or too many failed authentications from this address; `extensions.limit` says which (`user`, `department`, `grant`, `authentication`). Retry after `extensions.retryAfter` seconds (also the `Retry-After` header).',
  SERVICE_UNAVAILABLE: 'HTTP 503: a shared store this process needs to enforce its protections (the replay store or the rate-limit store, `GOVGRAPH_REDIS_URL`) cannot be reached, so the request was refused rather than served unchecked. Retry later.',
  DOWNSTREAM_SERVICE_ERROR: 'A department subgraph failed or could not be reached; `extensions.serviceName` names it.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure. The message is masked; `extensions.logId` finds the cause in the server log.',
  AUDIT_UNAVAILABLE: 'The access log could not record the request, so its personal data was withheld (nothing personal leaves unlogged); non-personal data still flows. Retry later.',
  NOT_FOUND: 'The application, grant or report named does not exist (or is not visible to the caller).',
  CONFLICT: 'The operation does not fit the current state, e.g. approving an application that was already decided.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The limits behind `RATE_LIMITED` (its `extensions.limit`). */
export type RateLimitName = 'user' | 'department' | 'grant' | 'authentication';

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
  queryTooComplex: (message: string) => make('QUERY_TOO_COMPLEX', message),
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
  internal: (logId: string) =>
    make('INTERNAL_SERVER_ERROR', `Unexpected error. Quote log id ${logId} to the operator.`, { logId }),
};

/** Codes that may pass to a client unmasked. Apollo's own request-validation codes are safe too. */
const PUBLIC_CODES = new Set<string>([
  ...Object.keys(ERROR_CODES).filter((c) => c !== 'INTERNAL_SERVER_ERROR'),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}
