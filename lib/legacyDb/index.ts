/**
 * Runtime support for subgraphs written by `govgraph subgraph init` over a department's
 * existing database: its catalog, the values read from it, its keys, and the `legacy-db`
 * that describes it without ever changing it.
 */
export * from './catalog';
export * from './keys';
export * as values from './values';
export { describedLegacyDatabase, describeMismatch, LegacyDatabaseMismatch } from './describedDatabase';
export type { DescribedDatabaseOptions } from './describedDatabase';
