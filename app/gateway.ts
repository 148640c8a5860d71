/**
 * The gateway as a process of its own (scale-out: several behind a load balancer). It needs
 * only the committed supergraph: the subgraphs' names and URLs are in it, each URL overridable
 * by GOVGRAPH_<NAME>_URL (lib/config.ts).
 */
import { createGatewayServer } from '../gateway/server';
import { listen } from '../lib/http/listen';
import { gatewayPort, listenHost, subgraphUrl } from '../lib/config';
import { rootLogger } from '../lib/log';
import { readCommittedSupergraph, subgraphEndpoints } from '../lib/supergraph';
import { gatewaySecurityFromEnv } from './security';
import { onShutdown } from './shutdown';
import { gatewayMetrics } from './metrics';
import { startTracing } from '../lib/tracing';

export async function runGateway(): Promise<void> {
  try {
    // Before the server, which takes the process's tracing when it is built (lib/tracing).
    const tracing = await startTracing('gateway');
    if (tracing) rootLogger.info({ serviceName: tracing.serviceName }, 'exporting traces (OpenTelemetry, OTLP/HTTP)');
    const supergraphSdl = readCommittedSupergraph();
    const gateway = await createGatewayServer({
      supergraphSdl,
      subgraphUrls: Object.fromEntries(subgraphEndpoints(supergraphSdl).map((s) => [s.name, subgraphUrl(s.name, s.url)])),
      security: await gatewaySecurityFromEnv(),
      metrics: gatewayMetrics(),
    });
    const http = await listen(gateway.app, gatewayPort(), listenHost());
    rootLogger.info({ url: http.url }, 'gateway listening');
    onShutdown(async () => {
      await http.close();
      await gateway.stop();
      // The last spans, those of the requests drained above.
      await tracing?.release();
    });
  } catch (err) {
    rootLogger.fatal({ err }, 'gateway failed to start');
    process.exitCode = 1;
  }
}
