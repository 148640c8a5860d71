/**
 * Reading legacy values into the shapes the API serves, for subgraphs written by
 * `govgraph subgraph init` (their `db.ts` calls these for every column). Every engine the
 * platform runs on hands them the same inputs (lib/db/servers.ts): DATE as `YYYY-MM-DD`,
 * DECIMAL as a string, int8 as a number.
 */
import type { Knex } from 'knex';
import type { Database } from '../db';

/**
 * Legacy systems store zone-less timestamps in Beijing time; Beijing has kept one offset since
 * 1991, so a fixed offset is exact (subgraphs/population/legacyTime.ts does the same).
 */
export const LEGACY_UTC_OFFSET = '+08:00';

/** A text column; `null` stays `null`. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** A CHAR(n) column: PostgreSQL pads it with spaces, which are not part of the value. */
export function chars(value: unknown): string | null {
  const t = text(value);
  return t === null ? null : t.trimEnd();
}

/** An integer column that fits GraphQL's 32-bit Int (int2, int4, MySQL int, year …). */
export function int(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A float column. */
export const float = int;

/** A bigint or an unsigned int, served as a string (GraphQL's Int is 32-bit). */
export function bigint(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? value.toString() : String(value);
}

/** DECIMAL / NUMERIC, served as a string: exact, never rounded through a float. */
export const decimal = bigint;

/** PostgreSQL boolean, MySQL tinyint(1) (0/1). */
export function bool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '0' && value.toLowerCase() !== 'false' && value !== '';
  return null;
}

/** DATE as `YYYY-MM-DD`. */
export function date(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** A timestamp with a zone (PostgreSQL timestamptz): the driver's instant as ISO 8601, UTC. */
export function instant(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Selects a zone-less timestamp as wall-clock text (`YYYY-MM-DDTHH:MM:SS`), the same on every
 * engine: drivers would otherwise read it in the Node process's own zone (node-pg) or as UTC
 * (mysql2). Read it back with {@link fromWallClock}.
 */
export function wallClock(db: Database, column: string, alias: string): Knex.Raw {
  return db.dialect === 'mysql'
    ? db.knex.raw(`DATE_FORMAT(??, '%Y-%m-%dT%H:%i:%s') as ??`, [column, alias])
    : db.knex.raw(`to_char(??, 'YYYY-MM-DD"T"HH24:MI:SS') as ??`, [column, alias]);
}

/** Wall-clock text in Beijing time ({@link wallClock}) → an ISO 8601 instant in UTC. */
export function fromWallClock(value: unknown, offset = LEGACY_UTC_OFFSET): string | null {
  if (value === null || value === undefined) return null;
  const ms = Date.parse(`${String(value).replace(' ', 'T')}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * A code column joined to its code table (代码表): the code's name, or the code itself when
 * the table does not know it (an unknown code shows rather than disappearing).
 */
export function codeName(db: Database, nameColumn: string, codeColumn: string, alias: string): Knex.Raw {
  return db.knex.raw('coalesce(??, ??) as ??', [nameColumn, codeColumn, alias]);
}

/** A primary-key value as its loader key: CHAR padding dropped, numbers as their digits. */
export function key(value: unknown): string {
  if (typeof value === 'string') return value.trimEnd();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
