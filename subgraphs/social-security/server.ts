/**
 * The social-security subgraph (department human-resources), as `govgraph subgraph init` wrote
 * it from the department's MySQL database shbx.
 */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { legacyDb } from './legacy-db';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import type { InsuredUnitRow, SocialInsuranceEnrolmentRow, ContributionRow } from './db';

export const socialSecurity: SubgraphDefinition<Loaders> = {
  name: 'social-security',
  department: 'human-resources',
  defaultPort: 4005,
  dialect: 'mysql',
  typeDefs: schemaFileIn(__dirname),
  resolvers: resolvers as SubgraphDefinition['resolvers'],
  createLoaders,
  legacyDb,
  // Jurisdiction (属地管理): where each type's records lie (GB/T 2260). The personal fields of a
  // type not listed here are denied to other departments (fail closed): list a type before its
  // fields are classified personal and shared.
  recordDivisions: {
    InsuredUnit: (r: InsuredUnitRow) => r.divisionCode,
  },
  // Whose record an object is, for the access log.
  recordSubjects: {
    InsuredUnit: (r: InsuredUnitRow) => r.uscc,
    SocialInsuranceEnrolment: (r: SocialInsuranceEnrolmentRow) => r.idNumber,
    Contribution: (r: ContributionRow) => r.idNumber,
  },
};
