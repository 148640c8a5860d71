/**
 * SM2 signatures are real SM2 (GB/T 32918.2, Z value, default ID): the standard's own example,
 * and interoperability both ways with two independent implementations — sm-crypto (pure
 * JavaScript, jsbn arithmetic) and the `openssl` command (OpenSSL's C SM2).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm2 as smCrypto } from 'sm-crypto';
import { importSigningKey, importVerifyingKey, generateSigningKey } from './keys';
import { SM2_CURVE, Sm2PrivateKey, Sm2PublicKey, sm2Digest, sm2Verify, sm2Z, SM2_DEFAULT_ID } from './sm2';
import { derToRs, openssl, opensslHasSm2, rsToDer } from './testSupport';

// GB/T 32918.5-2017 Annex A / GM/T 0003.5-2012 A.2: signature example on the recommended
// curve, ID "1234567812345678", message "message digest".
const EXAMPLE = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  xA: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  yA: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  message: 'message digest',
  Z: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const hex = (s: string) => Buffer.from(s, 'hex');
const examplePublic = () => Sm2PublicKey.fromBytes(Buffer.concat([Buffer.from([4]), hex(EXAMPLE.xA), hex(EXAMPLE.yA)]));
const exampleSignature = () => Buffer.concat([hex(EXAMPLE.r), hex(EXAMPLE.s)]);

describe('SM2 against the GB/T 32918.5 example', () => {
  it('derives the published public key from the published private key', () => {
    const key = Sm2PrivateKey.fromBytes(hex(EXAMPLE.d));
    expect(key.publicKey.x.toString('hex').toUpperCase()).toBe(EXAMPLE.xA);
    expect(key.publicKey.y.toString('hex').toUpperCase()).toBe(EXAMPLE.yA);
  });

  it('computes the published Z (default ID) and e = SM3(Z ‖ M)', () => {
    expect(SM2_DEFAULT_ID).toBe('1234567812345678');
    expect(sm2Z(examplePublic()).toString('hex').toUpperCase()).toBe(EXAMPLE.Z);
    expect(sm2Digest(examplePublic(), EXAMPLE.message).toString('hex').toUpperCase()).toBe(EXAMPLE.e);
  });

  it('reproduces the published (r, s) from the published k', () => {
    const key = Sm2PrivateKey.fromBytes(hex(EXAMPLE.d));
    const sig = key.signDigestWithNonce(BigInt(`0x${EXAMPLE.e}`), BigInt(`0x${EXAMPLE.k}`));
    expect(sig?.toString('hex').toUpperCase()).toBe(EXAMPLE.r + EXAMPLE.s);
  });

  it('verifies the published signature, and nothing else', () => {
    const pub = examplePublic();
    expect(sm2Verify(pub, EXAMPLE.message, exampleSignature())).toBe(true);
    expect(sm2Verify(pub, 'message digesT', exampleSignature())).toBe(false);
    expect(sm2Verify(pub, EXAMPLE.message, exampleSignature(), 'ALICE123@YAHOO.COM')).toBe(false);
    for (const i of [0, 31, 32, 63]) {
      const bad = exampleSignature();
      bad[i] ^= 1;
      expect(sm2Verify(pub, EXAMPLE.message, bad)).toBe(false);
    }
    expect(sm2Verify(pub, EXAMPLE.message, exampleSignature().subarray(0, 63))).toBe(false);
    // r or s outside [1, n − 1] (B1, B2): 0 and n itself.
    const n = Buffer.from(SM2_CURVE.n.toString(16), 'hex');
    expect(sm2Verify(pub, EXAMPLE.message, Buffer.concat([Buffer.alloc(32), hex(EXAMPLE.s)]))).toBe(false);
    expect(sm2Verify(pub, EXAMPLE.message, Buffer.concat([hex(EXAMPLE.r), n]))).toBe(false);
  });

  it('is not what Node computes: crypto.sign("sm3") on the SM2 curve is ECDSA without Z', () => {
    // The reason sm2.ts exists. Node verifies neither the standard's signature…
    const spki = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d03420004', 'hex'), hex(EXAMPLE.xA), hex(EXAMPLE.yA)]);
    const nodePublic = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(crypto.verify('sm3', Buffer.from(EXAMPLE.message), { key: nodePublic, dsaEncoding: 'ieee-p1363' }, exampleSignature())).toBe(false);
    // …nor does its own signature verify as SM2.
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const nodeSig = crypto.sign('sm3', Buffer.from('data'), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const ours = importVerifyingKey(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'node key');
    expect(ours.verifySignature('data', nodeSig)).toBe(false);
  });
});

describe('SM2 keys', () => {
  it('refuses private keys outside [1, n − 2] and points off the curve', () => {
    expect(() => Sm2PrivateKey.fromBytes(Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_INVALID' }));
    const nMinus1 = Buffer.from((SM2_CURVE.n - 1n).toString(16), 'hex');
    expect(() => Sm2PrivateKey.fromBytes(nMinus1)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_INVALID' }));
    const offCurve = Buffer.concat([Buffer.from([4]), hex(EXAMPLE.xA), hex(EXAMPLE.xA)]);
    expect(() => Sm2PublicKey.fromBytes(offCurve)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_INVALID' }));
    expect(() => Sm2PublicKey.fromBytes(Buffer.alloc(33))).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_INVALID' }));
  });

  it('signs and verifies round trips, randomised (no two signatures alike)', () => {
    for (let i = 0; i < 20; i++) {
      const key = Sm2PrivateKey.generate();
      const message = crypto.randomBytes(i * 7);
      const a = key.sign(message);
      const b = key.sign(message);
      expect(a.equals(b)).toBe(false);
      expect(sm2Verify(key.publicKey, message, a)).toBe(true);
      expect(sm2Verify(key.publicKey, message, b)).toBe(true);
      expect(sm2Verify(Sm2PrivateKey.generate().publicKey, message, a)).toBe(false);
    }
  });
});

describe('SM2 interoperability with sm-crypto (independent JavaScript implementation)', () => {
  const pubHex = (key: Sm2PublicKey) => key.bytes.toString('hex');

  it('verifies the standard example the same way', () => {
    expect(smCrypto.doVerifySignature(Array.from(Buffer.from(EXAMPLE.message)), exampleSignature().toString('hex'), pubHex(examplePublic()), { hash: true })).toBe(true);
  });

  it('sm-crypto verifies what govgraph signs', () => {
    for (let i = 0; i < 5; i++) {
      const key = generateSigningKey('sm');
      const message = crypto.randomBytes(50 + i);
      const sig = key.signBytes(message);
      const pub = Buffer.concat([Buffer.from([4]), Buffer.from(key.publicKey.jwk.x!, 'base64url'), Buffer.from(key.publicKey.jwk.y!, 'base64url')]).toString('hex');
      expect(smCrypto.doVerifySignature(Array.from(message), sig.toString('hex'), pub, { hash: true, userId: '1234567812345678' })).toBe(true);
      expect(smCrypto.doVerifySignature(Array.from(message), sig.toString('hex'), pub, { hash: true, userId: 'another-id' })).toBe(false);
    }
  });

  it('govgraph verifies what sm-crypto signs', () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = smCrypto.generateKeyPairHex();
      const message = crypto.randomBytes(50 + i);
      const sig = smCrypto.doSignature(Array.from(message), privateKey, { hash: true, publicKey });
      const ours = Sm2PublicKey.fromBytes(Buffer.from(publicKey, 'hex'));
      expect(sm2Verify(ours, message, Buffer.from(sig, 'hex'))).toBe(true);
      // And the private key means the same to both: same public key.
      expect(Sm2PrivateKey.fromBytes(Buffer.from(privateKey.padStart(64, '0'), 'hex')).publicKey.bytes.toString('hex')).toBe(publicKey);
    }
  });
});

const haveOpenssl = opensslHasSm2();
if (!haveOpenssl && process.env.CI) throw new Error('CI needs an openssl with SM2 for the SM2 interoperability tests');
const withOpenssl = haveOpenssl ? describe : describe.skip;

withOpenssl('SM2 interoperability with the openssl command (OpenSSL 3, -pkeyopt distid)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-sm2-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('openssl verifies the standard example with the default ID, and refuses it without', () => {
    const pub = file('example.pub.pem', importVerifyingKey({ kty: 'EC', crv: 'SM2', x: hex(EXAMPLE.xA).toString('base64url'), y: hex(EXAMPLE.yA).toString('base64url') }, 'example').toPem());
    const msg = file('example.msg', EXAMPLE.message);
    const sig = file('example.sig', rsToDer(exampleSignature()));
    expect(openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', '-in', msg, '-sigfile', sig, '-pkeyopt', 'distid:1234567812345678']).toString()).toMatch(/Verified Successfully/);
    expect(() => openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', '-in', msg, '-sigfile', sig])).toThrow();
  });

  it('openssl verifies what govgraph signs (key exported as PEM)', () => {
    const key = generateSigningKey('sm');
    const pub = file('ours.pub.pem', key.publicKey.toPem());
    const message = crypto.randomBytes(100);
    const msg = file('ours.msg', message);
    const sig = file('ours.sig', rsToDer(key.signBytes(message)));
    expect(openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', '-in', msg, '-sigfile', sig, '-pkeyopt', 'distid:1234567812345678']).toString()).toMatch(/Verified Successfully/);
    // The private PEM is one openssl reads as the same key.
    const priv = file('ours.key.pem', key.toPem());
    expect(openssl(['pkey', '-in', priv, '-pubout']).toString().trim()).toBe(key.publicKey.toPem().trim());
  });

  it('govgraph verifies what openssl signs, with a key openssl generated', () => {
    const priv = file('theirs.key.pem', openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2']));
    const pub = openssl(['pkey', '-in', priv, '-pubout']).toString();
    const message = crypto.randomBytes(100);
    const msg = file('theirs.msg', message);
    const der = openssl(['pkeyutl', '-sign', '-inkey', priv, '-rawin', '-digest', 'sm3', '-in', msg, '-pkeyopt', 'distid:1234567812345678']);
    const verifying = importVerifyingKey(pub, 'openssl public key');
    expect(verifying.verifySignature(message, derToRs(der))).toBe(true);
    expect(verifying.verifySignature(Buffer.concat([message, Buffer.from([0])]), derToRs(der))).toBe(false);
    // Its private key, imported, is the same key.
    expect(importSigningKey(fs.readFileSync(priv, 'utf8'), 'openssl private key').publicKey.jwk).toEqual(verifying.jwk);
  });
});
