/**
 * The federation `npm run load` drives, in its own process (so the load generator never
 * shares the served event loop): the department databases seeded once (real servers when
 * GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL are set), every subgraph and the gateway as deployed
 * — policies, access log, trust chain, rate limits. Talks to its parent over IPC: it sends
 * `ready` with the gateway URL and the clients' tokens, and answers `records` requests with
 * the access log's data records.
 */
import '../quiet';
import { generateWorld } from '../../lib/synthetic';
import { testSecurity, type TestSecurity } from '../../test/support/security';
import { openBenchDatabases, startBenchStack } from '../federation';
import type { LoadMessage, ServerMessage } from './protocol';
import { CLIENT_IDENTITIES } from './protocol';

async function main(): Promise<void> {
  const persons = Number(process.env.LOAD_PERSONS ?? 10_000);
  const dbs = await openBenchDatabases(generateWorld({ persons }));
  const security: TestSecurity = await testSecurity();
  const stack = await startBenchStack(dbs, security, 'on');
  const platform = dbs.databases.get('sharing')!.db;
  const tokens = await Promise.all(CLIENT_IDENTITIES.map((identity) => security.token(identity)));
  const send = (m: ServerMessage) => process.send!(m);
  send({ kind: 'ready', gatewayUrl: `${stack.gatewayUrl}/graphql`, tokens, engines: dbs.engines, persons });

  process.on('message', async (m: LoadMessage) => {
    if (m.kind === 'records') {
      // One row per provider per request; the parent compares request ids with its responses.
      const rows: Array<{ request_id: string }> = await platform.knex('access_log').where({ kind: 'data' }).distinct('request_id');
      send({ kind: 'records', requestIds: rows.map((r) => r.request_id) });
    } else if (m.kind === 'stop') {
      await stack.stop();
      security.policy.close();
      await dbs.drop();
      process.exit(0);
    }
  });
}

main().catch((err) => {
  console.error('load server failed:', err);
  process.exit(1);
});
