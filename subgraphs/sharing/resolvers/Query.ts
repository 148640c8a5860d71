import type { QueryResolvers } from '../__generated__/resolvers-types';
import { filterCatalog } from '../../../lib/catalog/catalog';
import { errors } from '../../../lib/errors';
import { accessHistory, searchAccessLog } from '../accessLogQueries';
import { mayReadApplication } from '../applications';
import { applicationModel, dataIssueModel, grantIsActive, grantModelOfFile, grantModelOfRow, GrantModel } from '../models';
import { findApplications, findDataIssues, GrantRow } from '../db';
import { grantRows, grantsByIds } from '../../../lib/grants/grantStore';
import { visibleDataIssue } from '../dataIssues';
import { providerStatistics } from '../statistics';
import { applicationTrend } from '../applicationTrend';
import { actsFor, hasRole, PLATFORM_OPERATOR, ROLES, visibleDepartments } from '../roles';
import { accessLogDeps, policyChangeDeps, verifyLog } from './deps';
import { latestVerification, verificationModel } from '../verificationRuns';
import { listPolicyChanges, policyChangeById, policyChangeModel, policyChangePreviewModel, previewPolicyChange } from '../policyChanges';
import { mayReadGrant } from '../grantVisibility';
import { policyExplain } from '../policyExplain';
import type { Requester } from '../../../lib/policy/engine';
import type { PolicySet } from '../../../lib/policy/policySet';

/** The default statistics window. */
const DEFAULT_DAYS = 30;

export const Query: QueryResolvers = {
  me: (_p, _a, { policyScope }) => viewerOf(policyScope.requester, policyScope.policy),

  catalog: (_p, { provider, sharing, search }, { loaders }) =>
    filterCatalog(loaders.catalog(), { provider: provider ?? undefined, sharing: sharing ?? undefined, search: search ?? undefined }),

  accessHistory: (_p, { idNumber, first, after }, ctx) => accessHistory(accessLogDeps(ctx), ctx.policyScope.requester, idNumber, first, after),

  accessLog: (_p, { filter, first, after }, ctx) => searchAccessLog(accessLogDeps(ctx), ctx.policyScope.requester, filter, first, after),

  accessLogIntegrity: (_p, _a, ctx) => verifyLog(ctx),

  accessLogVerification: async (_p, _a, { db }) => {
    const row = await latestVerification(db.knex, new Date());
    return row && verificationModel(row);
  },

  application: async (_p, { id }, { db, policyScope }) => {
    const app = await mayReadApplication(db.knex, id, policyScope.requester);
    return app ? applicationModel(app) : null;
  },

  applications: async (_p, { status, provider, consumer, overdue }, { db, policyScope, loaders }) => {
    const rows = await findApplications(db.knex, {
      status: status ?? undefined,
      provider: provider ?? undefined,
      consumer: consumer ?? undefined,
      visibleTo: visibleDepartments(policyScope.requester),
    });
    const apps = rows.map(applicationModel);
    if (overdue === null || overdue === undefined) return apps;
    const calendar = loaders.calendar();
    const now = new Date();
    return apps.filter((a) => (a.status === 'PENDING' && calendar.isOverdue(a.dueOn, now)) === overdue);
  },

  grant: async (_p, { id }, { db, policyScope }) => {
    // A workflow grant is in the database; anything else the policy knows by that id is a file grant.
    const [row] = await grantsByIds(db.knex, [id]);
    const file = policyScope.policy.grants.get(id);
    const g = row ? grantModelOfRow(row) : file ? grantModelOfFile(file) : null;
    return g && mayReadGrant(g, policyScope.requester, policyScope.policy) ? g : null;
  },

  grants: async (_p, { consumer, active }, { db, policyScope }) => {
    const rows = await grantRows(db.knex);
    const now = new Date();
    return allGrants(policyScope.policy, rows).filter(
      (g) =>
        mayReadGrant(g, policyScope.requester, policyScope.policy) &&
        (!consumer || g.consumer === consumer) &&
        (active === null || active === undefined || grantIsActive(g, now) === active),
    );
  },

  dataIssue: async (_p, { id }, { db, policyScope }) => {
    const issue = await visibleDataIssue(db.knex, policyScope.requester, id);
    return issue ? dataIssueModel(issue) : null;
  },

  dataIssues: async (_p, { status, provider }, { db, policyScope }) =>
    (await findDataIssues(db.knex, { status: status ?? undefined, provider: provider ?? undefined, visibleTo: visibleDepartments(policyScope.requester) })).map(
      dataIssueModel,
    ),

  policyExplain: (_p, args, { policyScope, loaders }) => policyExplain(policyScope.requester, policyScope.policy, loaders.runtime.supergraphSdl, args),

  applicationTrend: (_p, { from, to }, { db, policyScope, loaders }) =>
    applicationTrend(db.knex, loaders.calendar(), visibleDepartments(policyScope.requester), from, to, new Date()),

  sharingStatistics: async (_p, { from, to }, { db, policyScope, loaders }) => {
    const now = new Date();
    const until = to ? new Date(to) : now;
    const since = from ? new Date(from) : new Date(until.getTime() - DEFAULT_DAYS * 86_400_000);
    if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()) || since >= until) throw errors.badUserInput('from must be a date-time before to', 'from');
    const providers = [...new Set(policyScope.policy.providers.map((p) => p.provider))].filter((p) => p !== PLATFORM_OPERATOR).sort();
    return providerStatistics(db.knex, providers, loaders.calendar(), since, until, now);
  },

  policyChanges: async (_p, { status, provider }, { db, policyScope }) =>
    (await listPolicyChanges(db.knex, policyScope.requester, { status, provider })).map(policyChangeModel),

  policyChange: async (_p, { id }, { db, policyScope }) => {
    const row = await policyChangeById(db.knex, policyScope.requester, id);
    return row && policyChangeModel(row);
  },

  previewPolicyChange: (_p, { input }, ctx) => policyChangePreviewModel(previewPolicyChange(policyChangeDeps(ctx), ctx.policyScope.requester, input)),
};

/** What `who` is and may do here — the same tests the operations apply (roles.ts, access.ts). */
function viewerOf(who: Requester, policy: PolicySet) {
  const providers = [...new Set(policy.providers.map((p) => p.provider))].filter((p) => p !== PLATFORM_OPERATOR).sort();
  const officer = hasRole(who, ROLES.securityOfficer);
  const providerStaff = officer || who.roles.some((r) => r.startsWith('provider:'));
  const visible = visibleDepartments(who);
  return {
    user: who.user,
    department: who.dept,
    division: who.division,
    roles: who.roles,
    citizen: who.citizen ?? null,
    platformOperator: who.dept === PLATFORM_OPERATOR,
    visibleDepartments: visible ? [...visible].sort() : null,
    decidesFor: officer ? providers.filter((p) => actsFor(who, p)) : [],
    answersReportsFor: providerStaff ? providers.filter((p) => actsFor(who, p)) : [],
    readsAccessLog: officer,
    applies: hasRole(who, ROLES.consumer),
  };
}

/**
 * Every grant: the workflow's from the database (all of them, so their ids are known), and the
 * policy's others — which are the file grants, since the policy's grant list is the files' plus
 * the workflow's.
 */
function allGrants(policy: PolicySet, rows: GrantRow[]): GrantModel[] {
  const workflow = rows.map(grantModelOfRow);
  const ids = new Set(workflow.map((g) => g.id));
  const files = [...policy.grants.values()].filter((g) => !ids.has(g.id)).map(grantModelOfFile);
  return [...files, ...workflow].sort((a, b) => a.id.localeCompare(b.id));
}
