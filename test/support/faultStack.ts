/**
 * The federation as `npm start` runs it (app/stack.ts: every subgraph on its own port,
 * one access log, the workflow's grants, the gateway in front), assembled from the same pieces
 * so a fault test can take one subgraph away and bring it back on the same port while the
 * gateway keeps running — or put a listener there that accepts and never answers.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { subgraphs } from '../../subgraphs';
import type { SubgraphDefinition } from '../../lib/subgraph/definition';
import { createSubgraphServer, type SubgraphServer } from '../../lib/subgraph/server';
import { listen, type Listening } from '../../lib/http/listen';
import { createGatewayServer } from '../../gateway/server';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { AccessLog, HeadWitness } from '../../lib/audit';
import { DatabaseGrantSource } from '../../lib/grants/grantStore';
import { GrantIntegrity } from '../../lib/grants/integrity';
import { rootLogger } from '../../lib/log';
import type { Database } from '../../lib/db';
import { openSeededFederation, type TestDatabase } from './databases';
import { postGraphQL, type GraphQLResponse } from './http';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from './security';

/**
 * How long a suite may take to start its stack: seeding every department's database (and a
 * server of its own) takes seconds on real servers, but minutes on embedded PGlite on a busy
 * 2-core machine — more than jest's 120 s default.
 */
export const STARTUP_MS = 300_000;

export interface FaultStackOptions {
  /** Databases of some subgraphs, instead of fresh seeded test databases (the caller closes them). */
  databases?: Record<string, Database>;
  /** The access log's and the workflow's database. @default the sharing subgraph's */
  platformDb?: Database;
  /** The gateway's deadline for one subgraph call. @default GOVGRAPH_SUBGRAPH_TIMEOUT_MS's default, as deployed */
  subgraphTimeoutMs?: number;
}

export interface FaultStack {
  gatewayUrl: string;
  /** Subgraph name → its GraphQL URL; each stays the same across kill/restart/hang. */
  subgraphUrls: Record<string, string>;
  security: TestSecurity;
  /** Every subgraph's database. */
  databases: Map<string, Database>;
  platformDb: Database;
  /** As the 玄武区 caseworker under the demo grant, unless `headers` say otherwise. */
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  /** `GET <url>/readyz` of the gateway (no name) or of a subgraph: status and body. */
  readiness(name?: string): Promise<{ status: number; body: Record<string, any> }>;
  /** Stops a subgraph: its listener closes with every connection, then its server stops. */
  kill(name: string): Promise<void>;
  /** Puts a listener on a killed subgraph's port that accepts connections and never answers. */
  hang(name: string): Promise<void>;
  /** Starts a killed (or hung) subgraph again, a new server on the same port; the gateway is untouched. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface Slot {
  def: SubgraphDefinition;
  db: Database;
  port: number;
  server?: SubgraphServer;
  http?: Listening;
  hung?: { server: net.Server; sockets: Set<net.Socket> };
}

export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const security = await testSecurity();
  const owned: TestDatabase[] = [];
  const stops: Array<() => Promise<void>> = [];
  const witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-witness-'));
  const slots = new Map<string, Slot>();
  const cleanUp = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await Promise.all(owned.map((t) => t.drop().catch(() => undefined)));
    security.policy.close();
    fs.rmSync(witnessDir, { recursive: true, force: true });
  };
  try {
    const databases = new Map<string, Database>();
    const fresh = await openSeededFederation(subgraphs.filter((def) => !options.databases?.[def.name]));
    owned.push(...fresh.values());
    for (const def of subgraphs) databases.set(def.name, options.databases?.[def.name] ?? fresh.get(def.name)!.db);
    const platformDb = options.platformDb ?? databases.get('sharing')!;
    const accessLog = new AccessLog(platformDb, security.auditKeys.key, { witness: await HeadWitness.open(witnessDir, security.auditKeys.key) });
    accessLog.watchHeads(5_000);
    stops.push(() => accessLog.close());
    const grants = await DatabaseGrantSource.open(platformDb, rootLogger.child({ service: 'grants' }), new GrantIntegrity(security.auditKeys.key));
    security.policy.addGrantSource(grants);
    stops.push(async () => grants.close());
    const supergraphSdl = readCommittedSupergraph();

    const serve = async (slot: Slot) => {
      slot.server = await createSubgraphServer(slot.def, slot.db, security, { accessLog, supergraphSdl });
      // Port 0 the first time (the OS picks a free one); that same port ever after.
      slot.http = await listen(slot.server.app, slot.port);
      slot.port = slot.http.port;
    };
    const kill = async (slot: Slot) => {
      const { http, server } = slot;
      slot.http = slot.server = undefined;
      await http?.close();
      await server?.stop();
    };
    const unhang = async (slot: Slot) => {
      const hung = slot.hung;
      slot.hung = undefined;
      if (!hung) return;
      for (const socket of hung.sockets) socket.destroy();
      await new Promise<void>((resolve) => hung.server.close(() => resolve()));
    };
    stops.push(async () => {
      for (const slot of slots.values()) {
        await unhang(slot);
        await kill(slot);
      }
    });

    const subgraphUrls: Record<string, string> = {};
    for (const def of subgraphs) {
      const slot: Slot = { def, db: databases.get(def.name)!, port: 0 };
      await serve(slot);
      slots.set(def.name, slot);
      subgraphUrls[def.name] = `http://127.0.0.1:${slot.port}/graphql`;
    }
    const gateway = await createGatewayServer({ supergraphSdl, subgraphUrls, security, subgraphTimeoutMs: options.subgraphTimeoutMs });
    const gatewayHttp = await listen(gateway.app, 0);
    stops.push(() => gateway.stop(), () => gatewayHttp.close());
    const defaultHeaders = await security.headers(PEOPLE.caseworker, DIBAO);
    const slotOf = (name: string) => {
      const slot = slots.get(name);
      if (!slot) throw new Error(`no subgraph ${name}`);
      return slot;
    };

    return {
      gatewayUrl: gatewayHttp.url,
      subgraphUrls,
      security,
      databases,
      platformDb,
      query: (query, variables, headers) => postGraphQL(`${gatewayHttp.url}/graphql`, query, variables, { ...defaultHeaders, ...headers }),
      async readiness(name) {
        const base = name ? subgraphUrls[name].replace(/\/graphql$/, '') : gatewayHttp.url;
        const res = await fetch(`${base}/readyz`);
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      },
      kill: (name) => kill(slotOf(name)),
      async hang(name) {
        const slot = slotOf(name);
        if (slot.http) throw new Error(`${name} is running; kill it first`);
        const sockets = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          // Reads the request and never answers.
          sockets.add(socket);
          socket.on('data', () => undefined).on('close', () => sockets.delete(socket)).on('error', () => undefined);
        });
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(slot.port, '127.0.0.1', () => resolve()));
        slot.hung = { server, sockets };
      },
      async restart(name) {
        const slot = slotOf(name);
        await unhang(slot);
        if (slot.http) throw new Error(`${name} is running`);
        await serve(slot);
      },
      stop: cleanUp,
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
