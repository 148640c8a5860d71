import type { SharingContext } from '../loaders';
import type { AccessLogDeps } from '../accessLogQueries';

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
