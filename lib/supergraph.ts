/**
 * The committed supergraph (gateway/supergraph.graphql, written by `govgraph compose`) and
 * what a process learns from it: the gateway plans against it and reaches each subgraph by the
 * name and URL composition recorded there; subgraphs serve the catalog and the workflow from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ConstValueNode } from 'graphql';
import { ROOT } from './config';

export const SUPERGRAPH_PATH = path.join(ROOT, 'gateway', 'supergraph.graphql');

export function readCommittedSupergraph(file = SUPERGRAPH_PATH): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`npx govgraph compose\` to create it.`);
  }
}

/** A subgraph as the supergraph names it: `@join__graph(name:, url:)`. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

const stringArgument = (value: ConstValueNode | undefined) => (value?.kind === Kind.STRING ? value.value : undefined);

/** Every subgraph of a supergraph, in the order composition wrote them. */
export function subgraphEndpoints(supergraphSdl: string): SubgraphEndpoint[] {
  const out: SubgraphEndpoint[] = [];
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = stringArgument(graph?.arguments?.find((a) => a.name.value === 'name')?.value);
      const url = stringArgument(graph?.arguments?.find((a) => a.name.value === 'url')?.value);
      if (name && url) out.push({ name, url });
    }
  }
  return out;
}
