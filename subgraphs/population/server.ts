/** The population subgraph (公安局 public-security), as the one subgraph list exports it. */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { populationLegacyDb } from './legacy-db';
import { createLoaders, Loaders } from './loaders';
import { resolvers } from './resolvers';
import type { HouseholdRow, PersonRow } from './db';

export const population: SubgraphDefinition<Loaders> = {
  name: 'population',
  department: 'public-security',
  defaultPort: 4001,
  dialect: 'postgres',
  typeDefs: schemaFileIn(__dirname),
  resolvers: resolvers as SubgraphDefinition['resolvers'],
  createLoaders,
  legacyDb: populationLegacyDb,
  // Jurisdiction (属地管理): a person's, a member's and a household's records lie where the
  // 户籍 is registered.
  recordDivisions: {
    Person: (p: PersonRow) => p.divisionCode,
    HouseholdMember: (p: PersonRow) => p.divisionCode,
    Household: (h: HouseholdRow) => h.divisionCode,
  },
  recordSubjects: {
    Person: (p: PersonRow) => p.idNumber,
    HouseholdMember: (p: PersonRow) => p.idNumber,
    Household: (h: HouseholdRow) => h.number,
  },
};
