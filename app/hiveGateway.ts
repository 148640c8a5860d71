/**
 * `govgraph serve hive-gateway`: the second front (gateway/hive/) as a process of its own —
 * Hive Gateway over the committed supergraph, in front of the same subgraphs, configured as
 * `govgraph serve gateway` is (app/gateway.ts): the subgraphs' URLs from GOVGRAPH_<NAME>_URL,
 * the keys and token verification from the environment (app/security.ts), GOVGRAPH_GATEWAY_PORT,
 * GOVGRAPH_LISTEN_HOST, GOVGRAPH_SUBGRAPH_TIMEOUT_MS, the rate limits and GOVGRAPH_REDIS_URL.
 * GOVGRAPH_HIVE_PLANNER=rust runs Hive Router's query planner (Rust) instead of Hive's
 * JavaScript one (`js`, the default).
 */
import { startHiveGateway, type HivePlanner } from '../gateway/hive/server';
import { gatewayPort, listenHost, subgraphUrl } from '../lib/config';
import { rootLogger } from '../lib/log';
import { readCommittedSupergraph, subgraphEndpoints } from '../lib/supergraph';
import { gatewaySecurityFromEnv } from './security';
import { onShutdown } from './shutdown';

/** The variable that picks Hive's query planner. */
export const HIVE_PLANNER_VARIABLE = 'GOVGRAPH_HIVE_PLANNER';

/** GOVGRAPH_HIVE_PLANNER: `js` (default) or `rust`; anything else stops the process. */
export function hivePlanner(env: NodeJS.ProcessEnv = process.env): HivePlanner {
  const value = env[HIVE_PLANNER_VARIABLE]?.trim().toLowerCase() || 'js';
  if (value !== 'js' && value !== 'rust') throw new Error(`${HIVE_PLANNER_VARIABLE} must be js or rust, not ${JSON.stringify(env[HIVE_PLANNER_VARIABLE])}`);
  return value;
}

export async function runHiveGateway(options: { planner?: HivePlanner } = {}): Promise<void> {
  try {
    const planner = options.planner ?? hivePlanner();
    const supergraphSdl = readCommittedSupergraph();
    const running = await startHiveGateway({
      supergraphSdl,
      subgraphUrls: Object.fromEntries(subgraphEndpoints(supergraphSdl).map((s) => [s.name, subgraphUrl(s.name, s.url)])),
      security: await gatewaySecurityFromEnv(),
      planner,
      port: gatewayPort(),
      host: listenHost(),
    });
    rootLogger.info({ url: running.url, planner }, 'hive gateway listening');
    onShutdown(() => running.stop());
  } catch (err) {
    rootLogger.fatal({ err }, 'hive gateway failed to start');
    process.exitCode = 1;
  }
}
