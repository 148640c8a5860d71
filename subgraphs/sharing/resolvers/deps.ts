import type { SharingContext } from '../loaders';
import type { AccessLogDeps } from '../accessLogQueries';
import type { PolicyChangeDeps } from '../policyChanges';
import type { VerificationDeps } from '../verificationRuns';
import { verifyAccessLog } from '../../../lib/audit';

/** What reading the access log needs from a request's context. */
export function accessLogDeps(ctx: SharingContext): AccessLogDeps {
  return {
    log: ctx.loaders.runtime.accessLog,
    audit: ctx.loaders.runtime.audit,
    requestId: ctx.requestId,
    policyRevision: ctx.policyScope.policy.revision,
    operation: ctx.operation,
    now: () => new Date(),
  };
}

/** What a policy change needs: the platform database and the policy store this process enforces. */
export function policyChangeDeps(ctx: SharingContext): PolicyChangeDeps {
  const { runtime } = ctx.loaders;
  return { knex: ctx.db.knex, store: runtime.policy, supergraphSdl: runtime.supergraphSdl, now: () => new Date(), log: runtime.log };
}

/** What a background verify of the access log needs: where runs are recorded and the walk itself (as accessLogIntegrity walks). */
export function verificationDeps(ctx: SharingContext): VerificationDeps {
  const { accessLog, auditKeys, log } = ctx.loaders.runtime;
  return {
    knex: ctx.db.knex,
    verify: async () => verifyAccessLog(accessLog.db, { key: auditKeys.key, anchorKeys: auditKeys.anchorKeys, witnessed: await accessLog.knownHeads() }),
    now: () => new Date(),
    log,
  };
}
