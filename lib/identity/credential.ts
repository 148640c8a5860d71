/**
 * The gateway credential (gateway → subgraph): the verified identity, purpose and grant of
 * one client request, signed by the gateway for one request to one subgraph.
 *
 * Subgraphs enforce the sharing policy themselves, so they must know who is asking — and
 * must not believe anyone but the gateway about it. Every subgraph request therefore
 * carries, in the `x-govgraph-credential` header, a short-lived JWS — EdDSA (Ed25519), or
 * SM2SM3 (SM2 with SM3 and the Z value) under GOVGRAPH_CRYPTO=sm — that:
 * - only the holder of the gateway's private key can produce (a client calling a subgraph
 *   directly has nothing to present);
 * - names one subgraph as its audience (a credential for population fails at geospatial);
 * - carries the hash of the exact request body, SHA-256 (SM3 under `sm`), so it cannot be
 *   attached to another query;
 * - expires after 30 s and is accepted once (`jti`), so a captured one cannot be replayed.
 *
 * ## Running the supergraph on another federation engine
 * A department that scales out with Apollo Router, Hive Gateway or similar keeps its
 * enforcement, because enforcement lives in the subgraphs — provided the engine sends,
 * on every subgraph HTTP request (including `_entities` fetches):
 * 1. the header `x-govgraph-credential`,
 * 2. freshly signed for that one request by a component holding a key the subgraphs trust
 *    (in Router: a coprocessor at the `SubgraphRequest` stage; in Hive Gateway: an
 *    `onFetch`/`onSubgraphExecute` plugin), with {@link signCredential}'s claims:
 *    the identity verified from the client's bearer token, `X-Purpose` as `pur`,
 *    `X-Grant-Id` as `gnt`, the request id as `rid`, the client's operation name and the
 *    hex SHA-256 of its document as `opn` / `oph` (for the access log), the subgraph's
 *    name as `aud`, and
 *    `bh` = base64url(SHA-256(the exact body bytes sent)) — SM3 under GOVGRAPH_CRYPTO=sm, with
 *    an SM2 key and `alg` SM2SM3 (r ‖ s over SM3(Z ‖ M), default ID; lib/crypto/sm2.ts);
 * 3. and the body unchanged after signing (no re-serialisation, compression or
 *    re-ordering of keys in between), since the subgraph hashes the bytes it receives.
 * Forwarding the client's `Authorization` header alone does not work: subgraphs refuse
 * any request without a valid credential.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { cryptoSuiteName } from '../config';
import { ALGORITHM_SUITE, cryptoSuite, decodeJwsHeader, signJws, verifyJwt, type JwsHeader, type Signer, type SignatureAlgorithm, type SuiteName, type VerifyingKey } from '../crypto';
import { errors } from '../errors';
import { describeClaimProblems, identityClaimsSchema, identityFromClaims, claimsFromIdentity, type Requester } from './claims';
import { ReplayGuard, type ReplayStore, type ReplayVerdict } from './replayGuard';
import { trustPublicKey } from './trustedKeys';
import { unauthenticatedFrom } from './verificationFailure';

/** The HTTP header carrying the credential (lower case, as Node presents headers). */
export const CREDENTIAL_HEADER = 'x-govgraph-credential';

/** The credential's JWS `typ`, so it can never pass for a consumer token or vice versa. */
export const CREDENTIAL_TYP = 'govgraph-credential+jwt';

/** The credential's `iss`. */
export const CREDENTIAL_ISSUER = 'govgraph-gateway';

/**
 * Default credential lifetime in seconds: long enough to cover a slow subgraph call
 * (queueing, a large `_entities` batch), short enough that a captured credential is
 * useless almost at once — and the replay cache only has to remember 30 s of traffic.
 */
export const CREDENTIAL_TTL_SECONDS = 30;

// Bounds on what the gateway forwards from client headers; a purpose is a code or a
// short text, a grant id a short identifier.
const MAX_PURPOSE_LENGTH = 512;
const MAX_GRANT_ID_LENGTH = 128;
const MAX_CREDENTIAL_LENGTH = 8 * 1024;
const MAX_OPERATION_NAME_LENGTH = 256;

const credentialClaimsSchema = identityClaimsSchema.extend({
  pur: z.string().min(1, 'must not be empty').max(MAX_PURPOSE_LENGTH, `must be at most ${MAX_PURPOSE_LENGTH} characters`).optional(),
  gnt: z.string().min(1, 'must not be empty').max(MAX_GRANT_ID_LENGTH, `must be at most ${MAX_GRANT_ID_LENGTH} characters`).optional(),
  rid: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  opn: z.string().min(1, 'must not be empty').max(MAX_OPERATION_NAME_LENGTH, `must be at most ${MAX_OPERATION_NAME_LENGTH} characters`).optional(),
  oph: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 digest').optional(),
  bh: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 digest'),
  jti: z.string().min(16, 'must be at least 16 characters').max(128, 'must be at most 128 characters'),
  iat: z.number().int(),
  exp: z.number().int(),
});

/**
 * One request as the gateway vouches for it to a subgraph, and as the subgraph learns it from
 * a valid credential.
 */
export interface CredentialSubject {
  /** The identity verified from the client's bearer token, with the request's purpose and grant. */
  requester: Requester;
  /** The gateway's request id, so subgraph logs and audit records join up with the gateway's. */
  requestId: string;
  /** The client's operation name, if it has one (access records name it). */
  operationName?: string;
  /** Hex SHA-256 of the client's operation document (access records carry it). */
  operationHash?: string;
}

/** What {@link signCredential} signs: one request to one subgraph. */
export interface CredentialRequest extends CredentialSubject {
  /** The subgraph's name (`population`, `geospatial`, …); becomes `aud`. */
  audience: string;
  /** The exact JSON body string sent to that subgraph; its SHA-256 becomes `bh`. */
  body: string;
  /** Lifetime. @default {@link CREDENTIAL_TTL_SECONDS} */
  ttlSeconds?: number;
  /** `iat` in seconds since the epoch; tests pass a past time. @default now */
  issuedAt?: number;
}

/** base64url(hash(body as UTF-8)) — the `bh` claim: SHA-256, or SM3 under the `sm` suite. @param suite @default GOVGRAPH_CRYPTO's */
export function bodyHash(body: string, suite: SuiteName = cryptoSuiteName()): string {
  return cryptoSuite(suite).hash(body).toString('base64url');
}

/**
 * Signs the credential for one subgraph request (compact JWS, `typ` {@link CREDENTIAL_TYP})
 * with the gateway's key, e.g. `loadOrCreateKeyPair('gateway')`: EdDSA with an Ed25519 key,
 * SM2SM3 with an SM2 key; `bh` is hashed in the key's suite.
 * Claims: `sub dept division roles pur? gnt? rid opn? oph? bh jti iat exp iss aud`.
 *
 * @throws Error if the identity or a header value is out of bounds (the gateway should have
 *   refused the client request before this).
 */
export async function signCredential(gatewayKey: Signer, request: CredentialRequest): Promise<string> {
  const ttl = request.ttlSeconds ?? CREDENTIAL_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('cannot sign credential: ttlSeconds must be a positive whole number');
  if (!request.audience) throw new Error('cannot sign credential: audience (the subgraph name) is required');
  const iat = request.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims = {
    ...claimsFromIdentity(request.requester),
    ...(request.requester.purpose !== undefined ? { pur: request.requester.purpose } : {}),
    ...(request.requester.grantId !== undefined ? { gnt: request.requester.grantId } : {}),
    rid: request.requestId,
    ...(request.operationName !== undefined ? { opn: request.operationName } : {}),
    ...(request.operationHash !== undefined ? { oph: request.operationHash } : {}),
    bh: bodyHash(request.body, gatewayKey.suite),
    jti: randomBytes(16).toString('base64url'),
    iat,
    exp: iat + ttl,
  };
  const checked = credentialClaimsSchema.safeParse(claims);
  if (!checked.success) throw new Error(`cannot sign credential: ${describeClaimProblems(checked.error, claims)}`);
  return signJws(gatewayKey, { ...checked.data, iss: CREDENTIAL_ISSUER, aud: request.audience }, { typ: CREDENTIAL_TYP });
}

/** Options of {@link createCredentialVerifier}. */
export interface CredentialVerifierConfig {
  /** The gateway's public key(s) as JWKs — Ed25519, or SM2 under `sm`; several during a key rotation. */
  gatewayPublicJwks: object[];
  /** The suite whose credentials this subgraph accepts; the other suite's are refused, naming both. @default GOVGRAPH_CRYPTO's */
  suite?: SuiteName;
  /** This subgraph's name; credentials for any other audience are refused. */
  audience: string;
  /**
   * Oldest credential accepted, in seconds since its `iat`, whatever its `exp` says. Caps
   * the replay window (and what the replay cache must remember) even if a gateway is
   * configured with a long lifetime. @default 30
   */
  maxAgeSeconds?: number;
  /** Clock skew forgiven between gateway and subgraph. @default 5 */
  clockToleranceSeconds?: number;
  /** Where seen `jti`s are remembered. @default a new in-memory {@link ReplayGuard} */
  replayStore?: ReplayStore;
}

/** Verifies the credential header of a subgraph request against the raw body received. */
export type CredentialVerifier = (headerValue: string | readonly string[] | undefined, rawBody: string | undefined) => Promise<CredentialSubject>;

/**
 * Builds a subgraph's credential verifier. It throws `errors.unauthenticated` when the
 * credential is missing, malformed, signed with another key or algorithm, meant for
 * another subgraph, expired or too old, bound to another body, or already used.
 *
 * `rawBody` must be the request body exactly as received, before JSON parsing.
 *
 * @throws Error (at creation) if no usable gateway key is given.
 */
export function createCredentialVerifier(config: CredentialVerifierConfig): CredentialVerifier {
  const suite = cryptoSuite(config.suite ?? cryptoSuiteName());
  const alg: SignatureAlgorithm = suite.algorithms.signature;
  const keys: VerifyingKey[] = config.gatewayPublicJwks.map((jwk, i) => trustPublicKey(jwk, `gatewayPublicJwks[${i}]`));
  if (keys.length === 0) throw new Error('createCredentialVerifier needs at least one gateway public key');
  for (const [i, key] of keys.entries()) {
    if (key.alg !== alg) throw new Error(`gateway key gatewayPublicJwks[${i}] is a ${key.alg} key (the ${key.suite} suite); GOVGRAPH_CRYPTO=${suite.name} verifies gateway credentials with ${alg} keys only`);
  }
  if (!config.audience) throw new Error('createCredentialVerifier needs this subgraph\'s name as audience');
  const maxAge = config.maxAgeSeconds ?? CREDENTIAL_TTL_SECONDS;
  const tolerance = config.clockToleranceSeconds ?? 5;
  const replayStore = config.replayStore ?? new ReplayGuard();
  const unauthenticated = (problem: string) => errors.unauthenticated(`The gateway credential ${problem}.`);

  return async (headerValue, rawBody) => {
    if (headerValue === undefined || headerValue === '') {
      throw errors.unauthenticated(`This subgraph only answers the govgraph gateway: the ${CREDENTIAL_HEADER} header is missing.`);
    }
    // Two copies of the header are ambiguous; refuse rather than pick one.
    if (typeof headerValue !== 'string') throw unauthenticated('header appears more than once');
    if (headerValue.length > MAX_CREDENTIAL_LENGTH) throw unauthenticated('is too long');
    if (rawBody === undefined) throw unauthenticated('cannot be checked: the request body was not captured');

    let header: JwsHeader;
    try {
      header = decodeJwsHeader(headerValue);
    } catch {
      throw unauthenticated('is malformed');
    }
    if (header.alg !== alg) {
      // A gateway of the other suite (a half-switched installation): say which two suites meet.
      const other = typeof header.alg === 'string' && Object.prototype.hasOwnProperty.call(ALGORITHM_SUITE, header.alg) ? ALGORITHM_SUITE[header.alg as SignatureAlgorithm] : undefined;
      if (other && other !== suite.name) {
        throw unauthenticated(`is signed with ${header.alg} (the ${other} suite), but this subgraph runs the ${suite.name} suite (GOVGRAPH_CRYPTO=${suite.name}) and accepts ${alg} only: the gateway and the subgraphs must run one suite`);
      }
      throw unauthenticated('uses a signature algorithm that is not allowed');
    }

    let payload: Record<string, unknown>;
    try {
      payload = verifyJwt(headerValue, {
        keys,
        algorithms: [alg],
        aliases: {},
        issuer: CREDENTIAL_ISSUER,
        audience: config.audience,
        typ: CREDENTIAL_TYP,
        maxTokenAgeSeconds: maxAge,
        clockToleranceSeconds: tolerance,
        requiredClaims: ['iat', 'exp', 'jti'],
      }).claims;
    } catch (err) {
      throw unauthenticatedFrom(err, 'credential') ?? err;
    }
    const claims = credentialClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated(`has invalid claims: ${describeClaimProblems(claims.error, payload)}`);

    // Constant-time compare: not that the hash is secret, but it costs nothing to not leak
    // how much of a forged hash matched.
    const expected = Buffer.from(bodyHash(rawBody, suite.name));
    const actual = Buffer.from(claims.data.bh);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw unauthenticated('was issued for a different request body');
    }

    // Checked last, so only fully valid credentials are remembered. Remember the id for as
    // long as the credential could still be accepted: until the earlier of exp and
    // iat + maxAge, plus the clock tolerance.
    const acceptableUntil = Math.min(claims.data.exp, claims.data.iat + maxAge) + tolerance;
    // Fail closed: a store that cannot answer (or throws) refuses, as 503, not 401 — the
    // credential may be good, and an outage must not read as an attack in the logs.
    const verdict: ReplayVerdict = await Promise.resolve(replayStore.check(claims.data.jti, acceptableUntil * 1000)).catch(() => 'unavailable' as const);
    if (verdict === 'replayed') throw unauthenticated('has already been used');
    if (verdict === 'full') throw unauthenticated('cannot be checked for replay right now (too many requests); try again');
    if (verdict !== 'fresh') throw errors.serviceUnavailable('replay-store', 'The gateway credential cannot be checked for replay right now (the shared replay store is unreachable); nothing was served. Retry later.');

    return {
      requester: {
        ...identityFromClaims(claims.data),
        ...(claims.data.pur !== undefined ? { purpose: claims.data.pur } : {}),
        ...(claims.data.gnt !== undefined ? { grantId: claims.data.gnt } : {}),
      },
      requestId: claims.data.rid,
      ...(claims.data.opn !== undefined ? { operationName: claims.data.opn } : {}),
      ...(claims.data.oph !== undefined ? { operationHash: claims.data.oph } : {}),
    };
  };
}
