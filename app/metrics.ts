/**
 * The metrics of each service a process runs (lib/metrics). The servers feed theirs
 * themselves — requests, the gateway's subgraph calls, the access log's commits; what only
 * the composition knows is added here: the database pools a subgraph draws on, the policy it
 * enforces and, where the access log's anchor runs (the platform subgraph), the age of the
 * log's newest signed checkpoint.
 */
import type { Database } from '../lib/db';
import type { AccessLog } from '../lib/audit';
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import type { SubgraphSecurity } from '../lib/subgraph/security';
import { GatewayMetrics, SubgraphMetrics } from '../lib/metrics';
import { PLATFORM_SUBGRAPH } from './platform';

export function subgraphMetrics(def: Pick<SubgraphDefinition, 'name'>, db: Database, accessLog: AccessLog, security: Pick<SubgraphSecurity, 'policy'>): SubgraphMetrics {
  const metrics = new SubgraphMetrics(def.name);
  metrics.watchPool('department', db);
  // The access log and the grants live in the platform database; for the platform subgraph it is its own.
  if (accessLog.db !== db) metrics.watchPool('platform', accessLog.db);
  metrics.watchPolicyRevision(() => security.policy.current.revision);
  if (def.name === PLATFORM_SUBGRAPH.name) metrics.watchCheckpointAge(() => accessLog.newestCheckpointAt());
  return metrics;
}

export function gatewayMetrics(): GatewayMetrics {
  return new GatewayMetrics();
}
