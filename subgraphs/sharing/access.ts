/**
 * Role rules on the sharing subgraph's root fields, applied by the policy layer like every
 * other rule (lib/policy/enforce.ts). They read only the caller's identity, never `parent`
 * or `args`, so per-request caching is safe.
 */
import { rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { errors } from '../../lib/errors';
import type { PolicyContext } from '../../lib/policy/enforce';
import { ROLES } from './roles';

const needs = (name: string, description: string, test: (roles: string[]) => boolean) =>
  rule(name, { cache: 'contextual' })((_parent, _args, ctx: PolicyContext) =>
    test(ctx.policyScope.requester.roles) ? true : errors.roleRequired(`This operation needs ${description}.`),
  );

const officer = needs('securityOfficer', 'the security-officer role', (r) => r.includes(ROLES.securityOfficer));
const officerOrCitizenChannel = needs('officerOrCitizenChannel', 'the security-officer or citizen-channel role', (r) =>
  r.includes(ROLES.securityOfficer) || r.includes(ROLES.citizenChannel),
);
const consumer = needs('consumer', 'the consumer role', (r) => r.includes(ROLES.consumer));
const consumerOrOfficer = needs('consumerOrOfficer', 'the consumer or security-officer role', (r) => r.includes(ROLES.consumer) || r.includes(ROLES.securityOfficer));
// A provider's staff: a provider:<dept> role, or its security officer (the department is checked per report).
const provider = needs('provider', 'a provider:<dept> or security-officer role', (r) => r.includes(ROLES.securityOfficer) || r.some((role) => role.startsWith('provider:')));

export const operationRules: Partial<Record<'Query' | 'Mutation', IRules>> = {
  Query: {
    accessHistory: officerOrCitizenChannel,
    accessLog: officer,
    accessLogIntegrity: officer,
    accessLogVerification: officer,
    policyExplain: officer,
    policyChanges: officer,
    policyChange: officer,
    previewPolicyChange: officer,
  },
  Mutation: {
    submitApplication: consumer,
    withdrawApplication: consumer,
    approveApplication: officer,
    rejectApplication: officer,
    revokeGrant: consumerOrOfficer,
    reportDataIssue: consumer,
    acknowledgeDataIssue: provider,
    resolveDataIssue: provider,
    startAccessLogVerification: officer,
    proposePolicyChange: officer,
    approvePolicyChange: officer,
    rejectPolicyChange: officer,
    withdrawPolicyChange: officer,
  },
};

