/**
 * The security material of one installation, assembled once per process: the policy store
 * (hot-reloaded), the sealing key, the gateway's signing key and the verifiers. `npm start`
 * and separately deployed processes read it from the environment and `<data dir>/keys/`;
 * tests build one in memory.
 */
import fs from 'node:fs';
import { PolicyStore } from '../lib/policy/store';
import { sealerFromEnv } from '../lib/policy/seal';
import { createTokenVerifier, publicKeyPath, readPublicKeyFile, tokenVerifierConfigFromEnv, type TrustedKey } from '../lib/identity';
import { cryptoSuiteName, dataDir } from '../lib/config';
import { serviceLogger, type Logger } from '../lib/log';
import { secretKeyFromEnv } from '../lib/keys/secretKey';
import { anchorSigningKeyFromEnv, gatewaySigningKeyFromEnv, refuseDemoKeysInProduction } from '../lib/keys/keySources';
import { checkpointVerifierKeys } from '../lib/audit/checkpoint';
import type { AuditKeys } from '../lib/audit/keys';
import { subgraphSecurity, type SubgraphSecurity } from '../lib/subgraph/security';
import type { GatewaySecurity } from '../gateway/security';
import { replayStoreFromEnv, requestLimiterFromEnv } from './sharedStore';

export type Security = SubgraphSecurity & GatewaySecurity;

/**
 * GOVGRAPH_GATEWAY_PUBLIC_KEY — path of the gateway's public key (JWK, PEM, or an SM2 point in
 * hex) that subgraphs trust; unset = the demo gateway key in `<data dir>/keys/` (created on
 * first use). Of GOVGRAPH_CRYPTO's suite: the credential verifier refuses the other.
 */
async function gatewayPublicJwks(): Promise<object[]> {
  const file = process.env.GOVGRAPH_GATEWAY_PUBLIC_KEY;
  if (file) return readPublicKeyFile(file).map((k) => k.jwk);
  return [(await gatewaySigningKeyFromEnv()).publicJwk];
}

/**
 * For a subgraph process: policy, sealing key, and the gateway keys it trusts. In production
 * it refuses demo keys — the anchor's signing key too when `anchor` (the sharing subgraph).
 */
export async function subgraphSecurityFromEnv(options: { anchor?: boolean } = {}): Promise<SubgraphSecurity> {
  refuseDemoKeysInProduction(options.anchor ? ['subgraph', 'anchor'] : ['subgraph']);
  const policy = PolicyStore.open().watch();
  return subgraphSecurity(policy, sealerFromEnv(dataDir()), await gatewayPublicJwks(), await auditKeysFromEnv(), await replayStoreFromEnv());
}

/**
 * GOVGRAPH_AUDIT_KEY (base64, 32 bytes; default `<data dir>/keys/audit.key`) and
 * GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY (the anchor's public key files, comma-separated — after a
 * switch of GOVGRAPH_CRYPTO, the old suite's key too, so the checkpoints signed before it still
 * verify; default the demo anchor keys in `<data dir>/keys/`: the suite's, whose private half
 * the sharing subgraph creates on first use, and the other suite's if there is one).
 */
export async function auditKeysFromEnv(): Promise<AuditKeys> {
  const files = (process.env.GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const anchorKeys = files.length ? files.flatMap((file) => readPublicKeyFile(file)) : await demoAnchorKeys();
  return {
    key: secretKeyFromEnv('GOVGRAPH_AUDIT_KEY', 'audit', dataDir()),
    anchorKeys,
    // GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY; refused in production when unset (lib/keys/keySources.ts).
    anchorSigner: () => anchorSigningKeyFromEnv(),
  };
}

/** The demo anchor's public keys: this suite's (created if need be) and the other suite's, if it was ever made. */
async function demoAnchorKeys(): Promise<TrustedKey[]> {
  const current = checkpointVerifierKeys([(await anchorSigningKeyFromEnv()).publicJwk]);
  const other = publicKeyPath('audit-anchor', undefined, cryptoSuiteName() === 'sm' ? 'intl' : 'sm');
  return fs.existsSync(other) ? [...current, ...readPublicKeyFile(other)] : current;
}

/** For a gateway process: who may call it, and how it vouches for them to subgraphs. */
export async function gatewaySecurityFromEnv(log: Logger = serviceLogger('gateway')): Promise<GatewaySecurity> {
  const demoKeys = refuseDemoKeysInProduction(['gateway']);
  const tokens = await tokenVerifierConfigFromEnv();
  if (tokens.usingDemoIssuerKey) {
    // Whoever can read the data directory can mint any identity with `govgraph token`: say
    // so once, at start, naming the key, so no deployment runs on it unnoticed.
    log.warn(
      { trusts: 'demo-issuer', kid: (tokens.publicJwks?.[0] as { kid?: string } | undefined)?.kid, publicKeyFile: publicKeyPath('demo-issuer') },
      'the gateway trusts the DEMO token issuer key: anyone who can run `govgraph token` here can sign in as anyone; set GOVGRAPH_JWT_PUBLIC_KEYS or GOVGRAPH_JWKS_URL',
    );
  }
  return {
    sealer: sealerFromEnv(dataDir()),
    gatewayKey: await gatewaySigningKeyFromEnv(),
    verifyToken: createTokenVerifier(tokens),
    requestLimiter: await requestLimiterFromEnv(),
    demoKeys: demoKeys.map((k) => k.key),
  };
}

/** Both, for `npm start` (one process runs everything). */
export async function securityFromEnv(): Promise<Security> {
  // Checked for the whole process first, so that one message lists every key to configure.
  const demoKeys = refuseDemoKeysInProduction(['gateway', 'subgraph', 'anchor']);
  const [sub, gw] = await Promise.all([subgraphSecurityFromEnv({ anchor: true }), gatewaySecurityFromEnv()]);
  return { ...sub, ...gw, demoKeys: demoKeys.map((k) => k.key) };
}
