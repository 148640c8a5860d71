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
  loadOrCreateKeyPair,
  readPublicKeyFile,
  tokenVerifierConfigFromEnv,
  type CredentialVerifier,
  type SigningKeyPair,
  type TokenVerifier,
} from '../identity';
import { dataDir } from './config';

export interface SubgraphSecurity {
  policy: PolicyStore;
  sealer: Sealer;
  /** A credential verifier for one subgraph (its name is the audience). */
  credentialVerifier(audience: string): CredentialVerifier;
}

export interface GatewaySecurity {
  sealer: Sealer;
  gatewayKey: Pick<SigningKeyPair, 'privateKey' | 'kid'>;
  verifyToken: TokenVerifier;
}

export type Security = SubgraphSecurity & GatewaySecurity;

export function subgraphSecurity(policy: PolicyStore, sealer: Sealer, gatewayPublicJwks: JWK[]): SubgraphSecurity {
  return {
    policy,
    sealer,
    credentialVerifier: (audience) => createCredentialVerifier({ gatewayPublicJwks, audience }),
  };
}

/**
 * GOVGRAPH_GATEWAY_PUBLIC_KEY — path of the gateway's public key (JWK or PEM) that subgraphs
 * trust; unset = the demo gateway key in `<data dir>/keys/` (created on first use).
 */
async function gatewayPublicJwks(): Promise<JWK[]> {
  const file = process.env.GOVGRAPH_GATEWAY_PUBLIC_KEY;
  if (file) return readPublicKeyFile(file).map((k) => k.jwk);
  return [(await loadOrCreateKeyPair('gateway')).publicJwk];
}

/** For a subgraph process: policy, sealing key, and the gateway keys it trusts. */
export async function subgraphSecurityFromEnv(): Promise<SubgraphSecurity> {
  const policy = PolicyStore.open().watch();
  return subgraphSecurity(policy, sealerFromEnv(dataDir()), await gatewayPublicJwks());
}

/** For a gateway process: who may call it, and how it vouches for them to subgraphs. */
export async function gatewaySecurityFromEnv(): Promise<GatewaySecurity> {
  return {
    sealer: sealerFromEnv(dataDir()),
    gatewayKey: await loadOrCreateKeyPair('gateway'),
    verifyToken: createTokenVerifier(await tokenVerifierConfigFromEnv()),
  };
}

/** Both, for `npm start` (one process runs everything). */
export async function securityFromEnv(): Promise<Security> {
  const [sub, gw] = await Promise.all([subgraphSecurityFromEnv(), gatewaySecurityFromEnv()]);
  return { ...sub, ...gw };
}
