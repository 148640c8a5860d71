/**
 * Opens every department's database: its real server when GOVGRAPH_<NAME>_DB_URL is set,
 * else its schema in the one shared embedded engine. Creates the legacy tables and seeds the
 * demo world on first run, so `npm start` needs nothing installed.
 */
import path from 'node:path';
import { connectServer, Database, EmbeddedPostgres } from '../lib/db';
import type { SeedProgress, SubgraphDefinition } from '../lib/subgraph/definition';
import { generateWorld, World } from '../lib/synthetic';
import { databaseUrl, dataDir } from '../lib/config';
import { rootLogger } from '../lib/log';

export interface DepartmentDatabases {
  byName: Map<string, Database>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Persons in the demo world when a database must be seeded. */
  persons: number;
  /** Drop and re-seed even if data is present (`govgraph seed`). */
  reseed?: boolean;
  progress?: SeedProgress;
  /** Embedded data directory name under GOVGRAPH_DATA_DIR. @default 'pglite' */
  embeddedName?: string;
}

export async function openDepartmentDatabases(defs: SubgraphDefinition[], opts: OpenOptions): Promise<DepartmentDatabases> {
  const log = rootLogger.child({ service: 'databases' });
  const byName = new Map<string, Database>();
  let embedded: EmbeddedPostgres | undefined;
  let world: World | undefined;
  const getWorld = () => (world ??= generateWorld({ persons: opts.persons }));
  try {
    for (const def of defs) {
      const url = databaseUrl(def);
      const prepare = async (db: Database) => {
        if (opts.reseed) await def.legacyDb.drop(db);
        await def.legacyDb.migrate(db);
        if (!(await def.legacyDb.isSeeded(db))) {
          log.info({ department: def.department, persons: opts.persons }, 'seeding the demo world (first run)');
          await def.legacyDb.seed(db, getWorld(), opts.progress);
        }
      };
      let db: Database;
      if (url) {
        db = connectServer(url);
        await prepare(db);
      } else {
        embedded ??= await EmbeddedPostgres.open({ dataDir: path.join(dataDir(), opts.embeddedName ?? 'pglite') });
        db = await embedded.department(def.legacyDb.embeddedSchema, prepare);
      }
      log.info({ subgraph: def.name, database: db.label }, 'database ready');
      byName.set(def.name, db);
    }
  } catch (err) {
    await Promise.allSettled([...byName.values()].map((db) => db.close()));
    await embedded?.close();
    throw err;
  }
  return {
    byName,
    async close() {
      await Promise.allSettled([...byName.values()].map((db) => db.close()));
      await embedded?.close();
    },
  };
}
