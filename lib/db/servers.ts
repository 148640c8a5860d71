/**
 * Connections to real PostgreSQL and MySQL servers, configured so that every engine hands
 * the department's code the same shapes: DATE as 'YYYY-MM-DD' strings (never a JS Date
 * shifted by the local time zone), int8 counts as numbers, DECIMAL as strings.
 */
import knexFactory, { Knex } from 'knex';
import { types as pgTypes } from 'pg';
import type { Database, Dialect } from './database';

const PG_DATE = 1082;
const PG_INT8 = 20;

const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_DATE) return (v: string) => v;
    if (oid === PG_INT8) return (v: string) => Number.parseInt(v, 10);
    return pgTypes.getTypeParser(oid, format as 'text');
  },
};

/** Strips credentials so a URL can be logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}

export function dialectOfUrl(url: string): Dialect {
  if (/^postgres(ql)?:/.test(url)) return 'postgres';
  if (/^(mysql|mariadb):/.test(url)) return 'mysql';
  throw new Error(`Unsupported database URL scheme in ${redactUrl(url)}: use postgres:// or mysql://`);
}

export interface ServerOptions {
  /** @default 10 — enough for a subgraph on a 2-core machine; raise with replicas, not here. */
  poolMax?: number;
}

export function connectServer(url: string, opts: ServerOptions = {}): Database {
  const dialect = dialectOfUrl(url);
  const pool = { min: 0, max: opts.poolMax ?? 10 };
  const knex: Knex =
    dialect === 'postgres'
      ? knexFactory({ client: 'pg', connection: { connectionString: url, types: pgTypeParsers } as Knex.PgConnectionConfig, pool })
      : knexFactory({
          client: 'mysql2',
          connection: {
            uri: url.replace(/^mariadb:/, 'mysql:'),
            dateStrings: ['DATE'],
            timezone: 'Z',
            supportBigNumbers: true,
            decimalNumbers: false,
            charset: 'utf8mb4',
          } as unknown as Knex.MySql2ConnectionConfig,
          pool,
        });
  return {
    knex,
    dialect,
    engine: dialect,
    label: redactUrl(url),
    async ping() {
      await knex.raw('select 1');
    },
    close: () => knex.destroy(),
  };
}
