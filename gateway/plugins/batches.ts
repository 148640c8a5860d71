/**
 * govgraph does not batch: Apollo Server's `allowBatchedHttpRequests` stays off, so a JSON
 * array of operations is refused whole (400 BAD_REQUEST) and none of it runs.
 *
 * Refused here, in the gateway's context factory right after the token check and the rate
 * limiter (a batch costs its sender one request, like any other), and before the operation
 * limits (./operationLimits.ts) would parse and measure every element of it: a megabyte of
 * operations each within the limits kept the event loop busy for seconds only to be refused
 * by Apollo Server afterwards (test/security/batching.test.ts).
 */
import { errors } from '../../lib/errors';

export function refuseBatch(body: unknown): void {
  if (!Array.isArray(body)) return;
  const error = errors.http('BAD_REQUEST', 'Batches (a JSON array of operations) are not accepted: send one operation per request, {"query": "…", "variables": {…}}.');
  (error.extensions as Record<string, unknown>).http = { status: 400 };
  throw error;
}
