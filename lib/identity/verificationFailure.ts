/**
 * Turns a failed verification into the client-facing UNAUTHENTICATED error.
 *
 * Messages say what is wrong (expired, unknown key, wrong audience …) so an integrator can
 * fix their client, but never echo the token, a claim value or an attacker-chosen header
 * field: these messages reach clients and logs.
 */
import type { GraphQLError } from 'graphql';
import { isCryptoError } from '../crypto';
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
  // lib/crypto's codes (lib/crypto/cryptoError.ts); its messages are not for clients.
  if (!isCryptoError(err)) return undefined;
  switch (err.code) {
    case 'CRYPTO_EXPIRED':
      return err.claim === 'iat' ? `${The} is too old.` : `${The} has expired.`;
    case 'CRYPTO_CLAIM_INVALID':
      if (err.reason === 'missing') return err.claim === 'typ' ? `${The} has the wrong type ("typ" header).` : `${The} lacks the required "${err.claim}" claim.`;
      switch (err.claim) {
        case 'iss':
          return `${The} was issued by an issuer this service does not trust.`;
        case 'aud':
          return subject === 'token' ? `${The} is meant for another audience.` : `${The} was issued for another subgraph.`;
        case 'nbf':
          return `${The} is not valid yet.`;
        case 'iat':
          return `${The} has an invalid issue time: it is issued in the future ("iat"); check the issuer's clock.`;
        case 'typ':
          return `${The} has the wrong type ("typ" header).`;
        default:
          return `${The} has an invalid "${err.claim}" claim.`;
      }
    case 'CRYPTO_ALG_NOT_ALLOWED':
      return `${The} uses a signature algorithm that is not allowed.`;
    case 'CRYPTO_NO_MATCHING_KEY':
      return `${The} is signed by a key this service does not trust.`;
    case 'CRYPTO_SIGNATURE_INVALID':
      return `${The} signature is invalid.`;
    case 'CRYPTO_MALFORMED':
      return `${The} is malformed.`;
    case 'CRYPTO_SUITE_MISMATCH':
      // Says which suites, never what the token holds: the message is lib/crypto's own wording.
      return `${The} is of another cryptographic suite than this service's: ${err.message}.`;
    default:
      return `${The} could not be verified.`;
  }
}
