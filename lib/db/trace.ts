/**
 * SQL tracing: each statement is logged at debug level with the request it belongs to,
 * and appended to the request's `sql` list when a test or the SQL-count harness asked for
 * it (golden tests record statements so an N+1 regression shows up as a diff).
 */
import type { Knex } from 'knex';
import { currentRequest } from '../requestContext';
import type { Logger } from '../log';

export function traceQueries(knex: Knex, log: Logger): void {
  knex.on('query', (q: { sql: string }) => {
    const scope = currentRequest();
    scope?.sql?.push(q.sql);
    if (log.isLevelEnabled('debug')) log.debug({ sql: q.sql }, 'sql');
  });
}
