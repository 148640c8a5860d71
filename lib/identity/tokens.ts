/**
 * Consumer tokens (client → gateway): `Authorization: Bearer <JWT>` with the claims of
 * README, "Security model". The demo issuer signs them for `npm start` and `govgraph token`;
 * in production an identity provider does, and the gateway only verifies.
 */
import { randomUUID } from 'node:crypto';
import { cryptoSuiteName } from '../config';
import { ALGORITHM_SUITE, decodeJwsHeader, isCryptoError, signJws, verifyJwt, type JwsHeader, type JwtVerifyOptions, type Signer, type VerifyingKey } from '../crypto';
import { errors } from '../errors';
import { describeClaimProblems, identityClaimsSchema, identityFromClaims, type Requester } from './claims';
import { CREDENTIAL_TYP } from './credential';
import { RemoteKeySet } from './remoteKeySet';
import { ALLOWED_ALGORITHMS, defaultTokenAlgorithms, readPublicKeyFile, SM2_ALG_ALIASES, trustPublicKey, type AllowedAlgorithm } from './trustedKeys';
import { unauthenticatedFrom } from './verificationFailure';
import type { TokenVerifierConfig } from './tokenVerifierConfig';

/** `iss` of tokens signed by the demo issuer key. */
export const DEMO_ISSUER = 'govgraph-demo';

/** `aud` every consumer token must carry: the gateway. */
export const TOKEN_AUDIENCE = 'govgraph';

/** What {@link issueToken} signs. */
export interface IssueTokenOptions extends Omit<Requester, 'purpose' | 'grantId'> {
  /** Lifetime in seconds (a positive whole number). */
  ttlSeconds: number;
  /** `iss`. @default {@link DEMO_ISSUER} */
  issuer?: string;
  /** `aud`. @default {@link TOKEN_AUDIENCE} */
  audience?: string;
  /** `iat` in seconds since the epoch; tests pass a past time to get an expired token. @default now */
  issuedAt?: number;
}

/**
 * Signs a consumer token (compact JWS: EdDSA with an Ed25519 key, SM2SM3 with an SM2 key) with
 * `keys` — normally the demo issuer's, from `loadOrCreateKeyPair('demo-issuer')`.
 *
 * The identity is validated with the same rules the verifier applies, so this never
 * produces a token the gateway would then refuse.
 *
 * @throws Error if a claim or `ttlSeconds` is invalid.
 */
export async function issueToken(keys: Signer, options: IssueTokenOptions): Promise<string> {
  const claims = identityClaimsSchema.safeParse({ sub: options.user, dept: options.dept, division: options.division, roles: options.roles, ...(options.citizen ? { citizen: options.citizen } : {}) });
  if (!claims.success) throw new Error(`cannot issue token: ${describeClaimProblems(claims.error, options)}`);
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw new Error('cannot issue token: ttlSeconds must be a positive whole number');
  }
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const payload = {
    dept: claims.data.dept,
    division: claims.data.division,
    roles: claims.data.roles,
    ...(claims.data.citizen ? { citizen: claims.data.citizen } : {}),
    sub: claims.data.sub,
    iss: options.issuer ?? DEMO_ISSUER,
    aud: options.audience ?? TOKEN_AUDIENCE,
    iat,
    exp: iat + options.ttlSeconds,
    jti: randomUUID(),
  };
  return signJws(keys, payload, { typ: 'JWT' });
}

/** Verifies an `Authorization` header value and returns who is asking. */
export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<Requester>;

/** Clock skew allowed between the token issuer and the gateway. @see TokenVerifierConfig.clockToleranceSeconds */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

// A compact JWS is three base64url parts; the signature part may be empty only for the
// `alg: none` form, which is let through this shape check so it is refused *as* `none`.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

// Real tokens are well under 2 KB; refusing huge ones before parsing caps the work an
// unauthenticated client can make the gateway do.
const MAX_TOKEN_LENGTH = 8 * 1024;

/**
 * Builds the gateway's token verifier. Key files are read (and JWKS URLs checked) now, so a
 * misconfiguration fails at start-up, not on the first request.
 *
 * The verifier throws `errors.unauthenticated` (extensions.code `UNAUTHENTICATED`) for a
 * missing or non-Bearer header, a malformed token, `alg: none` or any algorithm outside
 * `config.algorithms` (by default the suite's: lib/identity/trustedKeys.ts), an unknown key or
 * bad signature, an expired token (beyond the clock tolerance), a token issued in the future,
 * a wrong `iss`/`aud`, and missing or ill-typed claims. Every algorithm is verified by
 * lib/crypto (jws.ts); SM2 tokens may name their algorithm any of the ways identity providers
 * do ({@link SM2_ALG_ALIASES}).
 *
 * Local keys are tried first; a JWKS, if configured, is asked when no local key verifies
 * the token (so both can be trusted during a move from one to the other).
 *
 * @throws Error if no key source is configured or a key is unusable.
 */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const suite = config.suite ?? cryptoSuiteName();
  const algorithms = config.algorithms ?? defaultTokenAlgorithms(suite);
  for (const alg of algorithms) {
    if (!ALLOWED_ALGORITHMS.includes(alg)) throw new Error(`algorithm ${String(alg)} is not one govgraph accepts (${ALLOWED_ALGORITHMS.join(', ')})`);
  }
  const aliases = algorithms.includes('SM2SM3') ? SM2_ALG_ALIASES : {};
  const configured: VerifyingKey[] = [
    ...(config.publicJwks ?? []).map((jwk, i) => trustPublicKey(jwk, `publicJwks[${i}]`)),
    ...(config.publicKeyFiles ?? []).flatMap((file) => readPublicKeyFile(file)),
  ];
  const localKeys = configured.filter((k) => algorithms.includes(k.alg));
  const remote = config.jwksUrl ? remoteKeySource(config) : undefined;
  if (localKeys.length === 0 && !remote) {
    const unused = [...new Set(configured.map((k) => k.alg))];
    throw new Error(
      unused.length
        ? `no token verification keys for the accepted algorithms (${algorithms.join(', ')}; ${whoChose(config, suite)}): the configured keys are ${unused.join(', ')} keys`
        : 'no token verification keys: configure public keys or a JWKS URL (tokenVerifierConfigFromEnv falls back to the demo issuer)',
    );
  }
  const clockTolerance = config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const options = (keys: VerifyingKey[]): JwtVerifyOptions => ({
    keys,
    algorithms,
    aliases,
    issuer: config.issuer ?? DEMO_ISSUER,
    audience: config.audience ?? TOKEN_AUDIENCE,
    clockToleranceSeconds: clockTolerance,
    requiredClaims: ['exp', 'sub'],
  });

  async function verifySignatureAndClaims(token: string): Promise<Record<string, unknown>> {
    if (localKeys.length > 0) {
      try {
        return verifyJwt(token, options(localKeys)).claims;
      } catch (err) {
        const keyProblem = isCryptoError(err, 'CRYPTO_NO_MATCHING_KEY') || isCryptoError(err, 'CRYPTO_SIGNATURE_INVALID');
        if (!remote || !keyProblem) throw err;
      }
    }
    try {
      return verifyJwt(token, options(await remote!.keys())).claims;
    } catch (err) {
      // A key the cached set does not have: the provider may have rotated — fetch it again
      // (at most every 30 s, whatever tokens arrive).
      if (!isCryptoError(err, 'CRYPTO_NO_MATCHING_KEY')) throw err;
      const fresh = await remote!.reload();
      if (!fresh) throw err;
      return verifyJwt(token, options(fresh)).claims;
    }
  }

  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    let header: JwsHeader;
    try {
      header = decodeJwsHeader(token);
    } catch {
      throw errors.unauthenticated('The bearer token is malformed.');
    }
    // Checked here, before any key is chosen: `none`, HMAC and a suite not configured never
    // reach key selection, and the refusal says what is accepted.
    const alg = typeof header.alg === 'string' ? (Object.prototype.hasOwnProperty.call(aliases, header.alg) ? aliases[header.alg] : header.alg) : undefined;
    if (alg === undefined || !(algorithms as string[]).includes(alg)) {
      // Name the token's algorithm only when it is one govgraph knows, by govgraph's name for it
      // (never echo a header).
      const named = alg !== undefined && Object.prototype.hasOwnProperty.call(SM2_ALG_ALIASES, alg) ? SM2_ALG_ALIASES[alg] : alg;
      const known = named !== undefined && Object.prototype.hasOwnProperty.call(ALGORITHM_SUITE, named) ? `${named} (of the ${ALGORITHM_SUITE[named as AllowedAlgorithm]} suite), ` : '';
      throw errors.unauthenticated(`The bearer token uses a signature algorithm ${known}that is not allowed (allowed: ${algorithms.join(', ')}; ${whoChose(config, suite)}).`);
    }
    // A gateway credential is not a consumer token, even if someone trusts the gateway key here.
    if (header.typ === CREDENTIAL_TYP) throw errors.unauthenticated('The bearer token has the wrong type ("typ" header).');
    let payload: Record<string, unknown>;
    try {
      payload = await verifySignatureAndClaims(token);
    } catch (err) {
      throw unauthenticatedFrom(err, 'token') ?? err;
    }
    const claims = identityClaimsSchema.safeParse(payload);
    if (!claims.success) throw errors.unauthenticated(`The bearer token's claims are invalid: ${describeClaimProblems(claims.error, payload)}.`);
    return identityFromClaims(claims.data);
  };
}

/** Where the accepted algorithms came from, for messages. */
function whoChose(config: TokenVerifierConfig, suite: string): string {
  return config.algorithms ? 'as configured' : `the default of GOVGRAPH_CRYPTO=${suite}; GOVGRAPH_JWT_ALGORITHMS accepts others`;
}

/** The token in `Authorization: Bearer <token>`, or UNAUTHENTICATED saying what is wrong. */
export function bearerToken(authorizationHeader: string | undefined): string {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') {
    throw errors.unauthenticated('A bearer token is required (Authorization: Bearer <JWT>).');
  }
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorizationHeader.trim());
  if (!match || match[1].toLowerCase() !== 'bearer') {
    throw errors.unauthenticated('The Authorization header must use the Bearer scheme (Authorization: Bearer <JWT>).');
  }
  const token = match[2];
  if (token.length > MAX_TOKEN_LENGTH) throw errors.unauthenticated(`The bearer token is too long (at most ${MAX_TOKEN_LENGTH} characters).`);
  if (!COMPACT_JWS.test(token)) throw errors.unauthenticated('The bearer token is malformed (expected a compact JWS: three base64url parts).');
  return token;
}

/**
 * The JWKS, checked now: whoever can alter it in transit can mint any identity, so plain HTTP
 * only on loopback unless explicitly allowed. Fetch failures fail closed as UNAUTHENTICATED
 * (remoteKeySet.ts) instead of leaking a transport error to the client.
 */
function remoteKeySource(config: TokenVerifierConfig): RemoteKeySet {
  const url = new URL(config.jwksUrl!);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || config.allowInsecureJwksUrl))) {
    throw new Error(`JWKS URL ${url.origin} must use https (set allowInsecureJwksUrl / GOVGRAPH_JWKS_ALLOW_INSECURE=true to accept plain http)`);
  }
  return new RemoteKeySet(url, { timeoutMs: config.jwksTimeoutMs ?? 5000 });
}
