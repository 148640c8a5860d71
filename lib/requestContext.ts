/**
 * Per-request ambient state (AsyncLocalStorage). Only what logging and SQL tracing need
 * lives here; everything a resolver needs is passed explicitly through the GraphQL context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

export interface RequestScope {
  requestId: string;
  /**
   * The logger of the service serving the request, for lines written where no logger is at
   * hand: SQL traced on a database handle several subgraphs share (lib/db/trace.ts).
   */
  log?: Logger;
  /** Set by tests and the SQL-count harness to collect the statements a request emitted. */
  sql?: string[];
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a caller's id if it looks like one (it ends up in logs), else makes a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

export const REQUEST_ID_HEADER = 'x-request-id';
