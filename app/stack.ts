/**
 * The whole federation in one process: every subgraph on its port and the gateway in front.
 * `npm start` runs it on the contract's ports; the end-to-end tests run it on port 0.
 */
import type { Database } from '../lib/db';
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import { createSubgraphServer, type SubgraphServerFactory } from '../lib/subgraph/server';
import { listen, Listening } from '../lib/http/listen';
import { createGatewayServer } from '../gateway/server';
import type { ConsoleDemoTokens } from '../gateway/plugins/console';
import { readCommittedSupergraph } from '../lib/supergraph';
import type { Security } from './security';
import type { HeadWitness } from '../lib/audit/witness';
import { rootLogger } from '../lib/log';
import { openPlatform, PLATFORM_SUBGRAPH } from './platform';
import { gatewayMetrics, subgraphMetrics } from './metrics';
import { startTracing } from '../lib/tracing';

export interface StackOptions {
  subgraphs: SubgraphDefinition[];
  databases: Map<string, Database>;
  /** Port per subgraph name and for `gateway`; 0 = any free port. */
  ports: (name: string) => number;
  host?: string;
  /** @default the committed gateway/supergraph.graphql */
  supergraphSdl?: string;
  security: Security;
  /** Headers GraphiQL starts with. */
  graphiqlHeaders?: Record<string, string>;
  /** Demo identities the console's sign-in page offers (gateway/plugins/console.ts). */
  consoleDemoTokens?: ConsoleDemoTokens;
  /** How each subgraph is served. @default createSubgraphServer: as deployed */
  subgraphServer?: SubgraphServerFactory;
  /**
   * The platform database holding the access log and the workflow's grants.
   * @default the sharing subgraph's database
   */
  platformDb?: Database;
  /**
   * Where the access log's chain heads are witnessed outside the platform database
   * (lib/audit/witness.ts). `npm start` opens it in GOVGRAPH_AUDIT_WITNESS_DIR; without one
   * only the process's memory guards the newest records. Closed by stop().
   */
  auditWitness?: HeadWitness;
  /** How often the chain heads are checked against those known outside the database. @default GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS */
  headCheckSeconds?: number;
  /**
   * Whether to serve the gateway in this process too. `false`: the subgraphs alone, for a
   * gateway (or another front) in a process of its own (`npm run bench`); gatewayUrl is then ''.
   * @default true
   */
  gateway?: boolean;
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const host = opts.host ?? '127.0.0.1';
  const stops: Array<() => Promise<void>> = [];
  const subgraphUrls: Record<string, string> = {};
  try {
    // Before the servers, which take the process's tracing when they are built; released last
    // (stops run in reverse), once every span is written. Off unless configured (lib/tracing).
    const tracing = await startTracing('govgraph');
    if (tracing) {
      stops.push(() => tracing.release());
      rootLogger.info({ serviceName: tracing.serviceName }, 'exporting traces (OpenTelemetry, OTLP/HTTP)');
    }
    const platformDb = opts.platformDb ?? opts.databases.get(PLATFORM_SUBGRAPH.name);
    if (!platformDb) throw new Error(`no platform database (the ${PLATFORM_SUBGRAPH.name} subgraph's) for the access log and the workflow's grants`);
    // First of all (stops run in reverse): the subgraphs write into its access log.
    const platform = await openPlatform(platformDb, opts.security, {
      witness: opts.auditWitness,
      headCheckSeconds: opts.headCheckSeconds,
      services: opts.subgraphs.map((s) => s.name),
      log: rootLogger.child({ service: 'grants' }),
    });
    const { accessLog } = platform;
    stops.push(() => platform.close());
    const supergraphSdl = opts.supergraphSdl ?? readCommittedSupergraph();
    for (const def of opts.subgraphs) {
      const db = opts.databases.get(def.name);
      if (!db) throw new Error(`no database for subgraph ${def.name}`);
      const metrics = subgraphMetrics(def, db, accessLog, opts.security);
      const server = await (opts.subgraphServer ?? createSubgraphServer)(def, db, opts.security, { accessLog, supergraphSdl, metrics });
      const http: Listening = await listen(server.app, opts.ports(def.name), host);
      stops.push(() => server.stop(), () => http.close());
      subgraphUrls[def.name] = `${http.url}/graphql`;
    }
    if (opts.gateway === false) {
      return {
        gatewayUrl: '',
        subgraphUrls,
        async stop() {
          for (const stop of stops.reverse()) await stop();
        },
      };
    }
    const gateway = await createGatewayServer({
      supergraphSdl,
      subgraphUrls,
      security: opts.security,
      graphiqlHeaders: opts.graphiqlHeaders,
      consoleDemoTokens: opts.consoleDemoTokens,
      metrics: gatewayMetrics(),
    });
    const http = await listen(gateway.app, opts.ports('gateway'), host);
    stops.push(() => gateway.stop(), () => http.close());
    return {
      gatewayUrl: http.url,
      subgraphUrls,
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}
