import type { Resolvers } from '../__generated__/resolvers-types';
import { DateScalar } from '../../../lib/scalars';
import { Person } from './Person';
import { LegalPerson } from './LegalPerson';
import { SocialInsuranceEnrolment } from './SocialInsuranceEnrolment';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Person,
  LegalPerson,
  SocialInsuranceEnrolment,
};
