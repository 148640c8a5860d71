/**
 * Consumer tokens (client → gateway): `Authorization: Bearer <JWT>` with the claims of
 * README, "Security model". The demo issuer signs them for `npm start` and `govgraph token`;
 * in production an identity provider does, and the gateway only verifies.
 */
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors as jose, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions, type ProtectedHeaderParameters } from 'jose';
import { errors } from '../errors';
import { describeClaimProblems, identityClaimsSchema, identityFromClaims, type Requester } from './claims';
import { CREDENTIAL_TYP } from './credential';
import type { SigningKeyPair } from './demoKeys';
import { ALLOWED_ALGORITHMS, readPublicKeyFile, trustPublicKey, verifyWithTrustedKeys, type TrustedKey } from './trustedKeys';
import { KeySourceUnavailable, unauthenticatedFrom } from './verificationFailure';
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
 * Signs a consumer token (compact JWS, EdDSA) with `keys` — normally the demo issuer's,
 * from `loadOrCreateKeyPair('demo-issuer')`.
 *
 * The identity is validated with the same rules the verifier applies, so this never
 * produces a token the gateway would then refuse.
 *
 * @throws Error if a claim or `ttlSeconds` is invalid.
 */
export async function issueToken(keys: Pick<SigningKeyPair, 'privateKey' | 'kid'>, options: IssueTokenOptions): Promise<string> {
  const claims = identityClaimsSchema.safeParse({ sub: options.user, dept: options.dept, division: options.division, roles: options.roles, ...(options.citizen ? { citizen: options.citizen } : {}) });
  if (!claims.success) throw new Error(`cannot issue token: ${describeClaimProblems(claims.error, options)}`);
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw new Error('cannot issue token: ttlSeconds must be a positive whole number');
  }
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ dept: claims.data.dept, division: claims.data.division, roles: claims.data.roles, ...(claims.data.citizen ? { citizen: claims.data.citizen } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keys.kid })
    .setSubject(claims.data.sub)
    .setIssuer(options.issuer ?? DEMO_ISSUER)
    .setAudience(options.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(keys.privateKey);
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
 * `config.algorithms`, an unknown key or bad signature, an expired token (beyond the clock
 * tolerance), a wrong `iss`/`aud`, and missing or ill-typed claims.
 *
 * Local keys are tried first; a JWKS, if configured, is asked when no local key verifies
 * the token (so both can be trusted during a move from one to the other).
 *
 * @throws Error if no key source is configured or a key is unusable.
 */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const algorithms = config.algorithms ?? [...ALLOWED_ALGORITHMS];
  for (const alg of algorithms) {
    if (!ALLOWED_ALGORITHMS.includes(alg)) throw new Error(`algorithm ${String(alg)} is not one govgraph accepts (${ALLOWED_ALGORITHMS.join(', ')})`);
  }
  const localKeys: TrustedKey[] = [
    ...(config.publicJwks ?? []).map((jwk, i) => trustPublicKey(jwk, `publicJwks[${i}]`)),
    ...(config.publicKeyFiles ?? []).flatMap((file) => readPublicKeyFile(file)),
  ].filter((k) => algorithms.includes(k.alg));
  const remote = config.jwksUrl ? remoteKeySource(config) : undefined;
  if (localKeys.length === 0 && !remote) {
    throw new Error('no token verification keys: configure public keys or a JWKS URL (tokenVerifierConfigFromEnv falls back to the demo issuer)');
  }
  const clockTolerance = config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const options: JWTVerifyOptions = {
    issuer: config.issuer ?? DEMO_ISSUER,
    audience: config.audience ?? TOKEN_AUDIENCE,
    clockTolerance,
    requiredClaims: ['exp', 'sub'],
    algorithms,
  };

  async function verifySignatureAndTimes(token: string, header: ProtectedHeaderParameters): Promise<JWTPayload> {
    if (localKeys.length > 0) {
      try {
        return await verifyWithTrustedKeys(token, header, localKeys, options);
      } catch (err) {
        const keyProblem = err instanceof jose.JWKSNoMatchingKey || err instanceof jose.JWSSignatureVerificationFailed;
        if (!remote || !keyProblem) throw err;
      }
    }
    return (await jwtVerify(token, remote!, options)).payload;
  }

  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw errors.unauthenticated('The bearer token is malformed.');
    }
    // Checked here as well as by jose: `none` and HMAC must never reach key selection.
    if (typeof header.alg !== 'string' || !(algorithms as string[]).includes(header.alg)) {
      throw errors.unauthenticated(`The bearer token uses a signature algorithm that is not allowed (allowed: ${algorithms.join(', ')}).`);
    }
    // A gateway credential is not a consumer token, even if someone trusts the gateway key here.
    if (header.typ === CREDENTIAL_TYP) throw errors.unauthenticated('The bearer token has the wrong type ("typ" header).');
    let payload: JWTPayload;
    try {
      payload = await verifySignatureAndTimes(token, header);
    } catch (err) {
      throw unauthenticatedFrom(err, 'token') ?? err;
    }
    // jose checks `iat` only against a maximum age, which would make `iat` required. A token
    // issued in the future (beyond the clock tolerance) is not yet valid, like one whose
    // `nbf` lies ahead: it was minted ahead of time, or by an issuer whose clock is wrong.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + clockTolerance) {
      throw errors.unauthenticated('The bearer token is issued in the future ("iat"); check the issuer\'s clock.');
    }
    const claims = identityClaimsSchema.safeParse(payload);
    if (!claims.success) throw errors.unauthenticated(`The bearer token's claims are invalid: ${describeClaimProblems(claims.error, payload)}.`);
    return identityFromClaims(claims.data);
  };
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
 * The JWKS as a jose key function, with fetch failures turned into KeySourceUnavailable so
 * they fail closed as UNAUTHENTICATED instead of leaking a transport error to the client.
 */
function remoteKeySource(config: TokenVerifierConfig): JWTVerifyGetKey {
  const url = new URL(config.jwksUrl!);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  // Whoever can alter the JWKS in transit can mint any identity: plain HTTP only on loopback
  // unless explicitly allowed.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || config.allowInsecureJwksUrl))) {
    throw new Error(`JWKS URL ${url.origin} must use https (set allowInsecureJwksUrl / GOVGRAPH_JWKS_ALLOW_INSECURE=true to accept plain http)`);
  }
  const jwks = createRemoteJWKSet(url, { timeoutDuration: config.jwksTimeoutMs ?? 5000 });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (err) {
      if (err instanceof jose.JWKSNoMatchingKey || err instanceof jose.JWKSMultipleMatchingKeys) throw err;
      throw new KeySourceUnavailable(url.origin);
    }
  };
}
