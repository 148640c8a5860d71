/**
 * Runs the gateway as its own process (scale-out: several of these behind a load balancer,
 * each reading the committed supergraph; subgraph URLs from GOVGRAPH_<NAME>_URL).
 */
import { subgraphs } from '../subgraphs';
import { createGatewayServer } from './server';
import { readCommittedSupergraph } from './compose';
import { listen } from '../lib/http/listen';
import { gatewayPort, listenHost, subgraphUrl } from '../lib/runtime/config';
import { onShutdown } from '../lib/runtime/shutdown';
import { rootLogger } from '../lib/log';
import { gatewaySecurityFromEnv } from '../lib/runtime/security';

async function main(): Promise<void> {
  const gateway = await createGatewayServer({
    supergraphSdl: readCommittedSupergraph(),
    subgraphUrls: Object.fromEntries(subgraphs.map((def) => [def.name, subgraphUrl(def)])),
    security: await gatewaySecurityFromEnv(),
  });
  const http = await listen(gateway.app, gatewayPort(), listenHost());
  rootLogger.info({ url: http.url }, 'gateway listening');
  onShutdown(async () => {
    await http.close();
    await gateway.stop();
  });
}

main().catch((err) => {
  rootLogger.fatal({ err }, 'gateway failed to start');
  process.exitCode = 1;
});
