/**
 * The security material of one installation, assembled once per process: the policy store
 * (hot-reloaded), the sealing key, the gateway's signing key and the verifiers. `npm start`
 * and separately deployed processes read it from the environment and `<data dir>/keys/`;
 * tests build one in memory.
 */
import type { JWK } from 'jose';
import { PolicyStore } from '../policy/store';
import { Sealer, sealerFromEnv } from '../policy/seal';
import {
  createCredentialVerifier,
  createTokenVerifier,
  publicKeyPath,
  readPublicKeyFile,
  tokenVerifierConfigFromEnv,
  type CredentialVerifier,
  type SigningKeyPair,
  type TokenVerifier,
} from '../identity';
import { dataDir } from './config';
import { serviceLogger, type Logger } from '../log';
import { secretKeyFromEnv } from './secretKey';
import { anchorSigningKeyFromEnv, gatewaySigningKeyFromEnv, refuseDemoKeysInProduction } from './keySources';
import { checkpointVerifierKeys, type CheckpointSigner } from '../audit/checkpoint';
import type { ReplayStore, TrustedKey } from '../identity';
import type { RequestLimiter } from '../rateLimit/requestLimiter';
import { replayStoreFromEnv, requestLimiterFromEnv } from './sharedStore';

/**
 * The access log's keys: the log key its chain is keyed with (every writing subgraph and the
 * verifier hold it), and the anchor's Ed25519 pair that signs checkpoints (only the platform
 * operator's sharing subgraph holds the private half; anyone may verify with the public one).
 */
export interface AuditKeys {
  key: Buffer;
  anchorKeys: TrustedKey[];
  /** Loads the anchor's signing key (only the process that anchors calls it). */
  anchorSigner(): Promise<CheckpointSigner>;
}

export interface SubgraphSecurity {
  policy: PolicyStore;
  sealer: Sealer;
  auditKeys: AuditKeys;
  /** A credential verifier for one subgraph (its name is the audience). */
  credentialVerifier(audience: string): CredentialVerifier;
  /** The replay store shared by every replica, if any (its state is part of /readyz). */
  replayStore?: ReplayStore;
}

export interface GatewaySecurity {
  sealer: Sealer;
  gatewayKey: Pick<SigningKeyPair, 'privateKey' | 'kid'>;
  verifyToken: TokenVerifier;
  /** Rate limits and grant quotas. @default in memory, with the limits from the environment */
  requestLimiter?: RequestLimiter;
  /** The demo keys this process runs on (lib/runtime/keySources.ts), named in the gateway's start-up warning. */
  demoKeys?: string[];
}

export type Security = SubgraphSecurity & GatewaySecurity;

/** @param replayStore shared by every replica; without one, each verifier remembers in memory. */
export function subgraphSecurity(policy: PolicyStore, sealer: Sealer, gatewayPublicJwks: JWK[], auditKeys: AuditKeys, replayStore?: ReplayStore): SubgraphSecurity {
  return {
    policy,
    sealer,
    auditKeys,
    credentialVerifier: (audience) => createCredentialVerifier({ gatewayPublicJwks, audience, replayStore }),
    replayStore,
  };
}

/**
 * GOVGRAPH_GATEWAY_PUBLIC_KEY — path of the gateway's public key (JWK or PEM) that subgraphs
 * trust; unset = the demo gateway key in `<data dir>/keys/` (created on first use).
 */
async function gatewayPublicJwks(): Promise<JWK[]> {
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
 * GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY (the anchor's public key file; default the demo anchor key
 * in `<data dir>/keys/`, whose private half the sharing subgraph creates on first use).
 */
export async function auditKeysFromEnv(): Promise<AuditKeys> {
  const file = process.env.GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY;
  const anchorKeys = file ? readPublicKeyFile(file) : checkpointVerifierKeys([(await anchorSigningKeyFromEnv()).publicJwk]);
  return {
    key: secretKeyFromEnv('GOVGRAPH_AUDIT_KEY', 'audit', dataDir()),
    anchorKeys,
    // GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY; refused in production when unset (lib/runtime/keySources.ts).
    anchorSigner: () => anchorSigningKeyFromEnv(),
  };
}

/** For a gateway process: who may call it, and how it vouches for them to subgraphs. */
export async function gatewaySecurityFromEnv(log: Logger = serviceLogger('gateway')): Promise<GatewaySecurity> {
  const demoKeys = refuseDemoKeysInProduction(['gateway']);
  const tokens = await tokenVerifierConfigFromEnv();
  if (tokens.usingDemoIssuerKey) {
    // Whoever can read the data directory can mint any identity with `govgraph token`: say
    // so once, at start, naming the key, so no deployment runs on it unnoticed.
    log.warn(
      { trusts: 'demo-issuer', kid: tokens.publicJwks?.[0]?.kid, publicKeyFile: publicKeyPath('demo-issuer') },
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
