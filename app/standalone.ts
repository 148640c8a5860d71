/**
 * Runs one department subgraph as its own process (`govgraph serve <name>`): how a
 * department deploys it next to its own database. With no GOVGRAPH_<NAME>_DB_URL it uses an
 * embedded database of its own, so it never fights `npm start` for the shared one.
 *
 * Every subgraph also needs the platform database (GOVGRAPH_SHARING_DB_URL): it writes its
 * access-log records there and reads the workflow's grants from it. Without one, a schema in
 * the process's own embedded database stands in — fine to try a subgraph alone, but then its
 * log and grants are its own; a deployment points every process at one shared server.
 */
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import { createSubgraphServer } from '../lib/subgraph/server';
import { listen } from '../lib/http/listen';
import { openDepartmentDatabases } from './departmentDatabases';
import { auditWitnessDir, databaseUrl, listenHost, seedPersons, subgraphPort } from '../lib/config';
import { rootLogger } from '../lib/log';
import { onShutdown } from './shutdown';
import { subgraphSecurityFromEnv } from './security';
import { refuseDemoKeysInProduction } from '../lib/keys/keySources';
import { HeadWitness } from '../lib/audit/witness';
import { openPlatform, PLATFORM_SUBGRAPH } from './platform';
import { subgraphMetrics } from './metrics';
import { startTracing } from '../lib/tracing';

export async function runStandalone(def: SubgraphDefinition): Promise<void> {
  const log = rootLogger.child({ service: def.name });
  try {
    // Before any database is opened or seeded: production refuses demo keys at once.
    const anchor = def.name === PLATFORM_SUBGRAPH.name;
    refuseDemoKeysInProduction(anchor ? ['subgraph', 'anchor'] : ['subgraph']);
    // Before the server, which takes the process's tracing when it is built (lib/tracing).
    const tracing = await startTracing(def.name);
    if (tracing) log.info({ serviceName: tracing.serviceName }, 'exporting traces (OpenTelemetry, OTLP/HTTP)');
    const defs = anchor ? [def] : [def, PLATFORM_SUBGRAPH as SubgraphDefinition];
    if (defs.length > 1 && !databaseUrl(PLATFORM_SUBGRAPH)) {
      log.warn('GOVGRAPH_SHARING_DB_URL is not set: the access log and workflow grants live in this process\'s own embedded database');
    }
    const dbs = await openDepartmentDatabases(defs, { persons: seedPersons(), embeddedName: `pglite-${def.name}` });
    const security = await subgraphSecurityFromEnv({ anchor });
    const platform = await openPlatform(dbs.byName.get(PLATFORM_SUBGRAPH.name)!, security, { witness: await HeadWitness.open(auditWitnessDir(), security.auditKeys.key), services: [def.name], log });
    const db = dbs.byName.get(def.name)!;
    const server = await createSubgraphServer(def, db, security, { accessLog: platform.accessLog, metrics: subgraphMetrics(def, db, platform.accessLog, security) });
    const http = await listen(server.app, subgraphPort(def), listenHost());
    log.info({ url: `${http.url}/graphql` }, `${def.name} subgraph listening`);
    onShutdown(async () => {
      await http.close();
      await server.stop();
      await platform.close();
      await dbs.close();
      security.policy.close();
      // The last spans, those of the requests drained above.
      await tracing?.release();
    });
  } catch (err) {
    log.fatal({ err }, `${def.name} subgraph failed to start`);
    process.exitCode = 1;
  }
}
