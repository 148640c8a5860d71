import type { MutationResolvers } from '../__generated__/resolvers-types';
import { approveApplication, rejectApplication, revokeGrant, submitApplication, withdrawApplication } from '../applications';
import { acknowledgeDataIssue, reportDataIssue, resolveDataIssue } from '../dataIssues';
import { applicationModel, dataIssueModel, grantModelOfRow } from '../models';
import { grantsByIds } from '../../../lib/grants/grantStore';
import { approvePolicyChange, policyChangeModel, proposePolicyChange, rejectPolicyChange, withdrawPolicyChange } from '../policyChanges';
import { policyChangeDeps, verificationDeps } from './deps';
import { startVerification, verificationModel } from '../verificationRuns';

export const Mutation: MutationResolvers = {
  submitApplication: async (_p, { input }, { loaders, policyScope }) => applicationModel(await submitApplication(loaders.workflow, policyScope.requester, input)),

  withdrawApplication: async (_p, { id, reason }, { loaders, policyScope }) =>
    applicationModel(await withdrawApplication(loaders.workflow, policyScope.requester, id, reason)),

  approveApplication: async (_p, { id, provider, decision }, { loaders, policyScope }) =>
    applicationModel(await approveApplication(loaders.workflow, policyScope.requester, id, provider, decision ?? {})),

  rejectApplication: async (_p, { id, provider, reason }, { loaders, policyScope }) =>
    applicationModel(await rejectApplication(loaders.workflow, policyScope.requester, id, provider, reason)),

  revokeGrant: async (_p, { id, reason }, { loaders, policyScope, db }) => {
    await revokeGrant(loaders.workflow, policyScope.requester, id, reason);
    const [row] = await grantsByIds(db.knex, [id]);
    return grantModelOfRow(row);
  },

  reportDataIssue: async (_p, { path, subjectKey, description }, { db, policyScope }) =>
    dataIssueModel(await reportDataIssue(db.knex, policyScope.policy, policyScope.requester, path, subjectKey, description, new Date())),

  acknowledgeDataIssue: async (_p, { id, note }, { db, policyScope }) => dataIssueModel(await acknowledgeDataIssue(db.knex, policyScope.requester, id, note, new Date())),

  resolveDataIssue: async (_p, { id, outcome, resolution }, { db, policyScope }) =>
    dataIssueModel(await resolveDataIssue(db.knex, policyScope.requester, id, outcome, resolution, new Date())),

  proposePolicyChange: async (_p, { input }, ctx) => policyChangeModel(await proposePolicyChange(policyChangeDeps(ctx), ctx.policyScope.requester, input)),

  approvePolicyChange: async (_p, { id, note }, ctx) => policyChangeModel(await approvePolicyChange(policyChangeDeps(ctx), ctx.policyScope.requester, id, note)),

  rejectPolicyChange: async (_p, { id, reason }, ctx) => policyChangeModel(await rejectPolicyChange(policyChangeDeps(ctx), ctx.policyScope.requester, id, reason)),

  withdrawPolicyChange: async (_p, { id, reason }, ctx) => policyChangeModel(await withdrawPolicyChange(policyChangeDeps(ctx), ctx.policyScope.requester, id, reason)),

  startAccessLogVerification: async (_p, _a, ctx) => verificationModel(await startVerification(verificationDeps(ctx), ctx.policyScope.requester)),
};
