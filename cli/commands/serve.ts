import { subgraphs } from '../../subgraphs';
import { runGateway } from '../../app/gateway';
import { runHiveGateway } from '../../app/hiveGateway';
import { runStandalone } from '../../app/standalone';

/**
 * `govgraph serve <gateway|hive-gateway|subgraph>`: one process of a deployment (README,
 * "Deployment"; `hive-gateway`: "A second front: Hive Gateway").
 */
export async function serveCommand(name: string, options: { planner?: string } = {}): Promise<void> {
  if (name === 'gateway') return runGateway();
  if (name === 'hive-gateway') {
    if (options.planner !== undefined && options.planner !== 'js' && options.planner !== 'rust') {
      process.stderr.write(`govgraph serve hive-gateway: --planner must be js or rust, not ${JSON.stringify(options.planner)}\n`);
      process.exitCode = 2;
      return;
    }
    return runHiveGateway({ planner: options.planner as 'js' | 'rust' | undefined });
  }
  const def = subgraphs.find((s) => s.name === name);
  if (!def) {
    process.stderr.write(`govgraph serve: UNKNOWN_SERVICE: no subgraph "${name}"; serve one of: gateway, hive-gateway, ${subgraphs.map((s) => s.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  return runStandalone(def);
}
