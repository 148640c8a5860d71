import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearLoadedKeyPairs, generateKeyPairInMemory, loadOrCreateKeyPair, publicKeyPath } from './demoKeys';
import { tokenVerifierConfigFromEnv } from './tokenVerifierConfig';
import { createTokenVerifier, issueToken } from './tokens';
import { cryptoSuiteName } from '../config';

// The environment of the suite these tests run under (CI runs them with GOVGRAPH_CRYPTO=sm too).
const SUITE = { GOVGRAPH_CRYPTO: cryptoSuiteName() };

const alice = { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], ttlSeconds: 60 };

let dir: string;
const previous = process.env.GOVGRAPH_DATA_DIR;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-verifierconfig-'));
  process.env.GOVGRAPH_DATA_DIR = dir;
  clearLoadedKeyPairs();
});
afterEach(() => {
  if (previous === undefined) delete process.env.GOVGRAPH_DATA_DIR;
  else process.env.GOVGRAPH_DATA_DIR = previous;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tokenVerifierConfigFromEnv', () => {
  it('trusts the demo issuer when nothing is configured', async () => {
    const config = await tokenVerifierConfigFromEnv({ ...SUITE });
    expect(config.usingDemoIssuerKey).toBe(true);
    const verify = createTokenVerifier(config);
    const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
    await expect(verify(`Bearer ${await issueToken(demoIssuer, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(verify(`Bearer ${await issueToken(await generateKeyPairInMemory(), alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('reads key files, JWKS URL, issuer and audience', async () => {
    const config = await tokenVerifierConfigFromEnv({
      GOVGRAPH_JWT_PUBLIC_KEYS: ' /keys/a.pem, /keys/b.jwk.json ,',
      GOVGRAPH_JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json',
      GOVGRAPH_JWT_ISSUER: 'https://idp.example.gov.cn',
      GOVGRAPH_JWT_AUDIENCE: 'govgraph-prod',
    });
    expect(config).toMatchObject({
      publicKeyFiles: ['/keys/a.pem', '/keys/b.jwk.json'],
      jwksUrl: 'https://idp.example.gov.cn/.well-known/jwks.json',
      issuer: 'https://idp.example.gov.cn',
      audience: 'govgraph-prod',
      allowInsecureJwksUrl: false,
    });
    expect(config.publicJwks).toBeUndefined();
    expect(config.usingDemoIssuerKey).toBeUndefined();
  });

  it('does not trust the demo issuer once keys are configured', async () => {
    const other = await generateKeyPairInMemory();
    const file = path.join(dir, 'other.jwk.json');
    fs.writeFileSync(file, JSON.stringify(other.publicJwk));
    const verify = createTokenVerifier(await tokenVerifierConfigFromEnv({ ...SUITE, GOVGRAPH_JWT_PUBLIC_KEYS: file }));
    await expect(verify(`Bearer ${await issueToken(other, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
    await expect(verify(`Bearer ${await issueToken(demoIssuer, alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts the demo issuer\'s public key file as a configured key', async () => {
    const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
    const verify = createTokenVerifier(await tokenVerifierConfigFromEnv({ ...SUITE, GOVGRAPH_JWT_PUBLIC_KEYS: publicKeyPath('demo-issuer') }));
    await expect(verify(`Bearer ${await issueToken(demoIssuer, alice)}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('accepts several issuers, comma-separated', async () => {
    const config = await tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_ISSUER: 'a,b' });
    expect(config.issuer).toEqual(['a', 'b']);
  });

  it('accepts the suite\'s algorithms by default, others only when GOVGRAPH_JWT_ALGORITHMS lists them', async () => {
    const sm = await generateKeyPairInMemory('sm');
    const ed = await generateKeyPairInMemory('intl');
    const smFile = path.join(dir, 'sm.jwk.json');
    const edFile = path.join(dir, 'ed.jwk.json');
    fs.writeFileSync(smFile, JSON.stringify(sm.publicJwk));
    fs.writeFileSync(edFile, JSON.stringify(ed.publicJwk));
    const keys = `${smFile},${edFile}`;
    const smOnly = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_CRYPTO: 'sm', GOVGRAPH_JWT_PUBLIC_KEYS: keys }));
    await expect(smOnly(`Bearer ${await issueToken(sm, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(smOnly(`Bearer ${await issueToken(ed, alice)}`)).rejects.toThrow(/EdDSA \(of the intl suite\), that is not allowed \(allowed: SM2SM3; the default of GOVGRAPH_CRYPTO=sm/);
    const intlOnly = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_PUBLIC_KEYS: keys }));
    await expect(intlOnly(`Bearer ${await issueToken(ed, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(intlOnly(`Bearer ${await issueToken(sm, alice)}`)).rejects.toThrow(/SM2SM3 \(of the sm suite\), that is not allowed \(allowed: EdDSA, ES256, RS256; the default of GOVGRAPH_CRYPTO=intl/);
    const both = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_CRYPTO: 'sm', GOVGRAPH_JWT_PUBLIC_KEYS: keys, GOVGRAPH_JWT_ALGORITHMS: 'SM2SM3, EdDSA' }));
    await expect(both(`Bearer ${await issueToken(sm, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(both(`Bearer ${await issueToken(ed, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_ALGORITHMS: 'SM2SM3,HS256' })).rejects.toThrow(/HS256 is not one govgraph accepts/);
  });

  it('under sm, trusts an SM2 demo issuer and refuses the Ed25519 one', async () => {
    const config = await tokenVerifierConfigFromEnv({ GOVGRAPH_CRYPTO: 'sm' });
    expect(config.publicJwks?.[0]).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3' });
    const verify = createTokenVerifier(config);
    await expect(verify(`Bearer ${await issueToken(await loadOrCreateKeyPair('demo-issuer', { suite: 'sm' }), alice)}`)).resolves.toMatchObject({ user: 'alice' });
    await expect(verify(`Bearer ${await issueToken(await loadOrCreateKeyPair('demo-issuer', { suite: 'intl' }), alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
