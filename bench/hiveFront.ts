/**
 * The Hive front as a process of its own, for `npm run bench` when `govgraph serve
 * hive-gateway` cannot pick the query planner (or does not exist yet) but the tree has
 * gateway/hive/server.ts's `startHiveGateway`: what `govgraph serve hive-gateway` does — the
 * committed supergraph, subgraph URLs from GOVGRAPH_<NAME>_URL, the gateway's security from the
 * environment, GOVGRAPH_GATEWAY_PORT — with the planner given as the first argument (`js` or
 * `rust`). Run through tsx (bench/fronts.ts).
 */
import path from 'node:path';
import { gatewaySecurityFromEnv } from '../app/security';
import { gatewayPort, listenHost, subgraphUrl } from '../lib/config';
import { readCommittedSupergraph, subgraphEndpoints } from '../lib/supergraph';
import type { GatewaySecurity } from '../gateway/security';

interface HiveModule {
  startHiveGateway(opts: {
    supergraphSdl: string;
    subgraphUrls: Record<string, string>;
    security: GatewaySecurity;
    planner: 'js' | 'rust';
    port: number;
    host: string;
  }): Promise<{ url: string; stop(): Promise<void> }>;
}

async function main(): Promise<void> {
  const planner = process.argv[2] === 'rust' ? 'rust' : 'js';
  // Required by path, not imported: the bench typechecks in a tree without the Hive front too.
  const hive = require(path.join(__dirname, '..', 'gateway', 'hive', 'server')) as HiveModule;
  const supergraphSdl = readCommittedSupergraph();
  const running = await hive.startHiveGateway({
    supergraphSdl,
    subgraphUrls: Object.fromEntries(subgraphEndpoints(supergraphSdl).map((s) => [s.name, subgraphUrl(s.name, s.url)])),
    security: await gatewaySecurityFromEnv(),
    planner,
    port: gatewayPort(),
    host: listenHost(),
  });
  const stop = () => void running.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error('hive front failed to start:', err);
  process.exit(1);
});
