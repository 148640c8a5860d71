/**
 * What every department subgraph exports. Composition, the gateway, codegen, `npm start`
 * and the tests all read the one list of these in `subgraphs/index.ts`.
 */
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Database, Dialect } from '../db';
import type { Logger } from '../log';
import type { World } from '../synthetic';
import type { PolicyContext, RecordDivisions, RecordSubjects } from '../policy/enforce';
import type { IRules } from 'graphql-shield';
import type { PolicyStore } from '../policy/store';
import type { AccessLog, AuditSink } from '../audit';
import type { AuditKeys } from '../audit/keys';

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
  /** The client operation the gateway vouched for (access records name it). */
  operation: { name?: string; hash?: string };
}

/**
 * What a subgraph server holds for its whole life, handed to `createLoaders` with each
 * request: the live policy, the access log and this subgraph's writer into it, and the
 * composed supergraph it is part of. Department subgraphs ignore it; the sharing subgraph
 * serves the catalog, the log and the workflow from it.
 */
export interface SubgraphRuntime {
  name: string;
  policy: PolicyStore;
  accessLog: AccessLog;
  audit: AuditSink;
  supergraphSdl: string;
  auditKeys: AuditKeys;
  log: Logger;
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
  /** Provider department code (README, "The departments and their legacy databases"), e.g. `public-security`. */
  department: string;
  /** @default the port the README gives it (4001–4005); overridable by GOVGRAPH_<NAME>_PORT. */
  defaultPort: number;
  /** The SQL dialect of the department's real database. */
  dialect: Dialect;
  typeDefs: DocumentNode;
  // Resolver maps are typed per subgraph by codegen; here only their shape matters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  createLoaders(db: Database, runtime: SubgraphRuntime): Loaders;
  legacyDb: LegacyDatabase;
  /**
   * Where each type's records lie (GB/T 2260), for jurisdiction: a type with personal fields
   * must be listed, or reads of those fields are denied (fail closed).
   */
  recordDivisions: RecordDivisions;
  /**
   * Whose record an object of a type is (身份号码, 统一社会信用代码, 户号 …), for the access
   * log: every type with personal fields should be listed, or its reads are logged without
   * their subject.
   */
  recordSubjects: RecordSubjects;
  /**
   * graphql-shield rules for root fields (`Query`, `Mutation`) that need a role; unlisted root
   * fields are open to any authenticated caller, and the objects they return are checked
   * field by field against the policy as always.
   */
  operationRules?: Partial<Record<'Query' | 'Mutation', IRules>>;
  /** Starts background work the subgraph owns (the sharing subgraph's anchor). */
  startBackground?(db: Database, runtime: SubgraphRuntime): { stop(): Promise<void> };
}
