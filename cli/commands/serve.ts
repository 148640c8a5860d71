import { subgraphs } from '../../subgraphs';
import { runGateway } from '../../app/gateway';
import { runStandalone } from '../../app/standalone';

/** `govgraph serve <gateway|subgraph>`: one process of a deployment (README, "Deployment"). */
export async function serveCommand(name: string): Promise<void> {
  if (name === 'gateway') return runGateway();
  const def = subgraphs.find((s) => s.name === name);
  if (!def) {
    process.stderr.write(`govgraph serve: UNKNOWN_SERVICE: no subgraph "${name}"; serve one of: gateway, ${subgraphs.map((s) => s.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  return runStandalone(def);
}
