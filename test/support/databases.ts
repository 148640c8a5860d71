/**
 * Databases for tests: a fresh, throw-away database on the real PostgreSQL / MySQL server
 * when GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set (CI always sets them), otherwise an
 * embedded engine in memory. Every suite gets its own databases, so suites run in parallel
 * and may write; seeded ones are copies of templates made once (test/support/templates.ts).
 */
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { connectServer, EmbeddedPostgres, Database } from '../../lib/db';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { generateWorld, World } from '../../lib/synthetic';
import { subgraphs } from '../../subgraphs';
import { sharing } from '../../subgraphs/sharing/server';
import { departmentSources, embeddedTemplate, emptyCluster, postgresTemplate, templateKey, type EmbeddedTemplate, withDatabase } from './templates';

export interface TestDatabase {
  db: Database;
  /** Where it runs, for test titles: `postgres`, `mysql` or `pglite`. */
  engine: Database['engine'];
  /** The server URL of this database (real servers only): a second pool stands in for a second process. */
  url?: string;
  drop(): Promise<void>;
}

type DatabaseDef = Pick<SubgraphDefinition, 'dialect' | 'legacyDb' | 'name'>;


const serverUrlOf = (def: Pick<SubgraphDefinition, 'dialect'>) => (def.dialect === 'mysql' ? process.env.GOVGRAPH_MYSQL_URL : process.env.GOVGRAPH_PG_URL);

/** A new database on the real server, empty or (PostgreSQL) a copy of `template`. */
async function createServerDatabase(def: DatabaseDef, serverUrl: string, template?: string): Promise<TestDatabase> {
  const name = `gg_${def.name.replace(/-/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const client = def.dialect === 'mysql' ? 'mysql2' : 'pg';
  const admin = knexFactory({ client, connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    if (def.dialect === 'mysql') await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', [name]);
    else if (template) await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, template]);
    else await admin.raw('CREATE DATABASE ??', [name]);
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
      const again = knexFactory({ client, connection: serverUrl, pool: { min: 0, max: 1 } });
      try {
        await again.raw(def.dialect === 'mysql' ? 'DROP DATABASE IF EXISTS ??' : 'DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await again.destroy();
      }
    },
  };
}

/** A private in-memory engine started from `template`, with the department's schema first on its search_path. */
async function openEmbedded(schema: string, template: EmbeddedTemplate): Promise<TestDatabase> {
  const embedded = await EmbeddedPostgres.open({ loadDataDir: template.dump, postgis: template.postgis });
  try {
    const db = await embedded.department(schema);
    return { db, engine: 'pglite', drop: () => embedded.close() };
  } catch (err) {
    await embedded.close();
    throw err;
  }
}

// ---- embedded templates: per department, from the empty clusters of templates.ts ----------------

/**
 * Whether any table of `schema` has a PostGIS column: copies of departments without one are
 * opened without loading PostGIS (seconds saved per database). A department that calls PostGIS
 * functions without having such a column would need this widened.
 */
export async function usesPostgis(embedded: EmbeddedPostgres, schema: string): Promise<boolean> {
  const { rows } = await embedded.knex.raw(
    `SELECT EXISTS (
       SELECT 1 FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = a.atttypid AND d.deptype = 'e'
       JOIN pg_extension x ON x.oid = d.refobjid
       WHERE n.nspname = ? AND x.extname = 'postgis' AND a.attnum > 0 AND NOT a.attisdropped
     ) AS uses`,
    [schema],
  );
  return Boolean(rows[0].uses);
}

/** The department's schema migrated (`seeded`: and seeded with the test world), as a template. */
function departmentTemplate(def: DatabaseDef, seeded: boolean): Promise<EmbeddedTemplate> {
  const kind = seeded ? 'seeded' : 'migrated';
  return embeddedTemplate(`${def.name}-${kind}-${templateKey(departmentSources(def.name), `persons=${TEST_PERSONS}`)}`, async () => {
    const from = seeded ? await departmentTemplate(def, false) : await emptyCluster(true);
    const embedded = await EmbeddedPostgres.open({ loadDataDir: from.dump, postgis: true });
    try {
      const schema = def.legacyDb.embeddedSchema;
      await embedded.department(schema, async (db) => {
        if (seeded) await def.legacyDb.seed(db, testWorld());
        else await def.legacyDb.migrate(db);
      });
      return { dump: await embedded.dump(), postgis: seeded ? from.postgis : await usesPostgis(embedded, schema) };
    } finally {
      await embedded.close();
    }
  });
}

// ---- PostgreSQL template databases --------------------------------------------------------------

async function serverTemplate(def: DatabaseDef, serverUrl: string, seeded: boolean): Promise<string> {
  const kind = seeded ? 'seeded' : 'migrated';
  const family = `gg_tpl_${def.name.replace(/-/g, '_')}_${kind}`;
  return postgresTemplate(serverUrl, family, templateKey(departmentSources(def.name), `persons=${TEST_PERSONS}`), async (url) => {
    const db = connectServer(url);
    try {
      await def.legacyDb.migrate(db);
      if (seeded) await def.legacyDb.seed(db, testWorld());
    } finally {
      await db.close();
    }
  });
}

// ---- what suites call ------------------------------------------------------------------------

/**
 * A fresh empty database for `def` on the engine its department really uses (if configured).
 * Embedded, it has PostGIS loaded when the department's tables need it.
 */
export async function openTestDatabase(def: DatabaseDef): Promise<TestDatabase> {
  const serverUrl = serverUrlOf(def);
  if (serverUrl) return createServerDatabase(def, serverUrl);
  // A department of this repository: PostGIS if its tables need it. Anything else: none.
  const postgis = typeof def.legacyDb.migrate === 'function' && (await departmentTemplate(def, false)).postgis;
  return openEmbedded(def.legacyDb.embeddedSchema, await emptyCluster(postgis));
}

/** Test worlds are small: big enough for lists and joins, small enough to seed in seconds. */
export const TEST_PERSONS = 600;

let cachedWorld: World | undefined;
export function testWorld(): World {
  return (cachedWorld ??= generateWorld({ persons: TEST_PERSONS }));
}

/** A fresh database with the department's legacy schema and its slice of the test world. */
export async function openSeededDatabase(def: DatabaseDef, world: World = testWorld()): Promise<TestDatabase> {
  const serverUrl = serverUrlOf(def);
  if (world === testWorld()) {
    // A copy of the seeded template: PostgreSQL and embedded. MySQL has no template databases.
    if (!serverUrl) return openEmbedded(def.legacyDb.embeddedSchema, await departmentTemplate(def, true));
    if (def.dialect === 'postgres') return createServerDatabase(def, serverUrl, await serverTemplate(def, serverUrl, true));
  }
  const t = await openTestDatabase(def);
  try {
    await def.legacyDb.migrate(t.db);
    await def.legacyDb.seed(t.db, world);
  } catch (err) {
    await t.drop().catch(() => undefined);
    throw err;
  }
  return t;
}

/**
 * Seeded databases for a whole federation (test/support/stack.ts). On servers, each department
 * its own database, as departments really have. Embedded, the departments' schemas in one
 * engine, as `npm start` runs them (app/departmentDatabases.ts): a stack loads one WebAssembly
 * instance instead of one per department (measured: about 5 s of CPU per stack instead of 12).
 * Those departments' handles then share one knex; dropping any of them closes the engine.
 *
 * The platform database (the sharing subgraph's: grants, the access log) is every subgraph's,
 * so it keeps an engine of its own: a statement on the shared engine is then always one
 * department's own, which a test can tell by the subgraph that ran it (stack.ts `recordSql`).
 */
export async function openSeededFederation(defs: readonly DatabaseDef[]): Promise<Map<string, TestDatabase>> {
  const members = sharesEngine(subgraphs).map((def) => def.name);
  const shared = defs.filter((def) => members.includes(def.name));
  const apart = shared.length > 1 ? defs.filter((def) => !shared.includes(def)) : defs;
  const opened = new Map<string, TestDatabase>();
  try {
    await Promise.all(apart.map(async (def) => opened.set(def.name, await openSeededDatabase(def))));
    if (shared.length > 1) {
      // The one template of every department, whichever of them `defs` asks for.
      const template = await federationTemplate(sharesEngine(subgraphs));
      const embedded = await EmbeddedPostgres.open({ loadDataDir: template.dump, postgis: template.postgis });
      let closed: Promise<void> | undefined;
      const drop = () => (closed ??= embedded.close());
      try {
        for (const def of shared) opened.set(def.name, { db: await embedded.department(def.legacyDb.embeddedSchema), engine: 'pglite', drop });
      } catch (err) {
        await drop();
        throw err;
      }
    }
  } catch (err) {
    await Promise.allSettled([...opened.values()].map((t) => t.drop()));
    throw err;
  }
  return new Map(defs.map((def) => [def.name, opened.get(def.name)!]));
}

/** The departments of `defs` that {@link openSeededFederation} puts on one embedded engine. */
function sharesEngine(defs: readonly DatabaseDef[]): DatabaseDef[] {
  return defs.filter((def) => !serverUrlOf(def) && def.name !== sharing.name);
}

/**
 * Builds every embedded template a suite may load that is not built yet (jest.config.js runs
 * this before any suite, through test/support/globalSetup.ts). Built inside a suite instead,
 * a first build counted against that suite's hook timeout, and the suites waiting for it
 * timed out with it on a slow machine. Nothing to do when every department has a server.
 */
export async function buildEmbeddedTemplates(): Promise<void> {
  const embedded = subgraphs.filter((def) => !serverUrlOf(def));
  if (!embedded.length) return;
  await emptyCluster(false);
  await emptyCluster(true);
  for (const def of embedded) {
    await departmentTemplate(def, false);
    await departmentTemplate(def, true);
  }
  if (sharesEngine(subgraphs).length > 1) await federationTemplate(sharesEngine(subgraphs));
}

/** Every department of `defs` migrated and seeded with the test world, in one cluster. */
function federationTemplate(defs: readonly DatabaseDef[]): Promise<EmbeddedTemplate> {
  const key = templateKey(
    defs.flatMap((def) => departmentSources(def.name)),
    `persons=${TEST_PERSONS} ${defs.map((def) => def.name).join(',')}`,
  );
  return embeddedTemplate(`federation-seeded-${key}`, async () => {
    const embedded = await EmbeddedPostgres.open({ loadDataDir: (await emptyCluster(true)).dump, postgis: true });
    try {
      for (const def of defs) {
        await embedded.department(def.legacyDb.embeddedSchema, async (db) => {
          await def.legacyDb.migrate(db);
          await def.legacyDb.seed(db, testWorld());
        });
      }
      return { dump: await embedded.dump(), postgis: true };
    } finally {
      await embedded.close();
    }
  });
}

/**
 * A fresh platform database (the sharing subgraph's): the access log, grants and workflow
 * tables, on the real PostgreSQL server when configured.
 */
export async function openPlatformDatabase(): Promise<TestDatabase> {
  const serverUrl = serverUrlOf(sharing);
  if (!serverUrl) return openEmbedded(sharing.legacyDb.embeddedSchema, await departmentTemplate(sharing, false));
  if (sharing.dialect === 'postgres') return createServerDatabase(sharing, serverUrl, await serverTemplate(sharing, serverUrl, false));
  const t = await openTestDatabase(sharing);
  await sharing.legacyDb.migrate(t.db);
  return t;
}
