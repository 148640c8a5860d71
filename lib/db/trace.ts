/**
 * SQL tracing: each statement is logged at debug level with the request it belongs to,
 * and appended to the request's `sql` list when a test or the SQL-count harness asked for
 * it (golden tests record statements so an N+1 regression shows up as a diff).
 *
 * One listener per knex, however many subgraphs use it: the embedded database is one knex
 * shared by every department (lib/db/embedded.ts), and a listener per subgraph logged each
 * statement once under every subgraph's name. A statement is logged once, under the service
 * whose request or background work ran it (lib/log.ts `currentLogger`); outside both, under
 * the knex's one owner, or the root logger when several subgraphs share it.
 */
import type { Knex } from 'knex';
import { currentRequest } from '../requestContext';
import { currentLogger, rootLogger, type Logger } from '../log';

/** The services that asked to trace each knex. */
const owners = new WeakMap<Knex, Set<Logger>>();

export function traceQueries(knex: Knex, log: Logger): void {
  const known = owners.get(knex);
  if (known) {
    known.add(log);
    return;
  }
  const set = new Set([log]);
  owners.set(knex, set);
  knex.on('query', (q: { sql: string }) => {
    const scope = currentRequest();
    scope?.sql?.push(q.sql);
    const logger = currentLogger() ?? (set.size === 1 ? log : rootLogger);
    if (logger.isLevelEnabled('debug')) logger.debug({ sql: q.sql }, 'sql');
  });
}
