/**
 * Where each key a govgraph process holds comes from: configured (an environment variable
 * naming a key or a key file from the deployment's secret store) or the demo's, generated on
 * first use under `<data dir>/keys/` so that `npm start` works without any key ceremony.
 *
 * Demo keys are fine on a laptop and wrong anywhere else: whoever reads the data directory
 * holds them (the demo token issuer's key signs any identity with `govgraph token`), and two
 * machines generate two different ones. With GOVGRAPH_ENV=production a process refuses to
 * start while any key it needs would be a demo key, and says which and what to set.
 *
 * Every signing key is of the suite GOVGRAPH_CRYPTO selects — Ed25519 (`intl`) or SM2 (`sm`);
 * a configured key of the other suite stops the process, naming both. The keys are held in
 * this process (lib/crypto's SigningKey). A certified cryptographic module (服务器密码机 / HSM,
 * through GM/T 0018 SDF or PKCS #11) that keeps the private key inside plugs in here: return
 * a {@link Signer} whose `signBytes` calls the module (for SM2: r ‖ s over SM3(Z ‖ M), default
 * ID) instead of reading a key file — the gateway's credentials and the anchor's checkpoints
 * are signed only through that interface (lib/crypto/keys.ts).
 */
import { loadOrCreateKeyPair, readKeyPairFile, type SigningKeyPair } from '../identity';
import { cryptoSuiteName, runtimeEnv } from '../config';
import type { Signer } from '../crypto';

/** Which part of govgraph needs a key: the gateway, any subgraph, or the access log's anchor (the sharing subgraph). */
export type KeyHolder = 'gateway' | 'subgraph' | 'anchor';

export interface KeySource {
  /** What the key is, for people. */
  key: string;
  /** Setting any one of these configures it. */
  envVars: string[];
  /** The demo key used when none is set. */
  demo: string;
  holders: KeyHolder[];
}

export const KEY_SOURCES: KeySource[] = [
  {
    key: "the token issuer's public key",
    envVars: ['GOVGRAPH_JWT_PUBLIC_KEYS', 'GOVGRAPH_JWKS_URL'],
    demo: 'demo-issuer',
    holders: ['gateway'],
  },
  { key: "the gateway's signing key", envVars: ['GOVGRAPH_GATEWAY_PRIVATE_KEY'], demo: 'gateway', holders: ['gateway'] },
  { key: "the gateway's public key", envVars: ['GOVGRAPH_GATEWAY_PUBLIC_KEY'], demo: 'gateway', holders: ['subgraph'] },
  { key: 'the sealing key', envVars: ['GOVGRAPH_SEAL_KEY'], demo: 'seal.key', holders: ['gateway', 'subgraph'] },
  { key: "the access log's key", envVars: ['GOVGRAPH_AUDIT_KEY'], demo: 'audit.key', holders: ['subgraph'] },
  { key: "the access-log anchor's public key", envVars: ['GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY'], demo: 'audit-anchor', holders: ['subgraph'] },
  { key: "the access-log anchor's signing key", envVars: ['GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY'], demo: 'audit-anchor', holders: ['anchor'] },
];

/** The keys `holders` need that no environment variable configures: each would be a demo key. */
export function demoKeysInUse(holders: KeyHolder[], env: NodeJS.ProcessEnv = process.env): KeySource[] {
  return KEY_SOURCES.filter((s) => s.holders.some((h) => holders.includes(h)) && !s.envVars.some((v) => env[v]?.trim()));
}

/** Thrown at start in production when a key would be a demo key; the message lists each and what to set. */
export class DemoKeysRefusedError extends Error {
  constructor(readonly missing: KeySource[]) {
    super(
      'GOVGRAPH_ENV=production refuses to start on demo keys; configure ' +
        missing.map((s) => `${s.key} (set ${s.envVars.join(' or ')})`).join(', ') +
        '. Demo keys are generated under the data directory and trusted only by the demo.',
    );
    this.name = 'DemoKeysRefusedError';
  }
}

/**
 * In production, throws {@link DemoKeysRefusedError} unless every key `holders` need is
 * configured; in the demo, returns the demo keys in use (for the start-up log line).
 */
export function refuseDemoKeysInProduction(holders: KeyHolder[], env: NodeJS.ProcessEnv = process.env): KeySource[] {
  const demo = demoKeysInUse(holders, env);
  if (demo.length > 0 && runtimeEnv(env) === 'production') throw new DemoKeysRefusedError(demo);
  return demo;
}

/** GOVGRAPH_GATEWAY_PRIVATE_KEY — the gateway's signing key file (of GOVGRAPH_CRYPTO's suite); unset = the demo gateway key. */
export function gatewaySigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<SigningKeyPair> {
  const suite = cryptoSuiteName(env);
  const file = env.GOVGRAPH_GATEWAY_PRIVATE_KEY?.trim();
  return file ? readKeyPairFile(file, suite) : loadOrCreateKeyPair('gateway', { suite });
}

/** GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY — the anchor's signing key file (of GOVGRAPH_CRYPTO's suite); unset = the demo anchor key. */
export async function anchorSigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<SigningKeyPair> {
  refuseDemoKeysInProduction(['anchor'], env);
  const suite = cryptoSuiteName(env);
  const file = env.GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY?.trim();
  return file ? readKeyPairFile(file, suite) : loadOrCreateKeyPair('audit-anchor', { suite });
}
