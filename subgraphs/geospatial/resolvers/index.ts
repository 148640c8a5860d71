import type { Resolvers } from '../__generated__/resolvers-types';
import { scalarResolvers } from '../../../lib/scalars';
import { Query } from './Query';
import { AdminDivision } from './AdminDivision';
import { Parcel } from './Parcel';
import { RealEstateRight } from './RealEstateRight';
import { Holder } from './Holder';
import { Person } from './Person';
import { LegalPerson } from './LegalPerson';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  AdminDivision,
  Parcel,
  RealEstateRight,
  Holder,
  Person,
  LegalPerson,
};
