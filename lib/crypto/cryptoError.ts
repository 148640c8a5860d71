/**
 * Why a cryptographic operation of lib/crypto refused. These codes are internal: the callers
 * (the token verifier, the credential verifier, the access log, the sealer) turn them into the
 * client-facing codes of lib/errors.ts — UNAUTHENTICATED, BAD_USER_INPUT — or a start-up
 * failure. Tests assert the code, never the message.
 */
export const CRYPTO_ERROR_CODES = {
  CRYPTO_SUITE_UNKNOWN: 'GOVGRAPH_CRYPTO (or a stored suite name) names no suite govgraph has: `intl` or `sm`.',
  CRYPTO_SUITE_MISMATCH: 'A key, signature, MAC or sealed value of another suite than the one configured: refused rather than verified with whatever algorithm it names.',
  CRYPTO_KEY_INVALID: 'A key (file, JWK, PEM or raw bytes) is not a key of the kind expected: wrong type, curve, size, a private key where a public one belongs, or a point not on the curve.',
  CRYPTO_MALFORMED: 'A signature, tag, sealed value or token is not in its format (wrong length, not base64url, not JSON …).',
  CRYPTO_ALG_NOT_ALLOWED: 'A token names a signature algorithm outside those configured (`none` and HMAC never are).',
  CRYPTO_NO_MATCHING_KEY: 'No trusted key has the algorithm (and `kid`) a token names.',
  CRYPTO_SIGNATURE_INVALID: 'The signature does not verify with any candidate key.',
  CRYPTO_TAG_INVALID: 'A sealed value was altered, sealed under another key, or bound to other additional data.',
  CRYPTO_CLAIM_INVALID: 'A token claim or header is missing or wrong (`iss`, `aud`, `nbf`, `iat`, `typ` …); `claim` names it.',
  CRYPTO_EXPIRED: 'A token is past its `exp`, or older than the maximum age allowed (`claim` says which).',
} as const;

export type CryptoErrorCode = keyof typeof CRYPTO_ERROR_CODES;

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
    /** For CRYPTO_CLAIM_INVALID / CRYPTO_EXPIRED: which claim (or header member). */
    readonly claim?: string,
    /** For CRYPTO_CLAIM_INVALID: `missing` or `invalid`. */
    readonly reason?: 'missing' | 'invalid',
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}
