/**
 * The social-security subgraph (人力资源和社会保障局 human-resources) over its legacy MySQL
 * database: a person's social-insurance enrolments and a company's insured employees.
 * Written by `govgraph subgraph init`, then refined by hand to the contract's shape.
 */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { socialSecurityLegacyDb } from './legacy-db';
import type { EnrolmentRow, PersonRef } from './db';

export const socialSecurity: SubgraphDefinition<Loaders> = {
  name: 'social-security',
  department: 'human-resources',
  defaultPort: 4005,
  dialect: 'mysql',
  typeDefs: schemaFileIn(__dirname),
  resolvers: resolvers as SubgraphDefinition['resolvers'],
  createLoaders,
  legacyDb: socialSecurityLegacyDb,
  // Jurisdiction (属地管理): a person's enrolments are judged by where the person lives
  // (fetched from population through @requires), whatever the employer's district; company
  // counts are not personal.
  recordDivisions: {
    Person: (p: PersonRef) => p.residenceDivision?.code,
    SocialInsuranceEnrolment: (e: EnrolmentRow) => e.residenceDivisionCode,
  },
  recordSubjects: {
    Person: (p: PersonRef) => p.idNumber,
    SocialInsuranceEnrolment: (e: EnrolmentRow) => e.idNumber,
  },
};
