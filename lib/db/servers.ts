/**
 * Connections to real PostgreSQL and MySQL servers, configured so that every engine hands
 * the department's code the same shapes: DATE as 'YYYY-MM-DD' strings (never a JS Date
 * shifted by the local time zone), int8 counts as numbers, DECIMAL as strings.
 */
import knexFactory, { Knex } from 'knex';
import { types as pgTypes } from 'pg';
import type { Database, Dialect } from './database';
import { serviceLogger } from '../log';

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

/**
 * TCP keep-alive on every connection, first probe after this long idle: a server that vanished
 * without a reset (a failover, a dropped network path) is then found dead by the kernel and the
 * pool replaces the connection, instead of a query waiting on it forever.
 */
const KEEPALIVE_AFTER_MS = 10_000;

/**
 * knex's own messages (a connection lost, one that could not be acquired) into the JSON log,
 * with the database named, instead of knex's default console.log beside it.
 */
function knexLog(label: string): Knex.Logger {
  const log = serviceLogger('db');
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    warn: (message) => log.warn({ database: label }, text(message)),
    error: (message) => log.error({ database: label }, text(message)),
    deprecate: (method, alternative) => log.warn({ database: label }, `knex: ${method} is deprecated, use ${alternative}`),
    debug: () => undefined,
  };
}

export function connectServer(url: string, opts: ServerOptions = {}): Database {
  const dialect = dialectOfUrl(url);
  const pool = { min: 0, max: opts.poolMax ?? 10 };
  const log = knexLog(redactUrl(url));
  const knex: Knex =
    dialect === 'postgres'
      ? knexFactory({ client: 'pg', connection: { connectionString: url, types: pgTypeParsers, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_AFTER_MS } as Knex.PgConnectionConfig, pool, log })
      : knexFactory({
          client: 'mysql2',
          connection: {
            uri: url.replace(/^mariadb:/, 'mysql:'),
            dateStrings: ['DATE'],
            timezone: 'Z',
            supportBigNumbers: true,
            decimalNumbers: false,
            charset: 'utf8mb4',
            enableKeepAlive: true,
            keepAliveInitialDelay: KEEPALIVE_AFTER_MS,
          } as unknown as Knex.MySql2ConnectionConfig,
          pool,
          log,
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
