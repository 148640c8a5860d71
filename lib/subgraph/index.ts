export * from './definition';
export { buildSchema, schemaFileIn } from './schema';
export { createSubgraphServer } from './server';
export type { SubgraphServer } from './server';
