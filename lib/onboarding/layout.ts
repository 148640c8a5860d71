/**
 * Where `govgraph subgraph init` writes, in today's tree — the one place to change when the
 * tree moves. Paths are relative to the repository root.
 */
import path from 'node:path';

export const LAYOUT = {
  /** A department's folder. */
  subgraphDir: (name: string) => `subgraphs/${name}`,
  /** The one subgraph list (composition, the gateway, codegen, `npm start` and the tests read it). */
  registry: 'subgraphs/index.ts',
  codegen: 'codegen.yml',
  policyDir: 'policies',
  policyFile: (department: string) => `policies/${department}.yaml`,
  supergraph: 'gateway/supergraph.graphql',
  lib: 'lib',
  /** Codegen's output inside a department's folder. */
  generatedTypes: '__generated__/resolvers-types.ts',
} as const;

/** The import path from a folder of the generated subgraph to lib/ (`../../lib`). */
export function libFrom(dirFromRoot: string): string {
  return path.posix.relative(dirFromRoot, LAYOUT.lib);
}
