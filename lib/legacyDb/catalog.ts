/**
 * A department's existing database as its catalog describes it: tables, columns, types,
 * nullability, primary and foreign keys and the comments that carry the legacy names' meaning
 * (`GMSFHM` — 公民身份号码). `govgraph subgraph init` reads it to write a subgraph, and the
 * subgraph keeps what it was written from (its `legacy-db/tables.ts`) to check the live
 * database against at start.
 *
 * Read from pg_catalog (PostgreSQL: comments live only there) and information_schema
 * (MySQL/MariaDB), in the connection's own schema: `current_schema()` / `database()`.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../db';

/**
 * What a column holds, as far as the API is concerned. `timestamp` is a wall-clock value
 * without a zone (PostgreSQL `timestamp`, MySQL `datetime`/`timestamp`); `timestamptz` an
 * instant. `unsupported` columns (binary, JSON, geometry, arrays, intervals …) are left out of
 * the generated API and named in the command's report.
 */
export type ColumnKind = 'text' | 'int' | 'bigint' | 'decimal' | 'float' | 'boolean' | 'date' | 'timestamp' | 'timestamptz' | 'time' | 'unsupported';

export interface LegacyColumn {
  name: string;
  /** The type as the catalog prints it, e.g. `character(18)`, `varchar(50)`, `decimal(12,2)`. */
  sqlType: string;
  kind: ColumnKind;
  /** Characters for CHAR/VARCHAR, when declared. */
  length?: number;
  /** CHAR (fixed width): values come back space-padded on PostgreSQL. */
  fixedWidth?: boolean;
  nullable: boolean;
  comment?: string;
}

export interface LegacyForeignKey {
  name: string;
  columns: string[];
  /** The referenced table and its columns, position by position with `columns`. */
  references: { table: string; columns: string[] };
}

export interface LegacyTable {
  name: string;
  comment?: string;
  columns: LegacyColumn[];
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  foreignKeys: LegacyForeignKey[];
}

export interface LegacyCatalog {
  dialect: Dialect;
  /** The database (MySQL) or schema (PostgreSQL) read. */
  schema: string;
  tables: LegacyTable[];
}

/** Reads the catalog of the connection's current schema (PostgreSQL) or database (MySQL). */
export async function readCatalog(knex: Knex, dialect: Dialect): Promise<LegacyCatalog> {
  return dialect === 'postgres' ? readPostgres(knex) : readMysql(knex);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

async function rowsOf(knex: Knex, sql: string, bindings: readonly unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const result = await knex.raw(sql, bindings as Knex.RawBinding[]);
  // pg (and PGlite) answer { rows }, mysql2 answers [rows, fields].
  return (Array.isArray(result) ? result[0] : result.rows) as Array<Record<string, unknown>>;
}

async function readPostgres(knex: Knex): Promise<LegacyCatalog> {
  const [{ schema }] = (await rowsOf(knex, 'select current_schema() as schema')) as Array<{ schema: string }>;
  const tables = await rowsOf(
    knex,
    `select c.relname as name, obj_description(c.oid, 'pg_class') as comment
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  );
  const columns = await rowsOf(
    knex,
    `select c.relname as table_name, a.attname as name, format_type(a.atttypid, a.atttypmod) as sql_type,
            t.typname as type_name, t.typtype as type_type, t.typcategory as type_category,
            not a.attnotnull as nullable, col_description(c.oid, a.attnum) as comment
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
  );
  const constraints = await rowsOf(
    knex,
    `select con.conname as name, con.contype as kind, cl.relname as table_name, a.attname as column_name,
            k.ord as position, fcl.relname as ref_table, fa.attname as ref_column
       from pg_constraint con
       join pg_class cl on cl.oid = con.conrelid
       join pg_namespace n on n.oid = cl.relnamespace
       cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
       left join pg_class fcl on fcl.oid = con.confrelid
       left join pg_namespace fn on fn.oid = fcl.relnamespace
       left join pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = con.confkey[k.ord]
      where n.nspname = current_schema() and (con.contype = 'p' or (con.contype = 'f' and fn.nspname = current_schema()))
      order by cl.relname, con.conname, k.ord`,
  );
  return assemble(
    'postgres',
    schema,
    tables,
    columns.map((c) => ({
      table: String(c.table_name),
      column: {
        name: String(c.name),
        sqlType: String(c.sql_type),
        ...postgresKind(String(c.type_name), String(c.type_type), String(c.type_category), String(c.sql_type)),
        nullable: Boolean(c.nullable),
        comment: text(c.comment),
      },
    })),
    constraints.map((k) => ({
      name: String(k.name),
      primary: k.kind === 'p',
      table: String(k.table_name),
      column: String(k.column_name),
      refTable: text(k.ref_table),
      refColumn: text(k.ref_column),
    })),
  );
}

function lengthIn(sqlType: string): number | undefined {
  const m = /\((\d+)\)/.exec(sqlType);
  return m ? Number(m[1]) : undefined;
}

function postgresKind(typeName: string, typeType: string, category: string, sqlType: string): Pick<LegacyColumn, 'kind' | 'length' | 'fixedWidth'> {
  switch (typeName) {
    case 'bpchar':
      return { kind: 'text', length: lengthIn(sqlType), fixedWidth: true };
    case 'varchar':
      return { kind: 'text', length: lengthIn(sqlType) };
    case 'text':
    case 'name':
    case 'citext':
    case 'uuid':
      return { kind: 'text' };
    case 'int2':
    case 'int4':
      return { kind: 'int' };
    case 'int8':
      return { kind: 'bigint' };
    case 'numeric':
      return { kind: 'decimal' };
    case 'float4':
    case 'float8':
      return { kind: 'float' };
    case 'bool':
      return { kind: 'boolean' };
    case 'date':
      return { kind: 'date' };
    case 'timestamp':
      return { kind: 'timestamp' };
    case 'timestamptz':
      return { kind: 'timestamptz' };
    case 'time':
      return { kind: 'time' };
    default:
      // User-defined enums read as their labels; arrays (category A), JSON, bytea, geometry … do not map to a scalar.
      return typeType === 'e' && category !== 'A' ? { kind: 'text' } : { kind: 'unsupported' };
  }
}

async function readMysql(knex: Knex): Promise<LegacyCatalog> {
  const [{ schema }] = (await rowsOf(knex, 'select database() as `schema`')) as Array<{ schema: string | null }>;
  if (!schema) throw new Error('the MySQL URL names no database (mysql://host/<database>)');
  const tables = await rowsOf(
    knex,
    `select TABLE_NAME as name, TABLE_COMMENT as comment from information_schema.TABLES
      where TABLE_SCHEMA = database() and TABLE_TYPE = 'BASE TABLE' order by TABLE_NAME`,
  );
  const columns = await rowsOf(
    knex,
    `select TABLE_NAME as table_name, COLUMN_NAME as name, DATA_TYPE as data_type, COLUMN_TYPE as column_type,
            IS_NULLABLE as nullable, COLUMN_COMMENT as comment, CHARACTER_MAXIMUM_LENGTH as length
       from information_schema.COLUMNS where TABLE_SCHEMA = database() order by TABLE_NAME, ORDINAL_POSITION`,
  );
  const constraints = await rowsOf(
    knex,
    `select k.CONSTRAINT_NAME as name, c.CONSTRAINT_TYPE as kind, k.TABLE_NAME as table_name, k.COLUMN_NAME as column_name,
            k.ORDINAL_POSITION as position, k.REFERENCED_TABLE_NAME as ref_table, k.REFERENCED_COLUMN_NAME as ref_column,
            k.REFERENCED_TABLE_SCHEMA as ref_schema
       from information_schema.KEY_COLUMN_USAGE k
       join information_schema.TABLE_CONSTRAINTS c
         on c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA and c.TABLE_NAME = k.TABLE_NAME and c.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      where k.TABLE_SCHEMA = database() and c.CONSTRAINT_TYPE in ('PRIMARY KEY', 'FOREIGN KEY')
      order by k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
  );
  return assemble(
    'mysql',
    schema,
    tables,
    columns.map((c) => ({
      table: String(c.table_name),
      column: {
        name: String(c.name),
        sqlType: String(c.column_type),
        ...mysqlKind(String(c.data_type).toLowerCase(), String(c.column_type).toLowerCase(), c.length),
        nullable: c.nullable === 'YES',
        comment: text(c.comment),
      },
    })),
    constraints
      .filter((k) => k.kind === 'PRIMARY KEY' || k.ref_schema === schema)
      .map((k) => ({
        name: String(k.name),
        primary: k.kind === 'PRIMARY KEY',
        table: String(k.table_name),
        column: String(k.column_name),
        refTable: text(k.ref_table),
        refColumn: text(k.ref_column),
      })),
  );
}

function mysqlKind(dataType: string, columnType: string, length: unknown): Pick<LegacyColumn, 'kind' | 'length' | 'fixedWidth'> {
  const chars = length === null || length === undefined ? undefined : Number(length);
  switch (dataType) {
    case 'char':
      return { kind: 'text', length: chars, fixedWidth: true };
    case 'varchar':
      return { kind: 'text', length: chars };
    case 'tinytext':
    case 'text':
    case 'mediumtext':
    case 'longtext':
    case 'enum':
    case 'set':
      return { kind: 'text' };
    case 'tinyint':
      // tinyint(1) is MySQL's boolean by convention (BOOLEAN is an alias of it).
      return { kind: /^tinyint\(1\)/.test(columnType) ? 'boolean' : 'int' };
    case 'smallint':
    case 'mediumint':
    case 'year':
      return { kind: 'int' };
    case 'int':
    case 'integer':
      // An unsigned int can exceed GraphQL's 32-bit Int.
      return { kind: columnType.includes('unsigned') ? 'bigint' : 'int' };
    case 'bigint':
      return { kind: 'bigint' };
    case 'decimal':
    case 'numeric':
      return { kind: 'decimal' };
    case 'float':
    case 'double':
    case 'real':
      return { kind: 'float' };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
    case 'timestamp':
      return { kind: 'timestamp' };
    case 'time':
      return { kind: 'time' };
    default:
      return { kind: 'unsupported' };
  }
}

interface ConstraintColumn {
  name: string;
  primary: boolean;
  table: string;
  column: string;
  refTable?: string;
  refColumn?: string;
}

function assemble(
  dialect: Dialect,
  schema: string,
  tables: Array<Record<string, unknown>>,
  columns: Array<{ table: string; column: LegacyColumn }>,
  constraints: ConstraintColumn[],
): LegacyCatalog {
  const byName = new Map<string, LegacyTable>();
  for (const t of tables) {
    const name = String(t.name);
    byName.set(name, { name, comment: text(t.comment), columns: [], primaryKey: [], foreignKeys: [] });
  }
  for (const { table, column } of columns) {
    const t = byName.get(table);
    if (!t) continue; // a view or another relation kind
    if (!column.comment) delete column.comment;
    if (column.length === undefined || Number.isNaN(column.length)) delete column.length;
    if (!column.fixedWidth) delete column.fixedWidth;
    t.columns.push(column);
  }
  // Constraint rows arrive ordered by table, constraint name and position.
  const foreign = new Map<string, LegacyForeignKey>();
  for (const k of constraints) {
    const t = byName.get(k.table);
    if (!t) continue;
    if (k.primary) {
      t.primaryKey.push(k.column);
      continue;
    }
    if (!k.refTable || !k.refColumn) continue;
    const id = `${k.table}\0${k.name}`;
    let fk = foreign.get(id);
    if (!fk) {
      fk = { name: k.name, columns: [], references: { table: k.refTable, columns: [] } };
      foreign.set(id, fk);
      t.foreignKeys.push(fk);
    }
    fk.columns.push(k.column);
    fk.references.columns.push(k.refColumn);
  }
  for (const t of byName.values()) if (!t.comment) delete t.comment;
  return { dialect, schema, tables: [...byName.values()] };
}
