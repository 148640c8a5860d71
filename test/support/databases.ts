/**
 * Databases for tests: a fresh, throw-away database on the real PostgreSQL / MySQL server
 * when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set (CI always sets them), otherwise the
 * embedded engine in memory. Every suite gets its own database, so suites run in parallel.
 */
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { connectServer, EmbeddedPostgres, Database } from '../../lib/db';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { generateWorld, World } from '../../lib/synthetic';
import { sharing } from '../../subgraphs/sharing/server';

export interface TestDatabase {
  db: Database;
  /** Where it runs, for test titles: `postgres`, `mysql` or `pglite`. */
  engine: Database['engine'];
  /** The server URL of this database (real servers only): a second pool stands in for a second process. */
  url?: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh empty database for `def` on the engine its department really uses (if configured). */
export async function openTestDatabase(def: Pick<SubgraphDefinition, 'dialect' | 'legacyDb' | 'name'>): Promise<TestDatabase> {
  const name = `gg_${def.name.replace(/-/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const serverUrl = def.dialect === 'mysql' ? process.env.GOVGRAPH_MYSQL_URL : process.env.GOVGRAPH_PG_URL;
  if (serverUrl) {
    const admin = knexFactory({ client: def.dialect === 'mysql' ? 'mysql2' : 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(def.dialect === 'mysql' ? 'CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin' : 'CREATE DATABASE ??', [name]);
    } finally {
      await admin.destroy();
    }
    const url = withDatabase(serverUrl, name);
    const db = connectServer(url);
    return {
      db,
      engine: db.engine,
      url,
      async drop() {
        await db.close();
        const again = knexFactory({ client: def.dialect === 'mysql' ? 'mysql2' : 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
        try {
          await again.raw(def.dialect === 'mysql' ? 'DROP DATABASE IF EXISTS ??' : 'DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
        } finally {
          await again.destroy();
        }
      },
    };
  }
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.department(def.legacyDb.embeddedSchema);
  return { db, engine: 'pglite', drop: () => embedded.close() };
}

/** Test worlds are small: big enough for lists and joins, small enough to seed in seconds. */
export const TEST_PERSONS = 600;

let cachedWorld: World | undefined;
export function testWorld(): World {
  return (cachedWorld ??= generateWorld({ persons: TEST_PERSONS }));
}

/** A fresh database with the department's legacy schema and its slice of the test world. */
export async function openSeededDatabase(def: Pick<SubgraphDefinition, 'dialect' | 'legacyDb' | 'name'>, world: World = testWorld()): Promise<TestDatabase> {
  const t = await openTestDatabase(def);
  await def.legacyDb.migrate(t.db);
  await def.legacyDb.seed(t.db, world);
  return t;
}

/**
 * A fresh platform database (the sharing subgraph's): the access log, grants and workflow
 * tables, on the real PostgreSQL server when configured.
 */
export async function openPlatformDatabase(): Promise<TestDatabase> {
  const t = await openTestDatabase(sharing);
  await sharing.legacyDb.migrate(t.db);
  return t;
}
