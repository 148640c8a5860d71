/**
 * Public keys a verifier trusts, each pinned to exactly one signature algorithm
 * (lib/crypto/keys.ts's VerifyingKey).
 *
 * Pinning the algorithm to the key (rather than trusting the token's `alg` header) is what
 * defeats algorithm-confusion attacks: an RSA public key is never used as an HMAC secret,
 * and `alg: none` has no key at all.
 */
import { importVerifyingKey, readVerifyingKeyFile, SM2_ALG_NAMES, type SignatureAlgorithm, type SuiteName, type VerifyingKey } from '../crypto';

/** The only signature algorithms govgraph accepts, in any role. */
export type AllowedAlgorithm = SignatureAlgorithm;

/**
 * Every algorithm a consumer token may use: Ed25519, P-256 ECDSA, RSA PKCS#1 v1.5 (≥ 2048-bit),
 * and SM2 with SM3 and the Z value (GB/T 32918.2).
 */
export const ALLOWED_ALGORITHMS: readonly AllowedAlgorithm[] = ['EdDSA', 'ES256', 'RS256', 'SM2SM3'];

/**
 * The algorithms a token verifier accepts unless configured otherwise: the international ones
 * under `intl`, SM2 alone under `sm` — a deployment assessed on the national algorithms
 * accepts the others only when it says so (GOVGRAPH_JWT_ALGORITHMS).
 */
export function defaultTokenAlgorithms(suite: SuiteName): AllowedAlgorithm[] {
  return suite === 'sm' ? ['SM2SM3'] : ['EdDSA', 'ES256', 'RS256'];
}

/**
 * The other `alg` names accepted for SM2-with-SM3 once SM2SM3 is allowed — the names Chinese
 * identity providers and libraries write (lib/crypto/jws.ts): `SM2`, `SM3withSM2`,
 * `SM3WithSM2`, `GmSM2`.
 */
export const SM2_ALG_ALIASES: Readonly<Record<string, AllowedAlgorithm>> = Object.fromEntries(SM2_ALG_NAMES.filter((n) => n !== 'SM2SM3').map((n) => [n, 'SM2SM3' as const]));

/** A public key and the one algorithm it may verify. */
export type TrustedKey = VerifyingKey;

/**
 * Imports one public key — a JWK object, a PEM (SPKI) string, or an SM2 point in hex — and pins
 * its algorithm. `origin` names where it came from in error messages (a file path,
 * "gatewayPublicJwks[0]").
 *
 * @throws Error (lib/crypto's CryptoError, CRYPTO_KEY_INVALID) if the key is private,
 *   symmetric, or of a type/size outside {@link ALLOWED_ALGORITHMS}.
 */
export function trustPublicKey(source: object | string, origin: string): TrustedKey {
  return importVerifyingKey(source, origin);
}

/**
 * Reads a public key file: PEM (SPKI), a single JWK, a JWK Set (`{ "keys": [...] }`), or an SM2
 * public key in hex (04 ‖ x ‖ y).
 * @throws Error naming the file if it is missing or holds anything but public keys.
 */
export function readPublicKeyFile(filePath: string): TrustedKey[] {
  return readVerifyingKeyFile(filePath);
}
