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
 *
 * The same attribution counts it: a service that passes `onStatement` is told of every
 * statement logged under it (lib/metrics, `govgraph_sql_statements_total`) — its requests' and
 * its background work's, on whichever traced knex they ran (its department's, the platform's
 * access log). Statements under no service (the root logger, process-wide work such as the
 * grant poller's) are counted nowhere.
 */
import type { Knex } from 'knex';
import { currentRequest } from '../requestContext';
import { currentLogger, rootLogger, type Logger } from '../log';

/** The services that asked to trace each knex. */
const owners = new WeakMap<Knex, Set<Logger>>();
/** What each service's logger is told of a statement run under it (one service, one counter). */
const counters = new WeakMap<Logger, () => void>();

/**
 * Logs (and counts) the statements of `knex` under the service `log` belongs to. Call it for
 * every knex the service runs statements on; `onStatement`, if given, is told of each of them.
 */
export function traceQueries(knex: Knex, log: Logger, onStatement?: () => void): void {
  if (onStatement) counters.set(log, onStatement);
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
    counters.get(logger)?.();
    if (logger.isLevelEnabled('debug')) logger.debug({ sql: q.sql }, 'sql');
  });
}
