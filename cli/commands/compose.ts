import fs from 'node:fs';
import path from 'node:path';
import { subgraphs } from '../../subgraphs';
import { composeSupergraph, SUPERGRAPH_PATH } from '../../gateway/compose';

/** The committed supergraph records the contract's default URLs; deployments re-point them by env. */
const defaultUrl = (def: { defaultPort: number }) => `http://localhost:${def.defaultPort}/graphql`;

export async function composeCommand(opts: { check?: boolean }): Promise<void> {
  const result = composeSupergraph(subgraphs, defaultUrl);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`composition error: ${e}\n`);
    process.exit(1);
  }
  const rel = path.relative(process.cwd(), SUPERGRAPH_PATH);
  if (opts.check) {
    const committed = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      process.stderr.write(`${rel} is stale: run \`npx govgraph compose\` and commit the result.\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date (${subgraphs.length} subgraphs).\n`);
    return;
  }
  fs.writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  process.stdout.write(`wrote ${rel} (${subgraphs.map((s) => s.name).join(', ')})\n`);
}
