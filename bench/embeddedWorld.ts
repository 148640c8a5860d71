/**
 * The bench's seeded department databases when they are embedded (no GOVGRAPH_PG_URL /
 * GOVGRAPH_MYSQL_URL): PGlite seeds a world of thousands of persons in minutes on a small
 * machine, so each department's seeded data directory is kept as a template in the tests'
 * cache (test/support/templates.ts: node_modules/.cache/govgraph-test-databases, keyed by the
 * department's sources, the engine's version and the world's size) and later runs load a copy
 * in seconds. Real servers are seeded afresh every run (about a second). The world is
 * generated from a fixed seed, so a copy holds exactly the world the run generates.
 */
import { EmbeddedPostgres } from '../lib/db';
import type { World } from '../lib/synthetic';
import { subgraphs } from '../subgraphs';
import { departmentSources, embeddedTemplate, emptyCluster, templateKey } from '../test/support/templates';
import { openBenchDatabases, type BenchDatabases } from './federation';
import { usesPostgis, type TestDatabase } from '../test/support/databases';

async function openCopy(def: (typeof subgraphs)[number], world: World): Promise<TestDatabase> {
  const schema = def.legacyDb.embeddedSchema;
  const name = `bench-${def.name}-seeded-${templateKey(departmentSources(def.name), `bench persons=${world.persons.length}`)}`;
  const template = await embeddedTemplate(name, async () => {
    const embedded = await EmbeddedPostgres.open({ loadDataDir: (await emptyCluster(true)).dump, postgis: true });
    try {
      await embedded.department(schema, async (db) => {
        await def.legacyDb.migrate(db);
        await def.legacyDb.seed(db, world);
      });
      return { dump: await embedded.dump(), postgis: await usesPostgis(embedded, schema) };
    } finally {
      await embedded.close();
    }
  });
  const embedded = await EmbeddedPostgres.open({ loadDataDir: template.dump, postgis: template.postgis });
  try {
    const db = await embedded.department(schema);
    return { db, engine: 'pglite', drop: () => embedded.close() };
  } catch (err) {
    await embedded.close();
    throw err;
  }
}

/** bench/federation.ts's openBenchDatabases, with embedded departments copied from cached seeded templates. */
export async function openCachedBenchDatabases(world: World): Promise<BenchDatabases> {
  if (process.env.GOVGRAPH_PG_URL || process.env.GOVGRAPH_MYSQL_URL) return openBenchDatabases(world);
  const databases = new Map<string, TestDatabase>();
  const drop = () => Promise.all([...databases.values()].map((t) => t.drop().catch((err) => console.error('dropping a database:', err)))).then(() => undefined);
  try {
    // One at a time: each builds (first run) or loads a WebAssembly engine; two cores.
    for (const def of subgraphs) databases.set(def.name, await openCopy(def, world));
  } catch (err) {
    await drop();
    throw err;
  }
  const engines = Object.fromEntries([...databases].map(([name, t]) => [name, t.engine]));
  return { databases, engines, real: false, drop };
}
