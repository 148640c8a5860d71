/**
 * JWS compact serialisation (RFC 7515 §7.1) and JWT claim checks (RFC 7519 §7.2), for every
 * algorithm govgraph knows — including SM2, which jose does not implement.
 *
 * ## SM2 tokens: the `alg` name and key format accepted
 * No `alg` for SM2 is registered with IANA for JOSE, and issuers name it differently:
 * `SM2SM3` (fibjs's jws module; JWK Sets published with `kty: EC, crv: SM2, alg: SM2SM3`;
 * also the IANA name of SM2-with-SM3 in the DNSSEC registry, RFC 9563), `SM2` (JWK Sets of
 * several government identity-provider integrations), `GmSM2` (go-jwt-gm), `SM3withSM2` (the
 * Java JCA name, in hand-rolled Java tokens; `SM3WithSM2` as hutool spells it). govgraph signs
 * with `SM2SM3`; this function by default also accepts `SM2` ({@link DEFAULT_ALG_ALIASES}), a
 * caller adds the others through `aliases` — the gateway's token verifier accepts every name
 * of SM2_ALG_NAMES (keys.ts) once SM2SM3 is allowed (lib/identity/tokens.ts).
 * Whatever the name, the signature must be real SM2 (GB/T 32918.2, Z value with the default ID
 * `1234567812345678`) over SM3, encoded as r ‖ s (64 bytes, as ES256 encodes ECDSA — not DER),
 * and the key a JWK `{ "kty": "EC", "crv": "SM2" (or "SM2P256V1"), "x", "y" }` (32-byte
 * coordinates, base64url), an SM2 SubjectPublicKeyInfo PEM, or the hex point 04 ‖ x ‖ y.
 *
 * ## What is refused
 * `alg: none` and HMAC (there is no such algorithm here), any `alg` not configured, an alias
 * that is not configured, a `crit` header (no extension is understood), `b64: false`,
 * non-canonical or padded base64url, a header or payload that is not a JSON object (for JWTs),
 * and a token over {@link MAX_TOKEN_LENGTH}. Keys are pinned to one algorithm when imported
 * (keys.ts), so the header's `alg` only selects among keys of that algorithm.
 */
import { CryptoError } from './cryptoError';
import { b64url, fromB64url, toBuffer, type Bytes } from './encoding';
import type { SignatureAlgorithm, Signer, VerifyingKey } from './keys';

/** The `alg` govgraph writes for SM2-with-SM3. */
export const SM2_JWS_ALG = 'SM2SM3';

/** Other names accepted for an algorithm unless a verifier configures its own. */
export const DEFAULT_ALG_ALIASES: Readonly<Record<string, SignatureAlgorithm>> = { SM2: 'SM2SM3' };

/** Longest token accepted: real ones are well under 2 KB. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

const SIGNATURE_LENGTH: Partial<Record<SignatureAlgorithm, number>> = { EdDSA: 64, ES256: 64, SM2SM3: 64 };

export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

/** Signs `payload` (bytes, or a value written as JSON) with `key`: header `{ alg, kid, typ? }`. */
export function signJws(key: Signer, payload: Bytes | object, header: { typ?: string; cty?: string } = {}): string {
  const body = typeof payload === 'string' || payload instanceof Uint8Array ? toBuffer(payload) : Buffer.from(JSON.stringify(payload), 'utf8');
  const protectedHeader = { alg: key.alg, kid: key.kid, ...(header.typ ? { typ: header.typ } : {}), ...(header.cty ? { cty: header.cty } : {}) };
  const input = `${b64url(Buffer.from(JSON.stringify(protectedHeader), 'utf8'))}.${b64url(body)}`;
  return `${input}.${b64url(key.signBytes(input))}`;
}

export interface JwsVerifyOptions {
  /** Trusted keys; several during a rotation. Only those of the token's algorithm are tried. */
  keys: readonly VerifyingKey[];
  /** The algorithms accepted. */
  algorithms: readonly SignatureAlgorithm[];
  /** Other `alg` names accepted for an algorithm of `algorithms`. @default {@link DEFAULT_ALG_ALIASES} */
  aliases?: Readonly<Record<string, SignatureAlgorithm>>;
  /** Required `typ` header (compared as RFC 7515 §4.1.9 says: an `application/` prefix may be left out). */
  typ?: string;
}

export interface VerifiedJws {
  header: JwsHeader;
  /** The algorithm the token was verified with (an alias resolved). */
  alg: SignatureAlgorithm;
  payload: Buffer;
  /** The key that verified it. */
  key: VerifyingKey;
}

/**
 * The protected header of a compact JWS, unverified — for choosing how to verify it and for
 * saying why it is refused. Nothing in it may be trusted until {@link verifyJws} has run.
 * @throws CryptoError CRYPTO_MALFORMED
 */
export function decodeJwsHeader(token: string): JwsHeader {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new CryptoError('CRYPTO_MALFORMED', 'the token is missing or too long');
  const parts = token.split('.');
  if (parts.length !== 3) throw new CryptoError('CRYPTO_MALFORMED', 'a compact JWS has three parts');
  return parseJsonObject(fromB64url(parts[0], 'the JWS header'), 'the JWS header') as JwsHeader;
}

/**
 * Verifies a compact JWS.
 * @throws CryptoError CRYPTO_MALFORMED, CRYPTO_ALG_NOT_ALLOWED, CRYPTO_CLAIM_INVALID (typ),
 *   CRYPTO_NO_MATCHING_KEY, CRYPTO_SIGNATURE_INVALID.
 */
export function verifyJws(token: string, options: JwsVerifyOptions): VerifiedJws {
  const header = decodeJwsHeader(token);
  const [encodedHeader, encodedPayload, encodedSignature] = token.split('.');
  if (typeof header.alg !== 'string') throw new CryptoError('CRYPTO_MALFORMED', 'the JWS header has no alg');
  const alg = resolveAlgorithm(header.alg, options);
  if (header.crit !== undefined) throw new CryptoError('CRYPTO_MALFORMED', 'the JWS header has critical extensions ("crit"), which govgraph does not understand');
  if (header.b64 !== undefined) throw new CryptoError('CRYPTO_MALFORMED', 'unencoded payloads ("b64") are not accepted');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new CryptoError('CRYPTO_MALFORMED', 'the JWS header kid is not a string');
  if (options.typ !== undefined && !sameTyp(header.typ, options.typ)) {
    throw new CryptoError('CRYPTO_CLAIM_INVALID', 'the token has the wrong type ("typ" header)', 'typ', header.typ === undefined ? 'missing' : 'invalid');
  }
  const payload = fromB64url(encodedPayload, 'the JWS payload');
  const signature = fromB64url(encodedSignature, 'the JWS signature');
  const expectedLength = SIGNATURE_LENGTH[alg];
  if (signature.length === 0 || (expectedLength !== undefined && signature.length !== expectedLength)) {
    throw new CryptoError('CRYPTO_MALFORMED', `a ${alg} signature is ${expectedLength ?? 'a non-empty'} bytes`);
  }
  // A key whose kid was declared must match the header's; a key without one (a PEM file) is a
  // candidate for any token of its algorithm — normal during rotation.
  const candidates = options.keys.filter((k) => k.alg === alg && (header.kid === undefined || !k.kidDeclared || k.kid === header.kid));
  if (candidates.length === 0) throw new CryptoError('CRYPTO_NO_MATCHING_KEY', 'no trusted key matches the token header');
  const input = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii');
  const key = candidates.find((k) => k.verifySignature(input, signature));
  if (!key) throw new CryptoError('CRYPTO_SIGNATURE_INVALID', 'the token signature is invalid');
  return { header, alg, payload, key };
}

export interface JwtVerifyOptions extends JwsVerifyOptions {
  /** Required `iss`; one of several. */
  issuer?: string | readonly string[];
  /** Required in `aud` (a string or a list). */
  audience?: string;
  /** Claims that must be present. @default ['exp'] */
  requiredClaims?: readonly string[];
  /** Clock skew forgiven on exp, nbf, iat. @default 5 */
  clockToleranceSeconds?: number;
  /** Oldest `iat` accepted, in seconds, whatever `exp` says (requires `iat`). */
  maxTokenAgeSeconds?: number;
  /** Now, in seconds since the epoch. @default the clock */
  now?: number;
}

/**
 * Verifies a JWT: the JWS, then its claims.
 * @throws CryptoError as {@link verifyJws}, and CRYPTO_EXPIRED (claim `exp`, or `iat` past
 *   the maximum age) or CRYPTO_CLAIM_INVALID (claim `iss`, `aud`, `nbf`, `iat`, … missing or wrong).
 */
export function verifyJwt(token: string, options: JwtVerifyOptions): VerifiedJws & { claims: Record<string, unknown> } {
  const verified = verifyJws(token, options);
  const claims = parseJsonObject(verified.payload, 'the JWT claims');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 5;
  const required = new Set([...(options.requiredClaims ?? ['exp']), ...(options.issuer !== undefined ? ['iss'] : []), ...(options.audience !== undefined ? ['aud'] : []), ...(options.maxTokenAgeSeconds !== undefined ? ['iat'] : [])]);
  for (const claim of required) {
    if (claims[claim] === undefined) throw new CryptoError('CRYPTO_CLAIM_INVALID', `the "${claim}" claim is missing`, claim, 'missing');
  }
  for (const claim of ['exp', 'nbf', 'iat']) {
    if (claims[claim] !== undefined && !Number.isFinite(claims[claim])) throw new CryptoError('CRYPTO_CLAIM_INVALID', `the "${claim}" claim is not a number`, claim, 'invalid');
  }
  const exp = claims.exp as number | undefined;
  const nbf = claims.nbf as number | undefined;
  const iat = claims.iat as number | undefined;
  if (exp !== undefined && exp <= now - tolerance) throw new CryptoError('CRYPTO_EXPIRED', 'the token has expired', 'exp');
  if (nbf !== undefined && nbf > now + tolerance) throw new CryptoError('CRYPTO_CLAIM_INVALID', 'the token is not valid yet', 'nbf', 'invalid');
  if (iat !== undefined && iat > now + tolerance) throw new CryptoError('CRYPTO_CLAIM_INVALID', 'the token was issued in the future', 'iat', 'invalid');
  if (options.maxTokenAgeSeconds !== undefined && now - (iat as number) - tolerance > options.maxTokenAgeSeconds) {
    throw new CryptoError('CRYPTO_EXPIRED', 'the token is too old', 'iat');
  }
  if (options.issuer !== undefined) {
    const issuers: readonly string[] = typeof options.issuer === 'string' ? [options.issuer] : options.issuer;
    if (!issuers.includes(claims.iss as string)) throw new CryptoError('CRYPTO_CLAIM_INVALID', 'the token was issued by an untrusted issuer', 'iss', 'invalid');
  }
  if (options.audience !== undefined) {
    const aud = claims.aud;
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
    if (!audiences.includes(options.audience)) throw new CryptoError('CRYPTO_CLAIM_INVALID', 'the token is meant for another audience', 'aud', 'invalid');
  }
  return { ...verified, claims };
}

function resolveAlgorithm(name: string, options: JwsVerifyOptions): SignatureAlgorithm {
  const aliases = options.aliases ?? DEFAULT_ALG_ALIASES;
  const alg = (options.algorithms as string[]).includes(name) ? (name as SignatureAlgorithm) : Object.prototype.hasOwnProperty.call(aliases, name) ? aliases[name] : undefined;
  if (alg === undefined || !options.algorithms.includes(alg)) {
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `the token uses a signature algorithm that is not allowed (allowed: ${options.algorithms.join(', ')})`);
  }
  return alg;
}

function sameTyp(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  const norm = (t: string) => t.toLowerCase().replace(/^application\//, '');
  return norm(actual) === norm(expected);
}

function parseJsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new CryptoError('CRYPTO_MALFORMED', `${what} is not UTF-8 JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CryptoError('CRYPTO_MALFORMED', `${what} is not a JSON object`);
  return value as Record<string, unknown>;
}
