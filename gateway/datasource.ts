/**
 * How the gateway talks to a department subgraph: one keep-alive connection pool per
 * subgraph (make-fetch-happen, the default fetcher, was measured as the gateway's largest
 * throughput limit), the request id forwarded, a deadline on every call, and failures named
 * after the subgraph.
 */
import { RemoteGraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import { errors } from '../lib/errors';
import { subgraphTimeoutMs } from '../lib/config';
import { REQUEST_ID_HEADER } from '../lib/requestContext';
import { runWithCredentialSubject, withGatewayCredential } from '../lib/identity';
import type { Signer } from '../lib/crypto';
import type { GatewayContext } from './context';
import { uniqueRepresentations } from './uniqueRepresentations';

// Node's fetch (undici) pools and keeps connections alive per origin.
const keepAliveFetch = globalThis.fetch as unknown as Fetcher;

/**
 * `fetcher` with a deadline over the whole exchange: undici aborts the body as well as the
 * headers when the signal fires, so a subgraph that answers slowly, or stalls half-way
 * through a large list, is cut off all the same.
 */
function withDeadline(fetcher: Fetcher, timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetcher(url, { ...init, signal } as never);
  }) as Fetcher;
}

/** Transport failures that mean the connection closed under the request, before any answer. */
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function closedUnderRequest(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return (err as Error)?.name === 'TypeError' && !!cause?.code && STALE_CONNECTION.has(cause.code);
}

/** Whether the body sent is a mutation (asked only after a failure; unreadable counts as one: no retry). */
function isMutation(body: unknown): boolean {
  try {
    return /^\s*mutation\b/.test(String((JSON.parse(String(body)) as { query?: unknown }).query));
  } catch {
    return true;
  }
}

/**
 * `fetcher`, sending a query once more when its kept-alive connection was closed under it
 * before any answer came — the race every keep-alive client has with a load balancer or
 * server closing an idle connection (RFC 9112 §9.3.1 lets a client retry an idempotent
 * request then). A subgraph query is idempotent; a mutation is never retried. The retry
 * carries the same credential (it wraps this fetcher), so a first attempt that did reach the
 * subgraph makes the second one a refused replay, never a second execution or a second
 * access record. Found by `npm run test:scale`: behind HAProxy, a few calls in ten thousand.
 */
function withStaleConnectionRetry(fetcher: Fetcher): Fetcher {
  return (async (url: string, init?: RequestInit) => {
    try {
      return await fetcher(url, init as never);
    } catch (err) {
      if (!closedUnderRequest(err) || init?.signal?.aborted || isMutation(init?.body)) throw err;
      return fetcher(url, init as never);
    }
  }) as Fetcher;
}

export class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * Every fetch is signed with a credential bound to its exact body and to this subgraph
   * (the fetcher is the only place that sees the serialised body).
   */
  constructor(
    readonly serviceName: string,
    url: string,
    gatewayKey: Signer,
    /** The deadline of one call, answer included. @default GOVGRAPH_SUBGRAPH_TIMEOUT_MS (lib/config.ts) */
    readonly timeoutMs: number = subgraphTimeoutMs(),
  ) {
    super({
      url,
      fetcher: withGatewayCredential(withDeadline(withStaleConnectionRetry(keepAliveFetch), timeoutMs), { gatewayKey, audience: serviceName }) as Fetcher,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    let response: GatewayGraphQLResponse;
    try {
      const subject = options.context?.subject;
      if (!subject) throw new Error('no verified identity for a subgraph request');
      // Each distinct entity asked once, the answer spread back (./uniqueRepresentations.ts).
      const unique = uniqueRepresentations(options.request);
      response = unique.expand(await runWithCredentialSubject(subject, () => super.process({ ...options, request: unique.request })));
    } catch (err) {
      // Unreachable, timed out, non-JSON or 5xx: the client learns which department failed,
      // never the transport's message.
      const timedOut = (err as Error)?.name === 'TimeoutError';
      options.context?.log?.warn({ err, serviceName: this.serviceName, timedOut }, 'subgraph request failed');
      throw errors.downstream(this.serviceName, timedOut ? `The ${this.serviceName} subgraph did not answer within ${this.timeoutMs} ms.` : undefined);
    }
    attributeSubgraphErrors(this.serviceName, response.errors);
    return response;
  }
}

/**
 * A subgraph's masked internal error stays masked but is attributed to its department, in
 * place; its logId still finds the cause in that subgraph's log. Every front that calls
 * govgraph's subgraphs applies it to their answers (this data source; gateway/hive/plugin.ts).
 */
export function attributeSubgraphErrors(serviceName: string, errors: ReadonlyArray<{ extensions?: unknown }> | undefined): void {
  for (const error of errors ?? []) {
    const ext = (error.extensions ?? {}) as Record<string, unknown>;
    if (ext.code === 'INTERNAL_SERVER_ERROR' || ext.code === undefined) {
      (error as { extensions: Record<string, unknown> }).extensions = {
        ...ext,
        code: 'DOWNSTREAM_SERVICE_ERROR',
        serviceName,
      };
    }
  }
}
