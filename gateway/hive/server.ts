/**
 * A second front: Hive Gateway (`@graphql-hive/gateway`, MIT) serving govgraph's supergraph
 * in front of the same subgraphs (README, "A second front: Hive Gateway"). Hive plans and
 * executes; govgraph's mechanisms decide who is asking and what leaves:
 * - the HTTP surface is govgraph's gateway's (lib/http): POST /graphql only, JSON in UTF-8,
 *   1 MB, request ids, `Cache-Control: no-store`, JSON errors for everything else, /healthz,
 *   /readyz;
 * - before Hive sees a request, the caller is verified and admitted exactly as the gateway's
 *   context factory does it: rate limits around the token check (gateway/plugins/rateLimit.ts,
 *   identify.ts), no batches (batches.ts);
 * - inside Hive, ./plugin.ts signs every subgraph call, attributes subgraph failures and
 *   shapes the answer (sealed keys, masked errors, client paths).
 * Not here (README): operation limits and cost, GraphiQL, the console, /metrics, traces,
 * custom-scalar and NUL checks, and the production mode's hiding of the schema.
 *
 * Hive's upstream in-flight deduplication is switched OFF below, on every subgraph: it keys
 * on URL, method and body — computed before the credential is added — and would hand one
 * caller another caller's answer. Never turn it on.
 */
import express from 'express';
import type { RequestListener } from 'node:http';
import { GraphQLError } from 'graphql';
import { serviceLogger, type Logger } from '../../lib/log';
import { mountHealth } from '../../lib/http/health';
import { graphqlRequest } from '../../lib/http/graphqlRequest';
import { mountErrorHandlers } from '../../lib/http/errorResponses';
import { requestScope, requestIdOf } from '../../lib/http/requestScope';
import { maskErrors } from '../../lib/http/maskErrors';
import { listen } from '../../lib/http/listen';
import { rateLimits, subgraphTimeoutMs } from '../../lib/config';
import { RequestLimiter } from '../../lib/rateLimit/requestLimiter';
import { subgraphEndpoints } from '../../lib/supergraph';
import { identify } from '../plugins/identify';
import { rateLimit } from '../plugins/rateLimit';
import { refuseBatch } from '../plugins/batches';
import { BODY_LIMIT, POST_ONLY_HINT, subgraphReadiness, type GatewayServer } from '../server';
import type { GatewaySecurity } from '../security';
import { documentHash, govgraphHivePlugin, STATE_KEY, type HiveRequestState } from './plugin';

/** What ./server.ts uses of a Hive Gateway runtime (a Yoga server instance). */
interface HiveRuntime {
  getSchema(): unknown;
  /** Handles one request and writes its response. */
  requestListener(req: express.Request, res: express.Response, serverContext: object): unknown;
  dispose(): unknown;
}

/**
 * Hive, loaded without its type declarations (they augment global types for the whole
 * program — see ./plugin.ts) and only when a Hive front is built.
 */
function loadHive(): { createGatewayRuntime(config: Record<string, unknown>): HiveRuntime } {
  return require('@graphql-hive/gateway');
}

function loadRustPlanner(): { unifiedGraphHandler: unknown } {
  return require('@graphql-hive/router-runtime');
}

/** Which query planner Hive runs: its JavaScript one (default), or Hive Router's, in Rust (`@graphql-hive/router-runtime`). */
export type HivePlanner = 'js' | 'rust';

export interface HiveGatewayOptions {
  /** The composed supergraph (gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph name → its GraphQL URL, overriding the URLs recorded in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** The gateway's keys and token verifier, as govgraph's gateway takes them (app/security.ts). */
  security: GatewaySecurity;
  /** @default 'js' */
  planner?: HivePlanner;
  /** How long one subgraph call may take. @default GOVGRAPH_SUBGRAPH_TIMEOUT_MS, else 10 000 */
  subgraphTimeoutMs?: number;
}

/** The Hive front's HTTP app, not listening (as gateway/server.ts's createGatewayServer). */
export async function createHiveGatewayServer(opts: HiveGatewayOptions): Promise<GatewayServer> {
  const log = serviceLogger('hive-gateway');
  const subgraphUrls = Object.fromEntries(subgraphEndpoints(opts.supergraphSdl).map((s) => [s.name, opts.subgraphUrls?.[s.name] ?? s.url]));
  const planner = opts.planner ?? 'js';
  const unifiedGraphHandler = planner === 'rust' ? loadRustPlanner().unifiedGraphHandler : undefined;

  const config = {
    supergraph: opts.supergraphSdl,
    transportEntries: {
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, location]) => [name, { location }])),
      // OFF, on every subgraph (see the header): in-flight deduplication would share one
      // caller's policy-decided answer with another who sent the same subgraph query.
      '*.http': { options: { deduplicateInflightRequests: false } },
    },
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    plugins: () => [govgraphHivePlugin({ gatewayKey: opts.security.gatewayKey, sealer: opts.security.sealer, subgraphUrls, log })],
    upstreamTimeout: opts.subgraphTimeoutMs ?? subgraphTimeoutMs(),
    // govgraph's formatting runs in the plugin (lib/http/maskErrors.ts), as the answer leaves.
    maskedErrors: false,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    // The request id is govgraph's (lib/http/requestScope.ts), forwarded by the plugin.
    requestId: false,
    // Hive's own log is for its failures only; requests are logged by requestScope.
    logging: 'error',
    // No usage reports anywhere: nothing leaves a government network unasked.
    reporting: undefined,
  };
  const hive = loadHive().createGatewayRuntime(config);
  // Fails here, not on the first request, if Hive cannot build the supergraph's schema.
  await hive.getSchema();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestScope(log));
  const limiter = opts.security.requestLimiter ?? new RequestLimiter({ limits: rateLimits(), log });
  const admit = rateLimit(limiter);
  mountHealth(app, 'hive-gateway', {
    log,
    dependencies: () => ({
      ...subgraphReadiness(Object.entries(subgraphUrls)),
      ...(limiter.store === 'redis' ? { rateLimitStore: () => limiter.state() } : {}),
    }),
  });
  const refused = refusal(log);
  app.use(
    '/graphql',
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.set('cache-control', 'no-store');
      next();
    },
    ...graphqlRequest({ limit: BODY_LIMIT, methodHint: POST_ONLY_HINT }),
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const requestId = requestIdOf();
      let state: HiveRequestState;
      try {
        // As govgraph's gateway's context factory: token and headers within the rate limits, no batch.
        const subject = await admit(req, () => identify(req, opts.security.verifyToken, requestId));
        refuseBatch(req.body);
        const query = (req.body as { query?: unknown }).query;
        state = { requestId, log, subject, ...(typeof query === 'string' ? { queryHash: documentHash(query) } : {}) };
      } catch (err) {
        if (err instanceof GraphQLError) return refused(res, err);
        return next(err);
      }
      try {
        await hive.requestListener(req, res, { [STATE_KEY]: state });
      } catch (err) {
        next(err);
      }
    },
  );
  mountErrorHandlers(app, log);
  return { app: app as unknown as RequestListener, stop: async () => void (await hive.dispose()) };
}

/**
 * A refusal before any GraphQL ran (token, rate limit, headers, batch), answered as Apollo
 * Server answers an error of govgraph's gateway's context factory: the error's HTTP status
 * and headers, its formatted body through the same masking.
 */
function refusal(log: Logger) {
  const format = maskErrors(log);
  return (res: express.Response, err: GraphQLError) => {
    const http = (err.extensions.http ?? {}) as { status?: number; headers?: Map<string, string> };
    const { http: _http, ...extensions } = err.extensions as Record<string, unknown>;
    const formatted = format({ message: err.message, extensions }, err);
    for (const [name, value] of http.headers ?? []) res.setHeader(name, value);
    res.status(http.status ?? 500).json({ errors: [formatted] });
  };
}

export interface StartHiveGatewayOptions extends HiveGatewayOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
}

export interface RunningHiveGateway {
  /** e.g. http://127.0.0.1:41234 — GraphQL is POST `${url}/graphql`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Builds the Hive front and listens (the benchmark harness and `govgraph serve hive-gateway`). */
export async function startHiveGateway(opts: StartHiveGatewayOptions): Promise<RunningHiveGateway> {
  const server = await createHiveGatewayServer(opts);
  const http = await listen(server.app, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url: http.url,
    port: http.port,
    async stop() {
      await http.close();
      await server.stop();
    },
  };
}
