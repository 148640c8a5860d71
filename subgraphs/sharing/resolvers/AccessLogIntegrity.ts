import type { AccessLogIntegrityResolvers, AccessLogProblemResolvers } from '../__generated__/resolvers-types';

export const AccessLogIntegrity: AccessLogIntegrityResolvers = {
  intact: (report) => report.problems.length === 0,
  chains: (report) => report.writers.length,
};

export const AccessLogProblem: AccessLogProblemResolvers = {
  recordId: (p) => (p.id === undefined ? null : String(p.id)),
};
