import type { Resolvers } from '../__generated__/resolvers-types';
import { DateScalar, DateTimeScalar } from '../../../lib/scalars';
import { Query } from './Query';
import { LegalPerson } from './LegalPerson';
import { LegalPersonConnection } from './LegalPersonConnection';
import { Person } from './Person';
import { Shareholding } from './Shareholding';
import { Holder } from './Holder';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  LegalPerson,
  LegalPersonConnection,
  Person,
  Shareholding,
  Holder,
};
