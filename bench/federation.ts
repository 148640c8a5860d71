/**
 * What run.ts and profile.ts share: one seeded set of department databases (real servers
 * when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set, embedded PGlite otherwise) and
 * federations over it, with or without the policy layer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphs } from '../subgraphs';
import { HeadWitness } from '../lib/audit';
import { startStack, RunningStack } from '../app/stack';
import { enforcedLayers, serveSubgraph, type ServingLayers } from '../lib/subgraph/server';
import { buildDepartmentSchema } from '../lib/subgraph/schema';
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import type { SubgraphSecurity } from '../lib/subgraph/security';
import type { Database } from '../lib/db';
import { readCatalog } from '../lib/legacyDb';
import type { World } from '../lib/synthetic';
import { openSeededDatabase, TestDatabase } from '../test/support/databases';
import type { TestSecurity } from '../test/support/security';
import type { GraphQLBody, PolicyMode } from './workloads';

export interface BenchDatabases {
  databases: Map<string, TestDatabase>;
  /** Subgraph name → `postgres` / `mysql` / `pglite`. */
  engines: Record<string, string>;
  /** True when any department runs on a real server. */
  real: boolean;
  drop(): Promise<void>;
}

export async function openBenchDatabases(world: World): Promise<BenchDatabases> {
  const databases = new Map<string, TestDatabase>();
  const drop = () => Promise.all([...databases.values()].map((t) => t.drop().catch((err) => console.error('dropping a database:', err)))).then(() => undefined);
  try {
    await Promise.all(subgraphs.map(async (def) => databases.set(def.name, await openSeededDatabase(def, world))));
  } catch (err) {
    await drop();
    throw err;
  }
  const engines = Object.fromEntries([...databases].map(([name, t]) => [name, t.engine]));
  await settle(databases);
  return { databases, engines, real: Object.values(engines).some((e) => e !== 'pglite'), drop };
}

/**
 * Brings freshly seeded databases to the state of ones in service: statistics gathered and
 * tables vacuumed, as a DBA does after a bulk load and as autovacuum would do on its own within
 * minutes. Without it the servers' autovacuum workers vacuum and analyze a million freshly
 * seeded rows while the bench measures: their CPU is counted as the database's per request
 * (procstat.ts reads every server process) and competes with the requests for the cores.
 */
async function settle(databases: Map<string, TestDatabase>): Promise<void> {
  const started = Date.now();
  await Promise.all(
    [...databases.values()].map(async (t) => {
      const knex = t.db.knex;
      if (t.engine !== 'mysql') return void (await knex.raw('VACUUM ANALYZE'));
      const { tables } = await readCatalog(knex, 'mysql');
      if (tables.length) await knex.raw(`ANALYZE TABLE ${tables.map(() => '??').join(', ')}`, tables.map((table) => table.name));
    }),
  );
  // An autovacuum worker started before the VACUUM (or on another database of the server) ends first.
  const postgres = [...databases.values()].find((t) => t.engine === 'postgres');
  for (let waited = 0; postgres && waited < 120; waited++) {
    const { rows } = await postgres.db.knex.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
    if (!rows[0].n) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(`databases settled (VACUUM ANALYZE, ANALYZE TABLE; autovacuum idle) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The federations measured: `on` as deployed (policy layer and access log), `policy` (the
 * policy layer alone, no access records written), `off` (neither).
 */
export type StackVariant = 'on' | 'policy' | 'off';

/** The masking a variant's answers show (workload checks). */
export const policyModeOf = (variant: StackVariant): PolicyMode => (variant === 'off' ? 'off' : 'on');

/**
 * The layers of a measured variant other than `on`: `policy` enforces the policy but collects
 * no access records (so writes none); `off` serves the department's resolvers bare.
 */
function benchLayers(variant: 'policy' | 'off', def: SubgraphDefinition, security: SubgraphSecurity): ServingLayers {
  if (variant === 'policy') return { ...enforcedLayers(def, security), accessCollector: () => undefined };
  return { schema: buildDepartmentSchema(def), accessCollector: () => undefined };
}

export interface BenchStackOptions {
  /** Apollo Server's default plugins left on in every subgraph (lib/subgraph/server.ts, `apolloDefaults`), to measure what they cost. @default false */
  apolloDefaults?: boolean;
  /** graphql-js's interpreter in every subgraph instead of compiled execution (lib/subgraph/server.ts, `compileAfter` 0). @default false */
  interpreted?: boolean;
}

export async function startBenchStack(dbs: BenchDatabases, security: TestSecurity, variant: StackVariant, opts: BenchStackOptions = {}): Promise<RunningStack> {
  const layers = (def: SubgraphDefinition, sec: SubgraphSecurity): ServingLayers => ({
    ...(variant === 'on' ? enforcedLayers(def, sec) : benchLayers(variant, def, sec)),
    apolloDefaults: opts.apolloDefaults,
    compileAfter: opts.interpreted ? 0 : undefined,
  });
  // As deployed, the access log witnesses every committed head on local disk (one synchronous
  // write per group commit): part of what `on` costs.
  const witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-bench-witness-'));
  const stack = await startStack({
    subgraphs,
    databases: new Map([...dbs.databases].map(([name, t]) => [name, t.db] as [string, Database])),
    ports: () => 0,
    security,
    subgraphServer: variant === 'on' && !opts.apolloDefaults && !opts.interpreted ? undefined : (def, db, sec, options) => serveSubgraph(def, db, sec, options, layers(def, sec)),
    auditWitness: await HeadWitness.open(witnessDir, security.auditKeys.key),
  });
  return {
    ...stack,
    async stop() {
      await stack.stop();
      fs.rmSync(witnessDir, { recursive: true, force: true });
    },
  };
}

/** One GraphQL POST, the body parsed (or an error line when it is not JSON). */
export async function post(url: string, headers: Record<string, string>, body: string): Promise<GraphQLBody & { status: number }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as GraphQLBody) };
  } catch {
    return { status: res.status, errors: [{ message: `not JSON: ${text.slice(0, 120)}` }] };
  }
}
