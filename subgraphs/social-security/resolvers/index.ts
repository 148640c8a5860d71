import { DateScalar, DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { InsuredUnit } from './InsuredUnit';
import { SocialInsuranceEnrolment } from './SocialInsuranceEnrolment';
import { Contribution } from './Contribution';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  InsuredUnit,
  SocialInsuranceEnrolment,
  Contribution,
};
