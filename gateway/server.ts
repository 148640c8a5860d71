/**
 * Builds the gateway's HTTP app without listening: @apollo/gateway over a static supergraph,
 * GraphiQL at GET /, /healthz and /readyz, masked errors, one request id per request.
 */
import express from 'express';
import type { RequestListener } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import { serviceLogger } from '../lib/log';
import { mountHealth, type Probe } from '../lib/http/health';
import { graphqlRequest } from '../lib/http/graphqlRequest';
import { mountErrorHandlers } from '../lib/http/errorResponses';
import { requestScope, requestIdOf } from '../lib/http/requestScope';
import { maskErrors } from '../lib/http/maskErrors';
import { DepartmentDataSource } from './datasource';
import { mountGraphiQL } from './plugins/graphiql';
import { mountConsole, type ConsoleDemoTokens } from './plugins/console';
import { identify } from './plugins/identify';
import { rateLimit } from './plugins/rateLimit';
import { RequestLimiter } from '../lib/rateLimit/requestLimiter';
import { rateLimits } from '../lib/config';
import { revealSealedKeys } from './plugins/revealSealedKeys';
import { nameOperation } from './plugins/nameOperation';
import { clientPaths } from './plugins/clientPaths';
import { operationResolution } from './plugins/operationResolution';
import { OperationLimiter } from './plugins/operationLimits';
import { schemaExposure } from './plugins/schemaExposure';
import { checkCustomScalars, FiniteFloatLiterals, refuseNulCharacters } from './plugins/inputValues';
import { refuseBatch } from './plugins/batches';
import { operationLimits, runtimeEnv } from '../lib/config';
import type { OperationLimits } from '../lib/operationLimits';
import type { GatewayContext } from './context';
import type { GatewaySecurity } from './security';
import { instrumented, type GatewayMetrics } from '../lib/metrics';
import { tracing as processTracing } from '../lib/tracing';

export interface GatewayOptions {
  supergraphSdl: string;
  security: GatewaySecurity;
  /** Subgraph name → its GraphQL URL, overriding the URLs recorded in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Headers GraphiQL starts with (the demo passes a token, purpose and grant). */
  graphiqlHeaders?: Record<string, string>;
  /** Demo identities the console's sign-in page offers (gateway/plugins/console.ts); never in production. @default none */
  consoleDemoTokens?: ConsoleDemoTokens;
  /** How long one subgraph call may take before the gateway answers without it. @default GOVGRAPH_SUBGRAPH_TIMEOUT_MS, else 10 000 */
  subgraphTimeoutMs?: number;
  /** No GraphiQL, introspection or suggestions (gateway/plugins/schemaExposure.ts). @default GOVGRAPH_ENV=production */
  production?: boolean;
  /** Refused before planning with QUERY_TOO_COMPLEX. @default GOVGRAPH_MAX_* (lib/config.ts) */
  operationLimits?: OperationLimits;
  /** Served at GET /metrics: requests, subgraph calls (app/metrics.ts). @default none: no /metrics */
  metrics?: GatewayMetrics;
}

/** Largest request body accepted: far above any real operation, far below what hurts. */
export const BODY_LIMIT = '1mb';

/** What a GET (urql's default for queries) or any other method is told; see lib/http/graphqlRequest.ts for why. */
export const POST_ONLY_HINT =
  'Send every operation, queries too, as POST /graphql with Content-Type: application/json — identifiers must not travel in URLs. ' +
  'urql: createClient({ …, preferGetMethod: false }).';

export interface GatewayServer {
  app: RequestListener;
  stop(): Promise<void>;
}

export async function createGatewayServer(opts: GatewayOptions): Promise<GatewayServer> {
  const log = serviceLogger('gateway');
  const urls = new Map<string, string>();
  // The process's traces, if configured (lib/tracing); off, nothing below is added.
  const tracing = processTracing();
  // @apollo/gateway otherwise reports usage data (uptime, CPU, memory, OS) to Apollo's
  // servers every hour: nothing leaves a government network unasked.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = opts.subgraphUrls?.[name] ?? url!;
      urls.set(name, target);
      const source = new DepartmentDataSource(name, target, opts.security.gatewayKey, opts.subgraphTimeoutMs);
      const measured = opts.metrics ? opts.metrics.instrumentDataSource(name, source) : source;
      return tracing ? tracing.instrumentDataSource(name, target, measured) : measured;
    },
  });
  const production = opts.production ?? runtimeEnv() === 'production';
  const exposure = schemaExposure(production, log, opts.security.demoKeys);
  // Checked in the context factory, before Apollo parses, validates or plans (gateway/plugins/operationLimits.ts).
  const operationLimiter = new OperationLimiter(opts.operationLimits ?? operationLimits());
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    operationLimiter.setSchema(apiSchema);
    // Bad dates are the client's mistake here, not a department's failure (gateway/plugins/inputValues.ts).
    checkCustomScalars(apiSchema);
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskErrors(log),
    includeStacktraceInErrorResponses: false,
    // No automatic persisted queries: the operation limits are decided on the document's text
    // before Apollo runs (./plugins/operationLimits.ts), and a hash alone carries none.
    persistedQueries: false,
    ...exposure.apollo,
    validationRules: [FiniteFloatLiterals],
    plugins: [
      // Apollo Server's default plugins that nothing here uses, off (README, "Performance"):
      // usage and schema reports go to Apollo Studio, which a government network never
      // reaches; cache control computes a policy per request (and, on a gateway, merges the
      // subgraphs' Cache-Control headers) for a header we set ourselves (no-store, below);
      // GraphiQL is ours at GET / and /graphql answers POST only, so no landing page.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      operationResolution(),
      revealSealedKeys(opts.security.sealer),
      clientPaths(),
      nameOperation(),
      refuseNulCharacters(),
      ...exposure.plugins,
      ...(opts.metrics ? [opts.metrics.plugin<GatewayContext>()] : []),
      ...(tracing ? [tracing.plugin<GatewayContext>((ctx) => ({ requestId: ctx.requestId, department: ctx.subject?.requester.dept, purpose: ctx.subject?.requester.purpose }))] : []),
    ],
    // Our runtime drains servers and closes databases (releasing the embedded database's
    // lock) on SIGINT/SIGTERM; Apollo's own handler would re-raise the signal mid-way.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestScope(log));
  if (exposure.graphiql) mountGraphiQL(app, opts.graphiqlHeaders);
  // The officers' console, in production too: static files that talk only to POST /graphql.
  mountConsole(app, { production, demoTokens: opts.consoleDemoTokens });
  // Rate limits and grant quotas, decided right after the token check (gateway/plugins/rateLimit.ts).
  const limiter = opts.security.requestLimiter ?? new RequestLimiter({ limits: rateLimits(), log });
  const admit = rateLimit(limiter);
  opts.metrics?.mount(app);
  mountHealth(app, 'gateway', {
    log,
    // Each subgraph's own /readyz: 503 there (its database is down) is `not-ready` here.
    dependencies: () => ({
      ...subgraphReadiness(urls),
      // Requests are refused while the shared rate-limit store is down (fail closed).
      ...(limiter.store === 'redis' ? { rateLimitStore: () => limiter.state() } : {}),
    }),
  });
  app.use(
    '/graphql',
    // Answers carry personal data: no cache on the way may keep one (Apollo's cache control
    // plugin, off above, said so on GraphQL answers; this says it on every answer, refusals too).
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.set('cache-control', 'no-store');
      next();
    },
    ...(tracing ? [tracing.serverSpans('gateway', { continueTrace: false })] : []),
    ...(opts.metrics ? [opts.metrics.requestMiddleware()] : []),
    ...graphqlRequest({ limit: BODY_LIMIT, methodHint: POST_ONLY_HINT }),
    expressMiddleware(apollo, {
      context: instrumented(opts.metrics, async ({ req }) => {
        const requestId = requestIdOf();
        const subject = await admit(req, () => identify(req, opts.security.verifyToken, requestId));
        refuseBatch(req.body);
        operationLimiter.check(req.body);
        return { requestId, log, subject };
      }),
    }),
  );
  mountErrorHandlers(app, log);
  return { app: app as unknown as RequestListener, stop: () => apollo.stop() };
}

/** Each subgraph's own /readyz as a dependency probe: 503 there (its database is down) is `not-ready` here. */
export function subgraphReadiness(urls: Iterable<[string, string]>): Record<string, Probe> {
  return Object.fromEntries(
    [...urls].map(([name, url]) => [
      name,
      async (signal: AbortSignal) => {
        const res = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal });
        await res.body?.cancel();
        return res.ok ? 'ok' : res.status === 503 ? 'not-ready' : 'error';
      },
    ]),
  );
}
