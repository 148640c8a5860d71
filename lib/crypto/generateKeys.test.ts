/**
 * `govgraph keys generate` (cli/commands/keys.ts over generateKeys.ts): every key for either
 * suite, with restrictive modes, never overwriting without --force — and the files of both
 * suites are ones the key readers (lib/identity, lib/audit, lib/keys/secretKey.ts) accept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keysGenerateCommand } from '../../cli/commands/keys';
import { readKeyPairFile } from '../identity/demoKeys';
import { readPublicKeyFile } from '../identity/trustedKeys';
import { createCredentialVerifier, signCredential } from '../identity/credential';
import { createTokenVerifier, issueToken } from '../identity/tokens';
import { checkpointIsValid, signCheckpoint } from '../audit/checkpoint';
import { secretKeyFromEnv } from '../keys/secretKey';
import { cryptoSuite, readSigningKeyFile, readVerifyingKeyFile } from './index';

const FILES = [
  'token-issuer.private.jwk.json',
  'token-issuer.public.jwk.json',
  'gateway.private.jwk.json',
  'gateway.public.jwk.json',
  'audit-anchor.private.jwk.json',
  'audit-anchor.public.jwk.json',
  'audit.key',
  'seal.key',
];

let root: string;
let out: string;
let err: string;
const previousUmask = process.umask(0o022);

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-keys-'));
  out = '';
  err = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});
afterAll(() => process.umask(previousUmask));

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const snapshot = (dir: string) => Object.fromEntries(FILES.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

describe.each(['intl', 'sm'] as const)('govgraph keys generate --suite %s', (suiteName) => {
  it('writes every key with its mode and says which variable points at each', () => {
    const dir = path.join(root, 'keys');
    keysGenerateCommand({ suite: suiteName, out: dir });
    expect(process.exitCode).toBeUndefined();
    expect(err).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual([...FILES].sort());
    expect(mode(dir)).toBe(0o700);
    for (const f of FILES) expect(mode(path.join(dir, f))).toBe(f.includes('.public.') ? 0o644 : 0o600);

    const suite = cryptoSuite(suiteName);
    for (const pair of ['token-issuer', 'gateway', 'audit-anchor']) {
      const signing = readSigningKeyFile(path.join(dir, `${pair}.private.jwk.json`));
      const [verifying] = readVerifyingKeyFile(path.join(dir, `${pair}.public.jwk.json`));
      expect(signing.alg).toBe(suite.algorithms.signature);
      expect(verifying.kid).toBe(signing.kid);
      expect(suite.verify([verifying], 'm', suite.sign(signing, 'm'))).toBe(true);
    }
    const secrets = ['audit.key', 'seal.key'].map((f) => Buffer.from(fs.readFileSync(path.join(dir, f), 'utf8').trim(), 'base64'));
    for (const s of secrets) expect(s).toHaveLength(32);
    expect(secrets[0].equals(secrets[1])).toBe(false);

    for (const v of ['GOVGRAPH_JWT_PUBLIC_KEYS', 'GOVGRAPH_GATEWAY_PRIVATE_KEY', 'GOVGRAPH_GATEWAY_PUBLIC_KEY', 'GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY', 'GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY', 'GOVGRAPH_AUDIT_KEY', 'GOVGRAPH_SEAL_KEY']) {
      expect(out).toContain(v);
    }
    expect(out.includes('GOVGRAPH_CRYPTO=sm')).toBe(suiteName === 'sm');
    // No secret is printed.
    for (const f of ['audit.key', 'seal.key']) expect(out).not.toContain(fs.readFileSync(path.join(dir, f), 'utf8').trim());
  });

  it('never overwrites without --force (nothing written, exit 3); --force replaces every file', () => {
    const dir = path.join(root, 'keys');
    keysGenerateCommand({ suite: suiteName, out: dir });
    const before = snapshot(dir);
    fs.rmSync(path.join(dir, 'seal.key'));
    keysGenerateCommand({ suite: suiteName, out: dir });
    expect(process.exitCode).toBe(3);
    expect(err).toMatch(/--force/);
    expect(fs.existsSync(path.join(dir, 'seal.key'))).toBe(false);
    const { 'seal.key': _seal, ...rest } = before;
    for (const [f, content] of Object.entries(rest)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(content);

    process.exitCode = undefined;
    keysGenerateCommand({ suite: suiteName, out: dir, force: true });
    expect(process.exitCode).toBeUndefined();
    const after = snapshot(dir);
    for (const f of FILES) expect(after[f]).not.toBe(before[f]);
    for (const f of FILES) expect(mode(path.join(dir, f))).toBe(f.includes('.public.') ? 0o644 : 0o600);
  });
});

describe('govgraph keys generate', () => {
  it('writes intl keys the current readers accept (demo-key JWKs, trusted public keys, base64 secrets)', async () => {
    const dir = path.join(root, 'intl');
    keysGenerateCommand({ suite: 'intl', out: dir });
    const gateway = await readKeyPairFile(path.join(dir, 'gateway.private.jwk.json'), 'intl');
    const [trusted] = readPublicKeyFile(path.join(dir, 'gateway.public.jwk.json'));
    expect(trusted.kid).toBe(gateway.kid);
    expect(trusted.alg).toBe('EdDSA');
    const saved = process.env.GOVGRAPH_SEAL_KEY;
    process.env.GOVGRAPH_SEAL_KEY = fs.readFileSync(path.join(dir, 'seal.key'), 'utf8').trim();
    try {
      expect(secretKeyFromEnv('GOVGRAPH_SEAL_KEY', 'seal', root)).toHaveLength(32);
    } finally {
      if (saved === undefined) delete process.env.GOVGRAPH_SEAL_KEY;
      else process.env.GOVGRAPH_SEAL_KEY = saved;
    }
  });

  it('writes sm keys the processes read under GOVGRAPH_CRYPTO=sm: token issuer, gateway credential, anchor checkpoint', async () => {
    const dir = path.join(root, 'sm');
    keysGenerateCommand({ suite: 'sm', out: dir });
    const file = (name: string) => path.join(dir, name);
    const issuer = await readKeyPairFile(file('token-issuer.private.jwk.json'), 'sm');
    const verifyToken = createTokenVerifier({ publicKeyFiles: [file('token-issuer.public.jwk.json')], suite: 'sm' });
    await expect(verifyToken(`Bearer ${await issueToken(issuer, { user: 'u', dept: 'tax', division: '320100', roles: ['consumer'], ttlSeconds: 60 })}`)).resolves.toMatchObject({ dept: 'tax' });

    const gateway = await readKeyPairFile(file('gateway.private.jwk.json'), 'sm');
    expect(gateway.alg).toBe('SM2SM3');
    const verifyCredential = createCredentialVerifier({ gatewayPublicJwks: readPublicKeyFile(file('gateway.public.jwk.json')).map((k) => k.jwk), audience: 'population', suite: 'sm' });
    const credential = await signCredential(gateway, { requester: { user: 'u', dept: 'tax', division: '320100', roles: ['consumer'] }, requestId: 'r', audience: 'population', body: '{}' });
    await expect(verifyCredential(credential, '{}')).resolves.toMatchObject({ requestId: 'r' });

    const anchor = await readKeyPairFile(file('audit-anchor.private.jwk.json'), 'sm');
    const payload = { writer: 'population', seq: 1, hash: 'a'.repeat(64), at: new Date().toISOString() };
    const stored = { ...payload, id: 1, signature: await signCheckpoint(anchor, payload), suite: 'sm' as const };
    expect(await checkpointIsValid(stored, readPublicKeyFile(file('audit-anchor.public.jwk.json')))).toBe(true);
    // The processes of the other suite refuse them, naming both.
    await expect(readKeyPairFile(file('gateway.private.jwk.json'), 'intl')).rejects.toThrow(/SM2SM3 key; GOVGRAPH_CRYPTO=intl signs with EdDSA/);
  });

  it('takes the suite from GOVGRAPH_CRYPTO when --suite is not given, and refuses an unknown one (exit 2, nothing written)', () => {
    const saved = process.env.GOVGRAPH_CRYPTO;
    process.env.GOVGRAPH_CRYPTO = 'sm';
    try {
      keysGenerateCommand({ out: path.join(root, 'from-env') });
      expect(readSigningKeyFile(path.join(root, 'from-env', 'gateway.private.jwk.json')).alg).toBe('SM2SM3');
    } finally {
      if (saved === undefined) delete process.env.GOVGRAPH_CRYPTO;
      else process.env.GOVGRAPH_CRYPTO = saved;
    }
    keysGenerateCommand({ suite: 'gm', out: path.join(root, 'bad') });
    expect(process.exitCode).toBe(2);
    expect(fs.existsSync(path.join(root, 'bad'))).toBe(false);
  });
});
