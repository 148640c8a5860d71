import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { DemoKeysRefusedError, demoKeysInUse, gatewaySigningKeyFromEnv, anchorSigningKeyFromEnv, refuseDemoKeysInProduction } from '../lib/keys/keySources';
import { runtimeEnv } from '../lib/config';
import { gatewaySecurityFromEnv } from './security';
import { clearLoadedKeyPairs } from '../lib/identity';

const PRODUCTION = { GOVGRAPH_ENV: 'production' };

describe('demo keys', () => {
  it('lists, per holder, each key no variable configures', () => {
    expect(demoKeysInUse(['gateway'], {}).map((k) => k.envVars[0])).toEqual(['GOVGRAPH_JWT_PUBLIC_KEYS', 'GOVGRAPH_GATEWAY_PRIVATE_KEY', 'GOVGRAPH_SEAL_KEY']);
    expect(demoKeysInUse(['subgraph'], {}).map((k) => k.envVars[0])).toEqual([
      'GOVGRAPH_GATEWAY_PUBLIC_KEY',
      'GOVGRAPH_SEAL_KEY',
      'GOVGRAPH_AUDIT_KEY',
      'GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY',
    ]);
    expect(demoKeysInUse(['anchor'], {}).map((k) => k.envVars[0])).toEqual(['GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY']);
    // Either of the token issuer's variables configures it; blank is not set.
    expect(demoKeysInUse(['gateway'], { GOVGRAPH_JWKS_URL: 'https://idp.example/jwks', GOVGRAPH_GATEWAY_PRIVATE_KEY: ' ', GOVGRAPH_SEAL_KEY: 'x' }).map((k) => k.envVars[0])).toEqual([
      'GOVGRAPH_GATEWAY_PRIVATE_KEY',
    ]);
  });

  it('in production, refuses them all in one message naming each key and its variable', () => {
    let error: unknown;
    try {
      refuseDemoKeysInProduction(['gateway', 'subgraph', 'anchor'], PRODUCTION);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DemoKeysRefusedError);
    expect((error as DemoKeysRefusedError).missing).toHaveLength(7);
    for (const v of ['GOVGRAPH_JWT_PUBLIC_KEYS or GOVGRAPH_JWKS_URL', 'GOVGRAPH_GATEWAY_PRIVATE_KEY', 'GOVGRAPH_GATEWAY_PUBLIC_KEY', 'GOVGRAPH_SEAL_KEY', 'GOVGRAPH_AUDIT_KEY', 'GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY', 'GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY']) {
      expect((error as Error).message).toContain(v);
    }
  });

  it('in the demo, returns them for the start-up warning', () => {
    expect(refuseDemoKeysInProduction(['gateway'], {}).map((k) => k.key)).toEqual(["the token issuer's public key", "the gateway's signing key", 'the sealing key']);
    expect(refuseDemoKeysInProduction(['gateway'], { GOVGRAPH_ENV: 'demo' })).toHaveLength(3);
  });

  it('the anchor signs with no demo key in production', async () => {
    await expect(anchorSigningKeyFromEnv(PRODUCTION)).rejects.toThrow(DemoKeysRefusedError);
  });
});

describe('GOVGRAPH_ENV', () => {
  it('is demo unset, production or demo when said, and stops the process otherwise', () => {
    expect(runtimeEnv({})).toBe('demo');
    expect(runtimeEnv({ GOVGRAPH_ENV: '' })).toBe('demo');
    expect(runtimeEnv(PRODUCTION)).toBe('production');
    for (const typo of ['prod', 'Production', 'true']) expect(() => runtimeEnv({ GOVGRAPH_ENV: typo })).toThrow(/GOVGRAPH_ENV/);
  });
});

describe('a production gateway with its keys configured', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-keys-'));
    clearLoadedKeyPairs();
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
    clearLoadedKeyPairs();
  });

  it('reads the gateway key from a JWK or a PEM file, and never writes a demo key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwkFile = path.join(dir, 'gateway.jwk.json');
    fs.writeFileSync(jwkFile, JSON.stringify(await exportJWK(privateKey)));
    const pemFile = path.join(dir, 'gateway.pem');
    fs.writeFileSync(pemFile, crypto.createPrivateKey({ key: (await exportJWK(privateKey)) as crypto.JsonWebKey, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }));
    const issuerFile = path.join(dir, 'issuer.jwk.json');
    fs.writeFileSync(issuerFile, JSON.stringify({ ...(await exportJWK(publicKey)), alg: 'EdDSA' }));
    const fromJwk = await gatewaySigningKeyFromEnv({ GOVGRAPH_GATEWAY_PRIVATE_KEY: jwkFile });
    const fromPem = await gatewaySigningKeyFromEnv({ GOVGRAPH_GATEWAY_PRIVATE_KEY: pemFile });
    expect(fromPem.kid).toBe(fromJwk.kid);
    expect(fromJwk.publicJwk.x).toBe((await exportJWK(publicKey)).x);

    const dataDir = path.join(dir, 'data');
    Object.assign(process.env, {
      ...PRODUCTION,
      // The Ed25519 key above is the international suite's (a deployment under sm: lib/keys/keySources.ts).
      GOVGRAPH_CRYPTO: 'intl',
      GOVGRAPH_DATA_DIR: dataDir,
      GOVGRAPH_JWT_PUBLIC_KEYS: issuerFile,
      GOVGRAPH_GATEWAY_PRIVATE_KEY: pemFile,
      GOVGRAPH_SEAL_KEY: crypto.randomBytes(32).toString('base64'),
      GOVGRAPH_REDIS_URL: '',
      GOVGRAPH_LOG_LEVEL: 'silent',
    });
    delete process.env.GOVGRAPH_JWKS_URL;
    const security = await gatewaySecurityFromEnv();
    expect(security.gatewayKey.kid).toBe(fromJwk.kid);
    expect(security.demoKeys).toEqual([]);
    expect(fs.existsSync(dataDir)).toBe(false);

    delete process.env.GOVGRAPH_SEAL_KEY;
    await expect(gatewaySecurityFromEnv()).rejects.toThrow(/GOVGRAPH_SEAL_KEY/);
  });

  it('refuses a key file that is not an Ed25519 private key', async () => {
    const rsa = path.join(dir, 'rsa.pem');
    fs.writeFileSync(rsa, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(gatewaySigningKeyFromEnv({ GOVGRAPH_GATEWAY_PRIVATE_KEY: rsa })).rejects.toThrow(/not an Ed25519 private key/);
    await expect(gatewaySigningKeyFromEnv({ GOVGRAPH_GATEWAY_PRIVATE_KEY: path.join(dir, 'missing.pem') })).rejects.toThrow(/ENOENT/);
  });
});
