import { lastCheckpointAt } from './deps';
import type { AccessLogIntegrityResolvers, AccessLogProblemResolvers, AccessLogVerificationResolvers } from '../__generated__/resolvers-types';

export const AccessLogIntegrity: AccessLogIntegrityResolvers = {
  intact: (report) => report.problems.length === 0,
  chains: (report) => report.writers.length,
  // The officers' console shows it beside the verify result.
  lastCheckpointAt: (_report, _args, ctx) => lastCheckpointAt(ctx),
};

export const AccessLogVerification: AccessLogVerificationResolvers = {
  lastCheckpointAt: (_run, _args, ctx) => lastCheckpointAt(ctx),
};

export const AccessLogProblem: AccessLogProblemResolvers = {
  recordId: (p) => (p.id === undefined ? null : String(p.id)),
};
