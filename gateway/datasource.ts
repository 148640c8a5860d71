/**
 * How the gateway talks to a department subgraph: one keep-alive connection pool per
 * subgraph (make-fetch-happen, the default fetcher, was measured as the gateway's largest
 * throughput limit), the request id forwarded, and failures named after the subgraph.
 */
import { RemoteGraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import { errors } from '../lib/errors';
import { REQUEST_ID_HEADER } from '../lib/requestContext';
import { runWithCredentialSubject, withGatewayCredential, type SigningKeyPair } from '../lib/identity';
import type { GatewayContext } from './context';

// Node's fetch (undici) pools and keeps connections alive per origin.
const keepAliveFetch = globalThis.fetch as unknown as Fetcher;

export class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * Every fetch is signed with a credential bound to its exact body and to this subgraph
   * (the fetcher is the only place that sees the serialised body).
   */
  constructor(readonly serviceName: string, url: string, gatewayKey: Pick<SigningKeyPair, 'privateKey' | 'kid'>) {
    super({ url, fetcher: withGatewayCredential(keepAliveFetch, { gatewayKey, audience: serviceName }) as Fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    let response: GatewayGraphQLResponse;
    try {
      const subject = options.context?.subject;
      if (!subject) throw new Error('no verified identity for a subgraph request');
      response = await runWithCredentialSubject(subject, () => super.process(options));
    } catch (err) {
      // Unreachable, timed out, non-JSON or 5xx: the client learns which department failed,
      // never the transport's message.
      options.context?.log?.warn({ err, serviceName: this.serviceName }, 'subgraph request failed');
      throw errors.downstream(this.serviceName);
    }
    // A subgraph's masked internal error stays masked but is attributed to its department;
    // its logId still finds the cause in that subgraph's log.
    for (const error of response.errors ?? []) {
      const ext = (error.extensions ?? {}) as Record<string, unknown>;
      if (ext.code === 'INTERNAL_SERVER_ERROR' || ext.code === undefined) {
        (error as { extensions: Record<string, unknown> }).extensions = {
          ...ext,
          code: 'DOWNSTREAM_SERVICE_ERROR',
          serviceName: this.serviceName,
        };
      }
    }
    return response;
  }
}
