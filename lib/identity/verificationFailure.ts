/**
 * Turns a failed verification into the client-facing UNAUTHENTICATED error.
 *
 * Messages say what is wrong (expired, unknown key, wrong audience …) so an integrator can
 * fix their client, but never echo the token, a claim value or an attacker-chosen header
 * field: these messages reach clients and logs.
 */
import type { GraphQLError } from 'graphql';
import { errors as jose } from 'jose';
import { errors } from '../errors';

/** What was being verified, for the wording of messages. */
export type Subject = 'token' | 'credential';

/** Thrown by a remote key source (JWKS) that could not be fetched; fails closed. */
export class KeySourceUnavailable extends Error {
  constructor(readonly source: string) {
    super(`the verification keys at ${source} could not be fetched`);
    this.name = 'KeySourceUnavailable';
  }
}

/**
 * The UNAUTHENTICATED error for `err`, or undefined if `err` is not a verification failure
 * (a programming error, which the caller rethrows to be masked as INTERNAL_SERVER_ERROR).
 */
export function unauthenticatedFrom(err: unknown, subject: Subject): GraphQLError | undefined {
  const message = describe(err, subject);
  return message === undefined ? undefined : errors.unauthenticated(message);
}

function describe(err: unknown, subject: Subject): string | undefined {
  const The = subject === 'token' ? 'The bearer token' : 'The gateway credential';
  if (err instanceof KeySourceUnavailable) return `The keys that verify the ${subject} could not be fetched; try again later.`;
  if (err instanceof jose.JWTExpired) {
    return err.claim === 'iat' ? `${The} is too old.` : `${The} has expired.`;
  }
  if (err instanceof jose.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `${The} lacks the required "${err.claim}" claim.`;
    switch (err.claim) {
      case 'iss':
        return `${The} was issued by an issuer this service does not trust.`;
      case 'aud':
        return subject === 'token' ? `${The} is meant for another audience.` : `${The} was issued for another subgraph.`;
      case 'nbf':
        return `${The} is not valid yet.`;
      case 'iat':
        return `${The} has an invalid issue time.`;
      case 'typ':
        return `${The} has the wrong type ("typ" header).`;
      default:
        return `${The} has an invalid "${err.claim}" claim.`;
    }
  }
  if (err instanceof jose.JOSEAlgNotAllowed) return `${The} uses a signature algorithm that is not allowed.`;
  if (err instanceof jose.JWKSNoMatchingKey) return `${The} is signed by a key this service does not trust.`;
  if (err instanceof jose.JWSSignatureVerificationFailed) return `${The} signature is invalid.`;
  if (err instanceof jose.JWSInvalid || err instanceof jose.JWTInvalid || err instanceof jose.JOSENotSupported) {
    return `${The} is malformed.`;
  }
  if (err instanceof jose.JOSEError) return `${The} could not be verified.`;
  return undefined;
}
