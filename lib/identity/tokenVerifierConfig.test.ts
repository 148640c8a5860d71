import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearLoadedKeyPairs, generateKeyPairInMemory, loadOrCreateKeyPair, publicKeyPath } from './demoKeys';
import { tokenVerifierConfigFromEnv } from './tokenVerifierConfig';
import { createTokenVerifier, issueToken } from './tokens';

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
    const config = await tokenVerifierConfigFromEnv({});
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
    const verify = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_PUBLIC_KEYS: file }));
    await expect(verify(`Bearer ${await issueToken(other, alice)}`)).resolves.toMatchObject({ user: 'alice' });
    const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
    await expect(verify(`Bearer ${await issueToken(demoIssuer, alice)}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts the demo issuer\'s public key file as a configured key', async () => {
    const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
    const verify = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_PUBLIC_KEYS: publicKeyPath('demo-issuer') }));
    await expect(verify(`Bearer ${await issueToken(demoIssuer, alice)}`)).resolves.toMatchObject({ user: 'alice' });
  });

  it('accepts several issuers, comma-separated', async () => {
    const config = await tokenVerifierConfigFromEnv({ GOVGRAPH_JWT_ISSUER: 'a,b' });
    expect(config.issuer).toEqual(['a', 'b']);
  });
});
