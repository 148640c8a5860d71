/**
 * The one place a subgraph's executable schema is built: the department's resolvers, then
 * the sharing policy compiled into graphql-shield rules and masking around every field. No
 * subgraph can be served without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphDefinition } from './definition';
import { enforcePolicy } from '../policy/enforce';
import type { Sealer } from '../policy/seal';

export function buildSchema(def: SubgraphDefinition, sealer: Sealer): GraphQLSchema {
  return enforcePolicy(buildDepartmentSchema(def), {
    subgraph: def.name,
    department: def.department,
    typeDefs: def.typeDefs,
    recordDivisions: def.recordDivisions,
    recordSubjects: def.recordSubjects,
    operationRules: def.operationRules,
    sealer,
  });
}

/** The department's own schema and resolvers, before the policy layer wraps them. */
export function buildDepartmentSchema(def: Pick<SubgraphDefinition, 'typeDefs' | 'resolvers'>): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers }]);
}

/** The `schema.graphql` next to a subgraph's definition (`dir` is its `__dirname`). */
export function schemaFileIn(dir: string): DocumentNode {
  return parse(fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8'));
}
