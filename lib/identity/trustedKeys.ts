/**
 * Public keys a verifier trusts, each pinned to exactly one signature algorithm.
 *
 * Pinning the algorithm to the key (rather than trusting the token's `alg` header) is what
 * defeats algorithm-confusion attacks: an RSA public key is never used as an HMAC secret,
 * and `alg: none` has no key at all.
 */
import crypto, { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { jwtVerify, errors as jose, type JWK, type JWTPayload, type JWTVerifyOptions, type ProtectedHeaderParameters } from 'jose';

/** The only signature algorithms govgraph accepts, in any role. */
export type AllowedAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

/** Every algorithm a consumer token may use: Ed25519, P-256 ECDSA, RSA PKCS#1 v1.5 (≥ 2048-bit). */
export const ALLOWED_ALGORITHMS: readonly AllowedAlgorithm[] = ['EdDSA', 'ES256', 'RS256'];

/** A public key and the one algorithm it may verify. */
export interface TrustedKey {
  alg: AllowedAlgorithm;
  /** Matched against the token header's `kid` when both have one. */
  kid?: string;
  key: KeyObject;
  /** The public key as a JWK (with `alg` and, if known, `kid`), e.g. to publish as a JWKS. */
  jwk: JWK;
}

/**
 * Imports one public key — a JWK object or a PEM (SPKI) string — and pins its algorithm.
 * `origin` names where it came from in error messages (a file path, "gatewayPublicJwks[0]").
 *
 * @throws Error if the key is private, symmetric, or of a type/size outside {@link ALLOWED_ALGORITHMS}.
 */
export function trustPublicKey(source: JWK | string, origin: string): TrustedKey {
  let key: KeyObject;
  let declared: { alg?: string; kid?: string } = {};
  if (typeof source === 'string') {
    // createPublicKey happily derives a public key from a private one; refuse instead, so a
    // private key never gets copied into a verifier's configuration by mistake.
    if (/PRIVATE KEY-----/.test(source)) throw new Error(`${origin} holds a private key; give the public key (SPKI PEM) only`);
    try {
      key = crypto.createPublicKey({ key: source, format: 'pem' });
    } catch {
      throw new Error(`${origin} is not a PEM public key`);
    }
  } else {
    if (source.kty === 'oct') throw new Error(`${origin} is a symmetric key; only public keys can be trusted`);
    if ('d' in source && source.d !== undefined) throw new Error(`${origin} holds a private key; give the public JWK only`);
    try {
      key = crypto.createPublicKey({ key: source as crypto.JsonWebKey, format: 'jwk' });
    } catch {
      throw new Error(`${origin} is not a valid public JWK`);
    }
    declared = { alg: source.alg, kid: source.kid };
  }
  const alg = algorithmFor(key, origin);
  if (declared.alg !== undefined && declared.alg !== alg) {
    throw new Error(`${origin} declares alg ${declared.alg}, which govgraph does not accept for this key (only ${alg})`);
  }
  const jwk: JWK = { ...(key.export({ format: 'jwk' }) as JWK), alg };
  if (declared.kid !== undefined) jwk.kid = declared.kid;
  return { alg, kid: declared.kid, key, jwk };
}

function algorithmFor(key: KeyObject, origin: string): AllowedAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error(`${origin} is a ${bits}-bit RSA key; at least 2048 bits are required`);
    return 'RS256';
  }
  throw new Error(`${origin} is a ${type ?? 'unknown'} key; accepted are Ed25519 (EdDSA), P-256 (ES256) and RSA (RS256)`);
}

/**
 * Reads a public key file: PEM (SPKI), a single JWK, or a JWK Set (`{ "keys": [...] }`).
 * @throws Error naming the file if it is missing or holds anything but public keys.
 */
export function readPublicKeyFile(filePath: string): TrustedKey[] {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read public key file ${filePath}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return [trustPublicKey(trimmed, filePath)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error(`${filePath} is neither a PEM public key nor JSON (JWK / JWK Set)`);
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { keys?: unknown }).keys)) {
    return ((parsed as { keys: JWK[] }).keys).map((jwk, i) => trustPublicKey(jwk, `${filePath} keys[${i}]`));
  }
  return [trustPublicKey(parsed as JWK, filePath)];
}

/**
 * Thrown when no trusted key has the token's algorithm (and `kid`, if both carry one).
 * jose's own class, so callers map "unknown key" the same way whichever source was asked.
 */
export function noMatchingKey(): Error {
  return new jose.JWKSNoMatchingKey('no trusted key matches the token header');
}

/**
 * Verifies `token` with each trusted key that could have signed it (same algorithm; same
 * `kid` when both have one) and returns the first verified payload. Several candidates are
 * normal during key rotation, or for PEM keys, which carry no `kid`.
 *
 * @throws jose's JWKSNoMatchingKey if no key is a candidate, JWSSignatureVerificationFailed
 *   if no candidate verifies the signature, or the claim error of the first key that does.
 */
export async function verifyWithTrustedKeys(
  token: string,
  header: ProtectedHeaderParameters,
  keys: readonly TrustedKey[],
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  const candidates = keys.filter(
    (k) => k.alg === header.alg && (header.kid === undefined || k.kid === undefined || k.kid === header.kid),
  );
  if (candidates.length === 0) throw noMatchingKey();
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const { payload } = await jwtVerify(token, candidate.key, { ...options, algorithms: [candidate.alg] });
      return payload;
    } catch (err) {
      // Only a signature mismatch means "try the next key"; anything else (expired, wrong
      // audience …) was said by a key that did verify the signature, so it is the answer.
      if (!(err instanceof jose.JWSSignatureVerificationFailed)) throw err;
      lastError = err;
    }
  }
  throw lastError;
}
