/**
 * Builds a subgraph's HTTP app without listening (index.ts or the tests listen), so every
 * test can run the real server in-process on port 0.
 */
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestListener } from 'node:http';
import { buildSchema } from './schema';
import type { SubgraphContext, SubgraphDefinition, SubgraphRuntime } from './definition';
import { recordAccess } from './recordAccess';
import { AccessCollector, AccessLog, AuditWriter } from '../audit';
import { readCommittedSupergraph } from '../supergraph';
import type { Database } from '../db';
import { traceQueries } from '../db';
import { serviceLogger, withLogger } from '../log';
import { DependencyFailure, mountHealth } from '../http/health';
import { requestScope } from '../http/requestScope';
import { graphqlRequest } from '../http/graphqlRequest';
import { mountErrorHandlers } from '../http/errorResponses';
import { maskErrors } from '../http/maskErrors';
import { CREDENTIAL_HEADER } from '../identity';
import { grantStatus } from '../policy/engine';
import { newPolicyScope } from '../policy/enforce';
import type { SubgraphSecurity } from './security';
import { instrumented, type SubgraphMetrics } from '../metrics';
import { tracing as processTracing } from '../tracing';
import { compiledExecution, type CompiledExecution } from './compiledExecution';

export interface SubgraphServer {
  app: RequestListener;
  apollo: ApolloServer<SubgraphContext<unknown>>;
  /** Its execution: how many operations it has compiled (./compiledExecution.ts). */
  execution: CompiledExecution;
  stop(): Promise<void>;
}

type RawBodyRequest = express.Request & { rawBody?: string };

/**
 * Apollo Server's default plugins, none of which anything here uses, off (README,
 * "Performance"), besides inline traces (below). Usage and schema reports are for Apollo
 * Studio, which an air-gapped government network never reaches. Cache control is per field: its
 * `willResolveField` makes Apollo wrap every resolver of the schema (schema instrumentation)
 * and allocate a cache policy per field and row — ~12 fields × 500 rows on a list — for a
 * `Cache-Control` header that nothing reads and that we set ourselves (no-store, below). No
 * landing page: /graphql answers POST only.
 */
const apolloDefaultsOff = () => [
  ApolloServerPluginCacheControlDisabled(),
  ApolloServerPluginUsageReportingDisabled(),
  ApolloServerPluginSchemaReportingDisabled(),
  ApolloServerPluginLandingPageDisabled(),
];

const noStore: express.RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'no-store');
  next();
};

/** Largest request body accepted: an `_entities` batch of a few thousand keys fits easily. */
const BODY_LIMIT = '2mb';

export interface SubgraphServerOptions {
  /** The access log every subgraph writes its records into (the sharing database). */
  accessLog: AccessLog;
  /** The composed supergraph this subgraph is part of. @default the committed gateway/supergraph.graphql */
  supergraphSdl?: string;
  /** Served at GET /metrics, fed by the requests, the access log and what app/ adds (app/metrics.ts). @default none: no /metrics */
  metrics?: SubgraphMetrics;
}

/**
 * What sits between the department's resolvers and its callers: the schema served (with the
 * policy layer) and the collector of each request's personal reads for the access log.
 */
export interface ServingLayers {
  schema: GraphQLSchema;
  accessCollector(): AccessCollector | undefined;
  /**
   * Leaves Apollo Server's default plugins other than inline traces on (cache control with its
   * per-field schema instrumentation, the landing page …), as they were before govgraph turned
   * them off: only bench/cpuPerRequest.ts sets it, to measure in one process what they cost.
   * @default false
   */
  apolloDefaults?: boolean;
  /**
   * The run at which an operation is compiled (./compiledExecution.ts; 0: never): only
   * bench/cpuPerRequest.ts sets it, to measure in one process what compiling wins.
   * @default GOVGRAPH_COMPILE_AFTER (lib/config.ts)
   */
  compileAfter?: number;
}

/** How every deployed subgraph is served: the policy enforced, every personal read logged. */
export function enforcedLayers(def: SubgraphDefinition, security: Pick<SubgraphSecurity, 'sealer'>): ServingLayers {
  return { schema: buildSchema(def, security.sealer), accessCollector: () => new AccessCollector() };
}

export type SubgraphServerFactory = (def: SubgraphDefinition, db: Database, security: SubgraphSecurity, options: SubgraphServerOptions) => Promise<SubgraphServer>;

/** A subgraph server as deployed. */
export const createSubgraphServer: SubgraphServerFactory = (def, db, security, options) => serveSubgraph(def, db, security, options, enforcedLayers(def, security));

/**
 * A subgraph server with the given layers. Only the benchmark (bench/federation.ts) passes
 * others than {@link enforcedLayers}, to measure what each costs.
 */
export async function serveSubgraph(def: SubgraphDefinition, db: Database, security: SubgraphSecurity, options: SubgraphServerOptions, layers: ServingLayers): Promise<SubgraphServer> {
  const log = serviceLogger(def.name);
  const metrics = options.metrics;
  // Its statements logged and counted under this subgraph, on its own database and on the
  // platform's (its access records), also where other subgraphs share the handle.
  traceQueries(db.knex, log, metrics?.sqlStatement);
  traceQueries(options.accessLog.db.knex, log, metrics?.sqlStatement);
  // The process's traces, if configured (lib/tracing): a span per statement on both databases.
  const tracing = processTracing();
  tracing?.traceSql(db);
  tracing?.traceSql(options.accessLog.db);
  const verifyCredential = security.credentialVerifier(def.name);
  const audit = new AuditWriter(options.accessLog, def.name, { log, onCommit: metrics?.auditCommit });
  const runtime: SubgraphRuntime = {
    name: def.name,
    policy: security.policy,
    accessLog: options.accessLog,
    audit,
    supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
    auditKeys: security.auditKeys,
    log,
  };
  const execution = compiledExecution(layers.schema, { compileAfter: layers.compileAfter });
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    // graphql-js's execution replaced by compiled execution, through Apollo's gateway interface.
    gateway: execution,
    formatError: maskErrors(log),
    includeStacktraceInErrorResponses: false,
    // Our runtime drains servers and closes databases (releasing the embedded database's
    // lock) on SIGINT/SIGTERM; Apollo's own handler would re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    // Subgraphs are reached through the gateway; introspection of the subgraph itself is
    // what `_service { sdl }` is for.
    introspection: true,
    plugins: [
      // Inline traces (ftv1) are for Apollo Studio too; they also cost time on every field.
      ApolloServerPluginInlineTraceDisabled(),
      ...(layers.apolloDefaults ? [] : apolloDefaultsOff()),
      recordAccess({ service: def.name, provider: def.department, sink: metrics ? metrics.countUnavailable(audit) : audit, log }),
      // Requests by the client's operation (the gateway's credential names it), not by the sub-query the plan sent.
      ...(metrics ? [metrics.plugin<SubgraphContext<unknown>>((ctx) => ctx.operation?.name)] : []),
      // The same attributes as the gateway's span, from the credential it signed.
      ...(tracing
        ? [tracing.plugin<SubgraphContext<unknown>>((ctx) => ({ requestId: ctx.requestId, department: ctx.policyScope?.requester.dept, purpose: ctx.policyScope?.requester.purpose, operationName: ctx.operation?.name }), { executeSpan: true })]
        : []),
    ],
  });
  await apollo.start();
  // Its SQL is traced under this subgraph, also on a database handle others share (lib/db/trace.ts).
  const background = withLogger(log, () => def.startBackground?.(db, runtime));

  const app = express();
  app.disable('x-powered-by');
  app.use(requestScope(log));
  metrics?.mount(app);
  mountHealth(app, def.name, {
    log,
    dependencies: () => ({
      database: () => db.ping(),
      // Personal data is only released once logged: without the log this subgraph is not ready.
      accessLog: () => options.accessLog.db.ping(),
      policy: async () => {
        const problem = security.policy.problem;
        if (problem) throw new DependencyFailure('error', problem);
      },
      // Credentials are refused while the shared replay store is down (fail closed).
      ...(security.replayStore?.state ? { replayStore: () => security.replayStore!.state!() } : {}),
    }),
  });
  app.use(
    '/graphql',
    // Personal data: never stored by a cache on the way (Apollo's cache control plugin, off
    // above, said so on GraphQL answers; this says it on every answer, refusals included).
    noStore,
    // Continues the gateway's trace (its `traceparent`).
    ...(tracing ? [tracing.serverSpans(def.name, { continueTrace: true })] : []),
    ...(metrics ? [metrics.requestMiddleware()] : []),
    ...graphqlRequest({
      limit: BODY_LIMIT,
      methodHint: 'This subgraph answers only the govgraph gateway, with POST.',
      // The credential is bound to the exact body the gateway sent: keep the raw bytes.
      verify: (req, buf) => ((req as RawBodyRequest).rawBody = buf.toString('utf8')),
    }),
    expressMiddleware(apollo, {
      context: instrumented(metrics, async ({ req }) => {
        // Only the gateway can mint a credential; a direct call, a replay or a credential
        // for another subgraph or another query ends here, before any resolver runs.
        const credential = await verifyCredential(req.headers[CREDENTIAL_HEADER], (req as RawBodyRequest).rawBody).catch((err: unknown) => {
          // HTTP 401, as the gateway answers a bad token (Apollo makes a failed context a 500).
          if (err instanceof GraphQLError && err.extensions.code === 'UNAUTHENTICATED') err.extensions.http = { status: 401 };
          throw err;
        });
        const policy = security.policy.current;
        return {
          // The signed request id, so the access log joins up with the gateway's log.
          requestId: credential.requestId,
          log,
          db,
          loaders: def.createLoaders(db, runtime),
          policyScope: newPolicyScope(policy, credential.requester, grantStatus(policy, credential.requester, new Date())),
          access: layers.accessCollector(),
          operation: { name: credential.operationName, hash: credential.operationHash },
        };
      }),
    }),
  );
  mountErrorHandlers(app, log);
  return {
    app: app as unknown as RequestListener,
    apollo,
    execution,
    async stop() {
      await background?.stop();
      await apollo.stop();
      // Records still in the group-commit queue are committed before the caller closes the
      // database: a graceful shutdown loses none.
      await audit.drain();
    },
  };
}
