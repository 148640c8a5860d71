/**
 * The zero-install default: one embedded PostgreSQL (PGlite, real Postgres compiled to WASM,
 * with PostGIS) holding one schema per department.
 *
 * One instance rather than one per department because each instance costs 0.3–1 GB and
 * ~4 s to initialise. PGlite is a single session, so every department shares one knex with
 * a one-connection pool; department tables keep distinct legacy names, and the session's
 * search_path lists every department schema. PGlite does not lock its data directory, so
 * `open` takes a pid lock file: exactly one process may own it.
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import type { Database } from './database';

// Exact pins matter: PostGIS loads only with pglite 0.5.8 + pglite-postgis 0.2.8.
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import ClientPgLite from 'knex-pglite';

const PG_DATE = 1082;
const PG_INT8 = 20;

export interface EmbeddedOptions {
  /** Where the data lives; omitted = in memory (tests). */
  dataDir?: string;
  /**
   * Starts from a dump of another instance ({@link EmbeddedPostgres.dump}) instead of an empty
   * cluster: the tests' seeded templates (test/support/templates.ts), which skip initdb, the
   * PostGIS extension's creation and the seed.
   */
  loadDataDir?: Blob;
  /**
   * Whether PostGIS is loaded. Loading it costs seconds per instance, so test databases of
   * departments without spatial columns leave it out. @default true
   */
  postgis?: boolean;
}

export class EmbeddedPostgres {
  private readonly schemas = new Set<string>();

  private constructor(
    readonly pglite: PGlite,
    readonly knex: Knex,
    private readonly lockFile: string | null,
  ) {}

  static async open(opts: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
    let lockFile: string | null = null;
    if (opts.dataDir) {
      fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
      lockFile = `${opts.dataDir}.lock`;
      takeLock(lockFile);
    }
    try {
      const withPostgis = opts.postgis ?? true;
      const pglite = await PGlite.create({
        dataDir: opts.dataDir,
        loadDataDir: opts.loadDataDir,
        extensions: withPostgis ? { postgis } : {},
        parsers: { [PG_DATE]: (v: string) => v, [PG_INT8]: (v: string) => Number.parseInt(v, 10) },
      });
      if (withPostgis) await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
      const knex = knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: () => ({ pglite }) } as Knex.Config);
      return new EmbeddedPostgres(pglite, knex, lockFile);
    } catch (err) {
      if (lockFile) fs.rmSync(lockFile, { force: true });
      throw err;
    }
  }

  /**
   * A department's view of the instance: its schema is created, and `prepare` (DDL, seed)
   * runs with the search_path pointing at that schema first so unqualified names land there.
   */
  async department(schema: string, prepare?: (db: Database) => Promise<void>): Promise<Database> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    this.schemas.add(schema);
    await this.knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
    const db: Database = {
      knex: this.knex,
      dialect: 'postgres',
      engine: 'pglite',
      label: `embedded:${schema}`,
      ping: async () => {
        await this.knex.raw('select 1');
      },
      // The instance is shared; closing a department's view must not close the others'.
      close: async () => {},
    };
    if (prepare) {
      await this.knex.raw(`SET search_path TO "${schema}", public`);
      try {
        await prepare(db);
      } finally {
        await this.resetSearchPath();
      }
    } else {
      await this.resetSearchPath();
    }
    return db;
  }

  private async resetSearchPath(): Promise<void> {
    const list = [...this.schemas].map((s) => `"${s}"`).join(', ');
    await this.knex.raw(`SET search_path TO ${list}, public`);
  }

  /** The whole cluster as an uncompressed tarball, for {@link EmbeddedOptions.loadDataDir}. */
  async dump(): Promise<Blob> {
    return this.pglite.dumpDataDir('none');
  }

  async close(): Promise<void> {
    await this.knex.destroy(); // knex-pglite closes the PGlite instance with its only connection
    if (this.lockFile) fs.rmSync(this.lockFile, { force: true });
  }
}

function takeLock(lockFile: string): void {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number(fs.readFileSync(lockFile, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database ${lockFile.replace(/\.lock$/, '')} is in use by process ${owner} ` +
          `(is \`npm start\` running?). Stop it first: PGlite allows one owning process.`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid)); // stale lock from a crashed process
  }
}

/** Whether process `pid` is running (a lock file's owner). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
