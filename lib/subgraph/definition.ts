/**
 * What every department subgraph exports. Composition, the gateway, codegen, `npm start`
 * and the tests all read the one list of these in `subgraphs/index.ts`.
 */
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Database, Dialect } from '../db';
import type { Logger } from '../log';
import type { World } from '../synthetic';
import type { PolicyContext, RecordDivisions } from '../policy/enforce';

/**
 * The context every resolver receives. Loaders are created per request, never shared;
 * `policyScope` holds the verified consumer, its purpose and grant, and the policy revision
 * the whole request is decided under.
 */
export interface SubgraphContext<Loaders> extends PolicyContext {
  requestId: string;
  log: Logger;
  db: Database;
  loaders: Loaders;
}

export interface SeedProgress {
  /** Called as rows are written; `done` and `total` are in the same unit (persons, rows…). */
  tick(done: number, total: number, label: string): void;
}

/** The department's legacy database as it exists today: its DDL and a demo seed. */
export interface LegacyDatabase {
  /** Schema name inside the embedded engine. */
  embeddedSchema: string;
  /** Creates the legacy tables (idempotent: does nothing if they exist). */
  migrate(db: Database): Promise<void>;
  /** Drops the legacy tables (used by `govgraph seed` before re-seeding). */
  drop(db: Database): Promise<void>;
  /** Whether the demo data is present. */
  isSeeded(db: Database): Promise<boolean>;
  /** Writes this department's slice of the synthetic world. */
  seed(db: Database, world: World, progress?: SeedProgress): Promise<void>;
}

export interface SubgraphDefinition<Loaders = unknown> {
  /** Subgraph name in the supergraph, e.g. `population`. */
  name: string;
  /** Provider department code (CONTRACT.md), e.g. `public-security`. */
  department: string;
  /** @default port from CONTRACT.md; overridable by GOVGRAPH_<NAME>_PORT. */
  defaultPort: number;
  /** The SQL dialect of the department's real database. */
  dialect: Dialect;
  typeDefs: DocumentNode;
  // Resolver maps are typed per subgraph by codegen; here only their shape matters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  createLoaders(db: Database): Loaders;
  legacyDb: LegacyDatabase;
  /**
   * Where each type's records lie (GB/T 2260), for jurisdiction: a type with personal fields
   * must be listed, or reads of those fields are denied (fail closed).
   */
  recordDivisions: RecordDivisions;
}

/** `legal-person` → `LEGAL_PERSON`, for environment variable names. */
export function envName(subgraphName: string): string {
  return subgraphName.toUpperCase().replace(/-/g, '_');
}
