import type { AccessLogIntegrityResolvers, AccessLogProblemResolvers, AccessLogVerificationResolvers } from '../__generated__/resolvers-types';

export const AccessLogIntegrity: AccessLogIntegrityResolvers = {
  intact: (report) => report.problems.length === 0,
  chains: (report) => report.writers.length,
  // The officers' console shows it beside the verify result.
  lastCheckpointAt: async (_report, _args, { loaders }) => (await loaders.runtime.accessLog.newestCheckpointAt())?.toISOString() ?? null,
};

export const AccessLogVerification: AccessLogVerificationResolvers = {
  lastCheckpointAt: async (_run, _args, { loaders }) => (await loaders.runtime.accessLog.newestCheckpointAt())?.toISOString() ?? null,
};

export const AccessLogProblem: AccessLogProblemResolvers = {
  recordId: (p) => (p.id === undefined ? null : String(p.id)),
};
