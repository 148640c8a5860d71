/**
 * Rate limits and grant quotas at the gateway's door: decided per request as soon as the
 * token is verified — before the operation is parsed, planned or sent to any subgraph — so a
 * throttled client costs a token check and one counter, nothing more.
 *
 * Refusals are `RATE_LIMITED`, HTTP 429 with `Retry-After` (lib/errors.ts); the counting is
 * lib/rateLimit/requestLimiter.ts, in Redis when the replicas share one.
 */
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { CredentialSubject } from '../../lib/identity';
import type { RequestLimiter } from '../../lib/rateLimit/requestLimiter';

/** Authenticates a request (lib/identity via ./identify.ts), within the limits. */
export type LimitedIdentify = (req: Request, authenticate: () => Promise<CredentialSubject>) => Promise<CredentialSubject>;

export function rateLimit(limiter: RequestLimiter): LimitedIdentify {
  return async (req, authenticate) => {
    let subject: CredentialSubject;
    try {
      subject = await authenticate();
    } catch (err) {
      if (err instanceof GraphQLError && err.extensions.code === 'UNAUTHENTICATED') {
        // The socket's peer, not X-Forwarded-For: a header anyone can set would let a
        // scanner pick a fresh address for every attempt.
        const refusal = await limiter.authenticationFailed(req.socket.remoteAddress ?? 'unknown');
        if (refusal) throw refusal;
      }
      throw err;
    }
    await limiter.admit({ dept: subject.requester.dept, user: subject.requester.user, grantId: subject.requester.grantId });
    return subject;
  };
}
