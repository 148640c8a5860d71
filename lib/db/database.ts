/**
 * The narrow database handle a department's code receives. Resolvers and loaders never
 * import a global knex: they get this through the GraphQL context.
 */
import type { Knex } from 'knex';

/** The SQL dialect the department's code must speak. PGlite speaks `postgres`. */
export type Dialect = 'postgres' | 'mysql';
/** What actually runs the SQL. */
export type Engine = 'postgres' | 'mysql' | 'pglite';

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  readonly engine: Engine;
  /** A short label for logs and /readyz, never containing credentials. */
  readonly label: string;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Counts come back as number, string or bigint depending on driver; normalise here. */
export function toCount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number.parseInt(value, 10);
  return 0;
}

/** A row's first column of an aggregate (`count(*) as n`) as a number. */
export function countOf(rows: Array<Record<string, unknown>>, column = 'n'): number {
  return rows.length ? toCount(rows[0][column]) : 0;
}
