/**
 * `npm run bench`'s backend process (forked by run.ts): it owns the seeded department
 * databases — embedded PGlite cannot be shared between processes — and serves, over them,
 *   - govgraph's five subgraphs as deployed (policy layer, access log with its witness, the
 *     trust chain; keys from the environment, as `govgraph serve` reads them: the demo keys of
 *     the run's own GOVGRAPH_DATA_DIR, which the gateway processes read too), without a
 *     gateway: each front (govgraph's gateway, Hive Gateway) runs in a process of its own;
 *   - the physical limit (limit/server.ts), with pools of its own on the same databases.
 * It counts every SQL statement sent to those databases (knex `query` events, transactions'
 * BEGIN and COMMIT included), and runs the policy on/off measurement (policyCost.ts) when asked,
 * once the side-by-side runs are over. Talks to run.ts over IPC (`BackendRequest` /
 * `BackendMessage`); on `stop` or when its parent goes away, it stops and drops the databases.
 */
import './quiet';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { subgraphs } from '../subgraphs';
import { startStack, type RunningStack } from '../app/stack';
import { securityFromEnv } from '../app/security';
import { HeadWitness } from '../lib/audit';
import { issueToken, loadOrCreateKeyPair } from '../lib/identity';
import { generateWorld } from '../lib/synthetic';
import type { Database } from '../lib/db';
import { cryptoSuiteName } from '../lib/config';
import type { SuiteName } from '../lib/crypto';
import { PEOPLE, DIBAO } from '../test/support/security';
import { workloads as allWorkloads } from './workloads';
import type { BenchDatabases } from './federation';
import { openCachedBenchDatabases } from './embeddedWorld';
import { inLimitRequest, openLimitDatabases, startLimitServer, type LimitServer } from './limit/server';
import { currentRequest } from '../lib/requestContext';
import { measureSuite, type PolicyCostSettings, type WorkloadReport } from './policyCost';

export interface BackendReady {
  kind: 'ready';
  /** Subgraph name → its GraphQL URL. */
  subgraphUrls: Record<string, string>;
  /** The limit server's base URL (`POST <url>/<workload>`). */
  limitUrl: string;
  engines: Record<string, string>;
  world: { persons: number; companies: number; households: number };
  seedSeconds: number;
  /** The demo caller's request headers (token, purpose, grant). */
  headers: Record<string, string>;
  /** Workload name → its request body, built from the seeded world. */
  bodies: Record<string, string>;
}

export type BackendMessage =
  | BackendReady
  | { kind: 'sql'; statements: { request: number; background: number } }
  | { kind: 'policyCost'; suites: Partial<Record<SuiteName, Record<string, WorkloadReport>>>; code?: number }
  | { kind: 'failed'; error: string };

export type BackendRequest =
  | { kind: 'sql' }
  | { kind: 'stopSides' }
  | { kind: 'policyCost'; suites: SuiteName[]; workloads: string[]; settings: PolicyCostSettings }
  | { kind: 'stop' };

const send = (m: BackendMessage) => process.send!(m);

/**
 * Counts the statements of every knex it is given (each knex once): those run for a request —
 * inside a govgraph subgraph's request scope (lib/requestContext.ts; the access log's group
 * commit runs in the scope of the request that started it) or a limit server's request — and
 * the others (background: the access log's head check every few seconds, the grant store's
 * polling, pool checks).
 */
class StatementCounter {
  request = 0;
  background = 0;
  private readonly seen = new Set<Knex>();
  watch(db: Database): void {
    if (this.seen.has(db.knex)) return;
    this.seen.add(db.knex);
    db.knex.on('query', () => {
      if (currentRequest() || inLimitRequest()) this.request++;
      else this.background++;
    });
  }
  get counts(): { request: number; background: number } {
    return { request: this.request, background: this.background };
  }
}

const stops: Array<() => Promise<void>> = [];
let stopping: Promise<void> | undefined;
const stopAll = () =>
  (stopping ??= (async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error('backend: stopping:', err));
  })());

async function main(): Promise<void> {
  const persons = Number(process.env.BENCH_PERSONS);
  const workloads = allWorkloads.filter((w) => (process.env.BENCH_WORKLOADS ?? '').split(',').includes(w.name));
  // Ctrl-C reaches every process of the group: this one finishes when run.ts says so (it drops the databases).
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  process.on('disconnect', () => void stopAll().then(() => process.exit(0)));

  const world = generateWorld({ persons });
  const seedStart = Date.now();
  const dbs: BenchDatabases = await openCachedBenchDatabases(world);
  stops.push(() => dbs.drop());
  const seedSeconds = (Date.now() - seedStart) / 1000;

  const counter = new StatementCounter();
  for (const t of dbs.databases.values()) counter.watch(t.db);

  // govgraph's subgraphs as `govgraph serve <subgraph>` runs them: security from the environment.
  const security = await securityFromEnv();
  stops.push(async () => security.policy.close());
  const witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-bench-witness-'));
  stops.push(async () => fs.rmSync(witnessDir, { recursive: true, force: true }));
  let sides: { stack: RunningStack; limit: LimitServer; closeLimit: () => Promise<void> } | undefined;
  const stack = await startStack({
    subgraphs,
    databases: new Map([...dbs.databases].map(([name, t]) => [name, t.db] as [string, Database])),
    ports: () => 0,
    security,
    auditWitness: await HeadWitness.open(witnessDir, security.auditKeys.key),
    gateway: false,
  });
  const limitDbs = openLimitDatabases(dbs);
  for (const db of limitDbs.databases.values()) counter.watch(db);
  const limit = await startLimitServer(limitDbs.databases);
  sides = { stack, limit, closeLimit: () => limitDbs.close() };
  const stopSides = async () => {
    const s = sides;
    sides = undefined;
    if (!s) return;
    await s.limit.stop();
    await s.closeLimit();
    await s.stack.stop();
  };
  stops.push(stopSides);

  const token = await issueToken(await loadOrCreateKeyPair('demo-issuer'), { ...PEOPLE.caseworker, ttlSeconds: 6 * 3600 });
  send({
    kind: 'ready',
    subgraphUrls: stack.subgraphUrls,
    limitUrl: limit.url,
    engines: dbs.engines,
    world: { persons: world.persons.length, companies: world.companies.length, households: world.households.length },
    seedSeconds,
    headers: { authorization: `Bearer ${token}`, 'x-purpose': DIBAO.purpose, 'x-grant-id': DIBAO.grantId },
    bodies: Object.fromEntries(workloads.map((w) => [w.name, JSON.stringify(w.request(world))])),
  });

  process.on('message', (m: BackendRequest) => {
    const handle = async (): Promise<void> => {
      if (m.kind === 'sql') send({ kind: 'sql', statements: counter.counts });
      else if (m.kind === 'stopSides') {
        await stopSides();
        send({ kind: 'sql', statements: counter.counts });
      } else if (m.kind === 'policyCost') {
        const saved = process.env.GOVGRAPH_CRYPTO;
        const bySuite: Partial<Record<SuiteName, Record<string, WorkloadReport>>> = {};
        const chosen = allWorkloads.filter((w) => m.workloads.includes(w.name));
        try {
          for (const suite of m.suites) {
            process.env.GOVGRAPH_CRYPTO = cryptoSuiteName({ GOVGRAPH_CRYPTO: suite });
            console.log(`\n==== policies + access log on vs off, GOVGRAPH_CRYPTO=${suite} ${suite === 'sm' ? '(SM2 tokens and credentials, SM4-CTR + HMAC-SM3 sealing, HMAC-SM3 access log)' : '(Ed25519, AES-256-GCM, HMAC-SHA-256)'}`);
            const outcome = await measureSuite(suite, world, dbs, chosen, m.settings, { interrupted: false });
            if (typeof outcome === 'number') {
              send({ kind: 'policyCost', suites: bySuite, code: outcome });
              return;
            }
            bySuite[suite] = outcome;
          }
        } finally {
          if (saved === undefined) delete process.env.GOVGRAPH_CRYPTO;
          else process.env.GOVGRAPH_CRYPTO = saved;
        }
        send({ kind: 'policyCost', suites: bySuite });
      } else if (m.kind === 'stop') {
        await stopAll();
        process.exit(0);
      }
    };
    handle().catch((err) => send({ kind: 'failed', error: err instanceof Error ? err.stack ?? err.message : String(err) }));
  });
}

main().catch(async (err) => {
  process.send?.({ kind: 'failed', error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies BackendMessage);
  await stopAll();
  setTimeout(() => process.exit(1), 200);
});
