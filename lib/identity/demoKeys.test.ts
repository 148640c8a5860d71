import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cryptoSuiteName } from '../config';
import { clearLoadedKeyPairs, generateKeyPairInMemory, keysDir, loadOrCreateKeyPair, privateKeyPath, publicKeyPath, readKeyPairFile } from './demoKeys';
import { createTokenVerifier, issueToken } from './tokens';

// The suite GOVGRAPH_CRYPTO selects (CI runs these both ways): Ed25519 keys, or SM2 keys.
const SUITE = cryptoSuiteName();
const KEY_SHAPE = SUITE === 'sm' ? { kty: 'EC', crv: 'SM2', alg: 'SM2SM3' } : { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' };
const KEY_NAME = SUITE === 'sm' ? 'SM2' : 'Ed25519';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-demokeys-'));
  clearLoadedKeyPairs();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('demo keys', () => {
  it('creates the key pair on first use: private 0600, public without d', async () => {
    const pair = await loadOrCreateKeyPair('demo-issuer', { dir });
    const privateFile = privateKeyPath('demo-issuer', dir);
    expect(mode(privateFile)).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(privateFile, 'utf8'))).toMatchObject({ ...KEY_SHAPE, kid: pair.kid });
    const publicJwk = JSON.parse(fs.readFileSync(publicKeyPath('demo-issuer', dir), 'utf8'));
    expect(publicJwk).toEqual(pair.publicJwk);
    expect(publicJwk.d).toBeUndefined();
    expect((pair.publicJwk as { d?: string }).d).toBeUndefined();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('loads the same key afterwards, in this process and after a restart', async () => {
    const first = await loadOrCreateKeyPair('gateway', { dir });
    expect(await loadOrCreateKeyPair('gateway', { dir })).toBe(first);
    clearLoadedKeyPairs();
    const again = await loadOrCreateKeyPair('gateway', { dir });
    expect(again.kid).toBe(first.kid);
    // And it is a working key: what it signs, its public key verifies.
    const token = await issueToken(again, { user: 'u', dept: 'tax', division: '320100', roles: ['consumer'], ttlSeconds: 60 });
    await expect(createTokenVerifier({ publicJwks: [first.publicJwk] })(`Bearer ${token}`)).resolves.toMatchObject({ dept: 'tax' });
  });

  it('keeps different names apart', async () => {
    const a = await loadOrCreateKeyPair('demo-issuer', { dir });
    const b = await loadOrCreateKeyPair('gateway', { dir });
    expect(a.kid).not.toBe(b.kid);
  });

  it('resolves a creation race: the first file wins and everyone uses it', async () => {
    // Two loads that do not share the in-process cache, both finding no file.
    const a = loadOrCreateKeyPair('gateway', { dir });
    clearLoadedKeyPairs();
    const b = loadOrCreateKeyPair('gateway', { dir });
    const [ka, kb] = await Promise.all([a, b]);
    expect(ka.kid).toBe(kb.kid);
    expect(JSON.parse(fs.readFileSync(privateKeyPath('gateway', dir), 'utf8')).kid).toBe(ka.kid);
  });

  it('resolves a creation race between processes', async () => {
    const run = promisify(execFile);
    const script = `require(${JSON.stringify(path.join(__dirname, 'demoKeys.ts'))}).loadOrCreateKeyPair('gateway', { dir: ${JSON.stringify(dir)} }).then((k) => process.stdout.write(k.kid))`;
    const outputs = await Promise.all([1, 2, 3].map(() => run(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.join(__dirname, '..', '..') })));
    const kids = new Set(outputs.map((o) => o.stdout));
    expect(kids.size).toBe(1);
    expect(JSON.parse(fs.readFileSync(privateKeyPath('gateway', dir), 'utf8')).kid).toBe([...kids][0]);
    expect(mode(privateKeyPath('gateway', dir))).toBe(0o600);
  });

  it('refuses a corrupt key file instead of replacing it', async () => {
    fs.writeFileSync(privateKeyPath('gateway', dir), '{"kty":"RSA"}');
    await expect(loadOrCreateKeyPair('gateway', { dir })).rejects.toThrow(new RegExp(`not an ${KEY_NAME} private JWK`));
    // The failure is not cached.
    fs.rmSync(privateKeyPath('gateway', dir));
    await expect(loadOrCreateKeyPair('gateway', { dir })).resolves.toHaveProperty('kid');
  });

  it('refuses names that are not plain file names', () => {
    expect(() => loadOrCreateKeyPair('../etc/passwd', { dir })).toThrow(/key name/);
  });

  it('lives under <dataDir>/keys by default', () => {
    const previous = process.env.GOVGRAPH_DATA_DIR;
    process.env.GOVGRAPH_DATA_DIR = dir;
    try {
      expect(keysDir()).toBe(path.join(dir, 'keys'));
      expect(privateKeyPath('gateway')).toBe(path.join(dir, 'keys', SUITE === 'sm' ? 'gateway.sm2.private.jwk.json' : 'gateway.private.jwk.json'));
    } finally {
      if (previous === undefined) delete process.env.GOVGRAPH_DATA_DIR;
      else process.env.GOVGRAPH_DATA_DIR = previous;
    }
  });

  it('generates distinct in-memory pairs', async () => {
    const [a, b] = await Promise.all([generateKeyPairInMemory(), generateKeyPairInMemory()]);
    expect(a.kid).not.toBe(b.kid);
    expect(a.publicJwk).toMatchObject({ ...KEY_SHAPE, kid: a.kid });
  });

  it('keeps each suite\'s keys in their own files: Ed25519 for intl, SM2 for sm', async () => {
    const intl = await loadOrCreateKeyPair('gateway', { dir, suite: 'intl' });
    const sm = await loadOrCreateKeyPair('gateway', { dir, suite: 'sm' });
    expect(intl.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(sm.publicJwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3' });
    expect(sm.suite).toBe('sm');
    expect(path.basename(privateKeyPath('gateway', dir, 'intl'))).toBe('gateway.private.jwk.json');
    expect(path.basename(privateKeyPath('gateway', dir, 'sm'))).toBe('gateway.sm2.private.jwk.json');
    expect(JSON.parse(fs.readFileSync(publicKeyPath('gateway', dir, 'sm'), 'utf8'))).toEqual(sm.publicJwk);
    // Switching back finds the old key where it was.
    clearLoadedKeyPairs();
    expect((await loadOrCreateKeyPair('gateway', { dir, suite: 'intl' })).kid).toBe(intl.kid);
    // The SM2 key signs real SM2: its public half verifies what it signs.
    expect(sm.publicKey.verifySignature('checkpoint', sm.signBytes('checkpoint'))).toBe(true);
  });

  it('reads a configured key file of the suite in force, and refuses one of the other suite naming both', async () => {
    await loadOrCreateKeyPair('gateway', { dir, suite: 'sm' });
    await loadOrCreateKeyPair('gateway', { dir, suite: 'intl' });
    await expect(readKeyPairFile(privateKeyPath('gateway', dir, 'sm'), 'sm')).resolves.toMatchObject({ alg: 'SM2SM3' });
    await expect(readKeyPairFile(privateKeyPath('gateway', dir, 'sm'), 'intl')).rejects.toThrow(/SM2SM3.*intl|intl.*SM2SM3/);
    await expect(readKeyPairFile(privateKeyPath('gateway', dir, 'intl'), 'sm')).rejects.toThrow(/EdDSA.*sm|sm.*EdDSA/);
  });
});
