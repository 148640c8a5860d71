/**
 * Runs one department subgraph as its own process (`tsx subgraphs/<name>/index.ts`): how a
 * department deploys it next to its own database. With no GOVGRAPH_<NAME>_DB_URL it uses an
 * embedded database of its own, so it never fights `npm start` for the shared one.
 */
import type { SubgraphDefinition } from '../subgraph/definition';
import { createSubgraphServer } from '../subgraph/server';
import { listen } from '../http/listen';
import { openDepartmentDatabases } from './departmentDatabases';
import { listenHost, seedPersons, subgraphPort } from './config';
import { rootLogger } from '../log';
import { onShutdown } from './shutdown';
import { subgraphSecurityFromEnv } from './security';

export async function runStandalone(def: SubgraphDefinition): Promise<void> {
  const log = rootLogger.child({ service: def.name });
  try {
    const dbs = await openDepartmentDatabases([def], { persons: seedPersons(), embeddedName: `pglite-${def.name}` });
    const security = await subgraphSecurityFromEnv();
    const server = await createSubgraphServer(def, dbs.byName.get(def.name)!, security);
    const http = await listen(server.app, subgraphPort(def), listenHost());
    log.info({ url: `${http.url}/graphql` }, `${def.name} subgraph listening`);
    onShutdown(async () => {
      await http.close();
      await server.stop();
      await dbs.close();
      security.policy.close();
    });
  } catch (err) {
    log.fatal({ err }, `${def.name} subgraph failed to start`);
    process.exitCode = 1;
  }
}
