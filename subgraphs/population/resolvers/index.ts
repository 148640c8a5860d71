import { DateScalar, DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Household } from './Household';
import { HouseholdMember } from './HouseholdMember';
import { Person } from './Person';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Person,
  Household,
  HouseholdMember,
};
