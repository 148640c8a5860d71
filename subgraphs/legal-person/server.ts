/** The legal-person subgraph (市场监管局 market-regulation) over its legacy MySQL database. */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, Loaders } from './loaders';
import { resolvers } from './resolvers';
import { legalPersonLegacyDb } from './legacy-db';
import type { PersonRef } from './db';

export const legalPerson: SubgraphDefinition<Loaders> = {
  name: 'legal-person',
  department: 'market-regulation',
  defaultPort: 4002,
  dialect: 'mysql',
  typeDefs: schemaFileIn(__dirname),
  resolvers,
  createLoaders,
  legacyDb: legalPersonLegacyDb,
  // Jurisdiction (属地管理): what this department says about a person is judged by where the
  // person lives (fetched from population through @requires); company data is not personal.
  recordDivisions: {
    Person: (p: PersonRef) => p.residenceDivision?.code,
  },
  recordSubjects: {
    Person: (p: PersonRef) => p.idNumber,
  },
};
