/**
 * How the gateway's token verifier is configured: in code ({@link TokenVerifierConfig}) or
 * from the environment ({@link tokenVerifierConfigFromEnv}).
 */
import type { SuiteName } from '../crypto';
import { cryptoSuiteName } from '../config';
import { loadOrCreateKeyPair } from './demoKeys';
import { ALLOWED_ALGORITHMS, type AllowedAlgorithm } from './trustedKeys';

/** Where the gateway finds the keys that verify consumer tokens, and what it checks. */
export interface TokenVerifierConfig {
  /** Trusted public keys as JWKs (e.g. the demo issuer's `publicJwk`). @default [] */
  publicJwks?: object[];
  /** Files holding trusted public keys: PEM (SPKI), a JWK, a JWK Set, or an SM2 point in hex. @default [] */
  publicKeyFiles?: string[];
  /**
   * A JWKS URL (the identity provider's `jwks_uri`), fetched and cached (remoteKeySet.ts) and
   * re-fetched when a token names an unknown `kid` (key rotation). Must be https except on
   * loopback. @default none
   */
  jwksUrl?: string;
  /** Accept a plain-http JWKS URL off loopback (a closed intranet). @default false */
  allowInsecureJwksUrl?: boolean;
  /** How long to wait for the JWKS endpoint before failing closed. @default 5000 */
  jwksTimeoutMs?: number;
  /** Required `iss`; an array accepts any of them. @default 'govgraph-demo' */
  issuer?: string | string[];
  /** Required `aud`. @default 'govgraph' */
  audience?: string;
  /**
   * Accepted signature algorithms; a subset of EdDSA, ES256, RS256, SM2SM3. Anything else —
   * `none`, HMAC, PS256 — is refused whatever the token says. @default the suite's:
   * ['EdDSA', 'ES256', 'RS256'] under `intl`, ['SM2SM3'] under `sm` (trustedKeys.ts)
   */
  algorithms?: AllowedAlgorithm[];
  /** The cryptographic suite, for the default `algorithms`. @default GOVGRAPH_CRYPTO's */
  suite?: SuiteName;
  /**
   * Seconds of clock skew forgiven on `exp`/`nbf`. Small, because every second is a second
   * a stolen, expired token still works. @default 5
   */
  clockToleranceSeconds?: number;
  /** Set by {@link tokenVerifierConfigFromEnv} when nothing was configured and the demo issuer is trusted; worth a log line. */
  usingDemoIssuerKey?: boolean;
}

/**
 * The verifier configuration from the environment:
 * - `GOVGRAPH_JWT_PUBLIC_KEYS` — comma-separated paths of public key files (PEM SPKI, JWK or JWKS);
 * - `GOVGRAPH_JWKS_URL` — a JWKS URL (`GOVGRAPH_JWKS_ALLOW_INSECURE=true` to allow plain http off loopback);
 * - `GOVGRAPH_JWT_ISSUER` — required `iss` (comma-separated for several) @default govgraph-demo;
 * - `GOVGRAPH_JWT_AUDIENCE` — required `aud` @default govgraph;
 * - `GOVGRAPH_JWT_ALGORITHMS` — comma-separated accepted algorithms (EdDSA, ES256, RS256,
 *   SM2SM3) @default the suite's (see {@link TokenVerifierConfig.algorithms}).
 *
 * With neither keys nor a JWKS URL it trusts the demo issuer's key (created under
 * `<dataDir>/keys/` on first use), so `npm start` and `govgraph token` work together
 * out of the box.
 */
export async function tokenVerifierConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<TokenVerifierConfig> {
  const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const publicKeyFiles = list(env.GOVGRAPH_JWT_PUBLIC_KEYS);
  const jwksUrl = env.GOVGRAPH_JWKS_URL?.trim() || undefined;
  const issuers = list(env.GOVGRAPH_JWT_ISSUER);
  const algorithms = list(env.GOVGRAPH_JWT_ALGORITHMS);
  for (const alg of algorithms) {
    if (!(ALLOWED_ALGORITHMS as string[]).includes(alg)) throw new Error(`GOVGRAPH_JWT_ALGORITHMS: ${alg} is not one govgraph accepts (${ALLOWED_ALGORITHMS.join(', ')})`);
  }
  const suite = cryptoSuiteName(env);
  const config: TokenVerifierConfig = {
    suite,
    ...(algorithms.length ? { algorithms: algorithms as AllowedAlgorithm[] } : {}),
    publicKeyFiles,
    jwksUrl,
    allowInsecureJwksUrl: env.GOVGRAPH_JWKS_ALLOW_INSECURE === 'true',
    issuer: issuers.length === 0 ? undefined : issuers.length === 1 ? issuers[0] : issuers,
    audience: env.GOVGRAPH_JWT_AUDIENCE?.trim() || undefined,
  };
  if (publicKeyFiles.length === 0 && !jwksUrl) {
    config.publicJwks = [(await loadOrCreateKeyPair('demo-issuer', { suite })).publicJwk];
    config.usingDemoIssuerKey = true;
  }
  return config;
}
