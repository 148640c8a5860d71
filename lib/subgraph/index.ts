export * from './definition';
export { buildSchema } from './schema';
export { createSubgraphServer } from './server';
export type { SubgraphServer } from './server';
