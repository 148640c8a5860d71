/**
 * The shapes of a process's tracing (./index.ts), apart from their implementation
 * (./tracer.ts), which only a process that traces loads.
 */
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Knex } from 'knex';
import type { Engine } from '../db';

/** What a request's server span learns once the request is identified. */
export interface RequestAttributes {
  /** The gateway's request id (at a subgraph: the one the gateway's credential signs). */
  requestId?: string;
  /** The consumer department (`dept` of the verified token). */
  department?: string;
  /** X-Purpose as sent; recorded only when it is a code (./attributes.ts `purposeAttribute`). */
  purpose?: string;
  /** The client's operation name. */
  operationName?: string;
}

/** A process's tracing, once started. */
export interface Tracing {
  /** `service.name` of the process's spans: OTEL_SERVICE_NAME, else the role it was started as. */
  readonly serviceName: string;
  /**
   * Express middleware opening one SERVER span per request, active while it is served.
   * `continueTrace`: take the caller's W3C `traceparent` as the parent (a subgraph, called
   * by the gateway); otherwise start a new trace and only link the caller's (the gateway: its
   * clients are outside the trust boundary, and would otherwise choose trace ids and sampling).
   */
  serverSpans(service: string, opts: { continueTrace: boolean }): RequestHandler;
  /**
   * The Apollo plugin that puts {@link RequestAttributes}, the operation's type and the
   * response's error codes on the request's server span; with `executeSpan`, a
   * `graphql.execute` span that the SQL the resolvers run hangs under.
   */
  plugin<C extends BaseContext>(describe: (context: C) => RequestAttributes, opts?: { executeSpan?: boolean }): ApolloServerPlugin<C>;
  /** One CLIENT span per statement a knex runs inside a traced request (once per knex, however often asked). */
  traceSql(db: { knex: Knex; engine: Engine }): void;
  /** A CLIENT span around every call of a gateway data source, whose `traceparent` the subgraph continues. */
  instrumentDataSource<S extends DataSourceLike>(subgraph: string, url: string, source: S): S;
  /** Exports what is buffered; resolves when the collector has answered (or its timeout passed). */
  flush(): Promise<void>;
  /** Gives up this holder's share: the last one flushes, shuts the SDK down and unregisters it. */
  release(): Promise<void>;
}

/** What {@link Tracing.instrumentDataSource} needs of @apollo/gateway's RemoteGraphQLDataSource. */
export interface DataSourceLike {
  process(options: never): Promise<{ errors?: readonly unknown[] | null }>;
  willSendRequest?(options: never): void | Promise<void>;
}
