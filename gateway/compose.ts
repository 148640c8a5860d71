/**
 * Composes the department subgraphs into the supergraph with @apollo/composition, in
 * process (the rover CLI downloads a plugin at run time and fails on air-gapped networks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import type { SubgraphDefinition } from '../lib/subgraph/definition';

export const SUPERGRAPH_PATH = path.join(__dirname, 'supergraph.graphql');

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/**
 * @param urlOf where the gateway reaches each subgraph; the committed file records the
 *   defaults (`http://localhost:400N/graphql`), and the gateway re-points them at run time.
 */
export function composeSupergraph(defs: SubgraphDefinition[], urlOf: (def: SubgraphDefinition) => string): Composition {
  const result = composeServices(defs.map((def) => ({ name: def.name, url: urlOf(def), typeDefs: def.typeDefs })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl + '\n' };
}

export function readCommittedSupergraph(file = SUPERGRAPH_PATH): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`npx govgraph compose\` to create it.`);
  }
}
