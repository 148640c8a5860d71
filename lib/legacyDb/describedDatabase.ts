/**
 * The `legacy-db` of a subgraph written by `govgraph subgraph init`: the department's existing
 * database as the command read it (`legacy-db/tables.ts`). On a real server it is the
 * department's own database, so nothing is ever created, altered, dropped or seeded there: at
 * start the live catalog is only checked against the description, so a renamed or dropped
 * column stops the subgraph with a clear message instead of failing queries later. In the
 * embedded demo engine (no GOVGRAPH_<NAME>_DB_URL) the described tables are created, empty, so
 * `npm start` serves the subgraph.
 */
import type { Knex } from 'knex';
import type { Database, Dialect } from '../db';
import type { LegacyDatabase } from '../subgraph/definition';
import { readCatalog, type LegacyColumn, type LegacyTable } from './catalog';

export interface DescribedDatabaseOptions {
  /** Schema name inside the embedded engine. */
  embeddedSchema: string;
  /** The engine the department really runs. */
  dialect: Dialect;
  /** The tables the subgraph reads, as `govgraph subgraph init` found them. */
  tables: readonly LegacyTable[];
}

export class LegacyDatabaseMismatch extends Error {}

export function describedLegacyDatabase(opts: DescribedDatabaseOptions): LegacyDatabase {
  return {
    embeddedSchema: opts.embeddedSchema,
    async migrate(db) {
      if (db.engine === 'pglite') await createEmbedded(db.knex, opts.tables);
      else await checkLive(db, opts.tables);
    },
    async drop(db) {
      // Only the demo's own copy: a department's real database is never dropped.
      if (db.engine !== 'pglite') return;
      for (const t of [...opts.tables].reverse()) await db.knex.schema.dropTableIfExists(t.name);
    },
    // The data is the department's; there is no demo seed.
    isSeeded: async () => true,
    seed: async () => undefined,
  };
}

/** What the live database lacks of the description, one line per table or column; empty when none. */
export async function describeMismatch(db: Database, tables: readonly LegacyTable[]): Promise<string[]> {
  const live = new Map((await readCatalog(db.knex, db.dialect)).tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const problems: string[] = [];
  for (const t of tables) {
    const columns = live.get(t.name);
    if (!columns) {
      problems.push(`table ${t.name} is missing`);
      continue;
    }
    const missing = t.columns.filter((c) => c.kind !== 'unsupported' && !columns.has(c.name)).map((c) => c.name);
    if (missing.length) problems.push(`table ${t.name} lacks ${missing.join(', ')}`);
  }
  return problems;
}

async function checkLive(db: Database, tables: readonly LegacyTable[]): Promise<void> {
  const problems = await describeMismatch(db, tables);
  if (problems.length) {
    throw new LegacyDatabaseMismatch(`${db.label} does not match the subgraph's legacy-db/tables.ts: ${problems.join('; ')}`);
  }
}

async function createEmbedded(knex: Knex, tables: readonly LegacyTable[]): Promise<void> {
  for (const t of tables) {
    if (await knex.schema.hasTable(t.name)) continue;
    await knex.schema.createTable(t.name, (b) => {
      if (t.comment) b.comment(t.comment);
      for (const c of t.columns) {
        const type = embeddedType(c);
        if (!type) continue;
        const col = b.specificType(c.name, type);
        if (!c.nullable) col.notNullable();
        if (c.comment) col.comment(c.comment);
      }
      if (t.primaryKey.length) b.primary(t.primaryKey);
    });
  }
}

/** The column's type in the embedded PostgreSQL, whatever engine the department runs. */
function embeddedType(c: LegacyColumn): string | undefined {
  switch (c.kind) {
    case 'text':
      return c.length ? `${c.fixedWidth ? 'char' : 'varchar'}(${c.length})` : 'text';
    case 'int':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'decimal': {
      const m = /\((\d+)\s*,\s*(\d+)\)/.exec(c.sqlType);
      return m ? `numeric(${m[1]},${m[2]})` : 'numeric';
    }
    case 'float':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'timestamptz':
      return 'timestamptz';
    case 'time':
      return 'time';
    default:
      return undefined;
  }
}
