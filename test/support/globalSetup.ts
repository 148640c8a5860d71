/**
 * Runs once before any suite (jest.config.js `globalSetup`): says which databases this run
 * uses, so nobody mistakes an embedded run for one on the real servers (or the reverse).
 * Host and port only, never a user or password; a server that does not answer is said so
 * here, once, rather than as a failure in every suite.
 */
import knexFactory from 'knex';
import { buildEmbeddedTemplates } from './databases';

const EMBEDDED = 'embedded PGlite (in memory)';

function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('postgres') ? 5432 : 3306)}`;
  } catch {
    return '(an unparseable URL)';
  }
}

/** The server's own name and version (`PostgreSQL 15.8`, `MariaDB 10.11.6`), or why it did not answer. */
async function serverVersion(client: 'pg' | 'mysql2', url: string): Promise<string> {
  const knex = knexFactory({ client, connection: url, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 3_000 });
  try {
    if (client === 'pg') {
      const { rows } = await knex.raw('SHOW server_version');
      return `PostgreSQL ${String(rows[0].server_version).split(' ')[0]}`;
    }
    const [rows] = await knex.raw('SELECT VERSION() AS v');
    const v = String(rows[0].v);
    return /mariadb/i.test(v) ? `MariaDB ${v.split('-')[0]}` : `MySQL ${v.split('-')[0]}`;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return `${client === 'pg' ? 'PostgreSQL' : 'MySQL/MariaDB'} (NOT ANSWERING${code ? `: ${code}` : ''})`;
  } finally {
    await knex.destroy();
  }
}

export function databasesLine(pg: string | undefined, mysql: string | undefined, versions: { pg?: string; mysql?: string } = {}): string {
  if (!pg && !mysql) {
    return `govgraph tests: ${EMBEDDED} for every department; set GOVGRAPH_PG_URL and GOVGRAPH_MYSQL_URL to use real servers`;
  }
  const parts = [
    pg ? `${versions.pg ?? 'PostgreSQL'} at ${where(pg)} (GOVGRAPH_PG_URL)` : `${EMBEDDED} for the PostgreSQL departments (GOVGRAPH_PG_URL unset)`,
    mysql ? `${versions.mysql ?? 'MySQL'} at ${where(mysql)} (GOVGRAPH_MYSQL_URL)` : `${EMBEDDED} for the MySQL departments (GOVGRAPH_MYSQL_URL unset)`,
  ];
  return `govgraph tests: ${parts.join(', ')}`;
}

export default async function globalSetup(): Promise<void> {
  const pg = process.env.GOVGRAPH_PG_URL || undefined;
  const mysql = process.env.GOVGRAPH_MYSQL_URL || undefined;
  const [pgVersion, mysqlVersion] = await Promise.all([pg && serverVersion('pg', pg), mysql && serverVersion('mysql2', mysql)]);
  // On stderr, where jest reports: stdout may be `jest --json`'s.
  process.stderr.write(`\n${databasesLine(pg, mysql, { pg: pgVersion || undefined, mysql: mysqlVersion || undefined })}\n`);
  const started = Date.now();
  await buildEmbeddedTemplates();
  const seconds = Math.round((Date.now() - started) / 1000);
  if (seconds >= 2) process.stderr.write(`govgraph tests: embedded test databases built in ${seconds} s (once per change of a schema or seed; kept in node_modules/.cache)\n`);
}
