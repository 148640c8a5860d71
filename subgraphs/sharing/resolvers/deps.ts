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

/**
 * The walk over every chain of this process's access log — accessLogIntegrity's, and a
 * background run's — against the heads witnessed outside the database too: a cut-off tail shows.
 */
export async function verifyLog(ctx: SharingContext) {
  const { accessLog, auditKeys } = ctx.loaders.runtime;
  return verifyAccessLog(accessLog.db, { key: auditKeys.key, anchorKeys: auditKeys.anchorKeys, witnessed: await accessLog.knownHeads() });
}

/** When the newest checkpoint was signed, as accessLogIntegrity and a background run show it. */
export async function lastCheckpointAt(ctx: SharingContext): Promise<string | null> {
  return (await ctx.loaders.runtime.accessLog.newestCheckpointAt())?.toISOString() ?? null;
}

/** What a background verify of the access log needs: where runs are recorded, and the walk. */
export function verificationDeps(ctx: SharingContext): VerificationDeps {
  return { knex: ctx.db.knex, verify: () => verifyLog(ctx), now: () => new Date(), log: ctx.loaders.runtime.log };
}
