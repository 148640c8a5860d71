/**
 * Runs one department subgraph in-process on port 0 over a seeded test database, as the
 * gateway would reach it.
 */
import { createSubgraphServer, SubgraphDefinition } from '../../lib/subgraph';
import { listen } from '../../lib/http/listen';
import { openPlatformDatabase, openSeededDatabase, TestDatabase } from './databases';
import { AccessLog } from '../../lib/audit';
import { postGraphQL, GraphQLResponse } from './http';
import { runInRequest } from '../../lib/requestContext';
import { testSecurity, TestSecurity } from './security';
import type { Requester } from '../../lib/identity';

export interface RunningSubgraph {
  url: string;
  database: TestDatabase;
  /** Where the subgraph writes its access records. */
  platform: TestDatabase;
  accessLog: AccessLog;
  security: TestSecurity;
  query<D = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
  /** Runs `fn` and returns the SQL statements the subgraph emitted meanwhile. */
  recordSql<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }>;
  stop(): Promise<void>;
}

/**
 * @param as whom the requests are signed for (as the gateway would): by default the
 *   department that provides this subgraph, which sees its own data in full — these tests
 *   are about the data, the policy tests are elsewhere.
 */
export async function startSubgraph(def: SubgraphDefinition, as?: Requester): Promise<RunningSubgraph> {
  const [database, platform] = await Promise.all([openSeededDatabase(def), openPlatformDatabase()]);
  const security = await testSecurity();
  const accessLog = new AccessLog(platform.db, security.auditKeys.key);
  const server = await createSubgraphServer(def, database.db, security, { accessLog });
  const http = await listen(server.app, 0);
  const url = `${http.url}/graphql`;
  const identity: Requester = as ?? { user: `${def.department}-tester`, dept: def.department, division: '320100', roles: [`provider:${def.department}`] };
  return {
    url,
    database,
    platform,
    accessLog,
    security,
    async query(query, variables) {
      const body = JSON.stringify({ query, variables });
      return postGraphQL(url, query, variables, await security.credentialFor(def.name, body, identity));
    },
    recordSql: (fn) => recordSql(database.db.knex, fn),
    async stop() {
      await http.close();
      await server.stop();
      await database.drop();
      await platform.drop();
    },
  };
}

/** Collects every statement `knex` runs while `fn` is pending (tests run one at a time). */
export async function recordSql<T>(knex: { on: Function; off: Function }, fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const listener = (q: { sql: string }) => sql.push(q.sql);
  knex.on('query', listener);
  try {
    const result = await runInRequest({ requestId: 'test-sql-recording' }, fn);
    return { result, sql };
  } finally {
    knex.off('query', listener);
  }
}
