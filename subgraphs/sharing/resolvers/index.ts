import { DateScalar, DateTimeScalar } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { GrantApplication } from './GrantApplication';
import { AccessRead, AccessRecord } from './AccessRecord';
import { SharingGrant } from './SharingGrant';
import { AccessLogIntegrity, AccessLogProblem, AccessLogVerification } from './AccessLogIntegrity';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  GrantApplication,
  AccessRecord,
  AccessRead,
  SharingGrant,
  AccessLogIntegrity,
  AccessLogProblem,
  AccessLogVerification,
};
