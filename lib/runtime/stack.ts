/**
 * The whole federation in one process: every subgraph on its port and the gateway in front.
 * `npm start` runs it on the contract's ports; the end-to-end tests run it on port 0.
 */
import type { Database } from '../db';
import type { SubgraphDefinition } from '../subgraph/definition';
import { createSubgraphServer } from '../subgraph/server';
import { listen, Listening } from '../http/listen';
import { createGatewayServer } from '../../gateway/server';
import { readCommittedSupergraph } from '../../gateway/compose';
import type { Security } from './security';
import { AccessLog } from '../audit';
import type { HeadWitness } from '../audit/witness';
import { auditHeadCheckSeconds } from './config';
import { DatabaseGrantSource } from '../grants/grantStore';
import { rootLogger } from '../log';

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
  /** Benchmark only: serve the subgraphs without the policy layer. @default false */
  withoutPolicy?: boolean;
  /** Benchmark only: enforce the policy but write no access records. @default false */
  withoutAccessLog?: boolean;
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
    const platformDb = opts.platformDb ?? opts.databases.get('sharing');
    if (!platformDb) throw new Error('no platform database (the sharing subgraph\'s) for the access log and the workflow\'s grants');
    const accessLog = new AccessLog(platformDb, opts.security.auditKeys.key, { witness: opts.auditWitness });
    // First of all (stops run in reverse): checks a restarted process's chains before any
    // record is written, then keeps checking.
    accessLog.watchHeads((opts.headCheckSeconds ?? auditHeadCheckSeconds()) * 1000);
    stops.push(() => accessLog.close());
    const grants = await DatabaseGrantSource.open(platformDb, rootLogger.child({ service: 'grants' }));
    opts.security.policy.addGrantSource(grants);
    stops.push(async () => grants.close());
    const supergraphSdl = opts.supergraphSdl ?? readCommittedSupergraph();
    for (const def of opts.subgraphs) {
      const db = opts.databases.get(def.name);
      if (!db) throw new Error(`no database for subgraph ${def.name}`);
      const server = await createSubgraphServer(def, db, opts.security, { accessLog, supergraphSdl, withoutPolicy: opts.withoutPolicy, withoutAccessLog: opts.withoutAccessLog });
      const http: Listening = await listen(server.app, opts.ports(def.name), host);
      stops.push(() => server.stop(), () => http.close());
      subgraphUrls[def.name] = `${http.url}/graphql`;
    }
    const gateway = await createGatewayServer({
      supergraphSdl,
      subgraphUrls,
      security: opts.security,
      graphiqlHeaders: opts.graphiqlHeaders,
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
