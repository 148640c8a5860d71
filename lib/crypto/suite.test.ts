/**
 * The suite abstraction, both implementations through the same tests: every output names its
 * suite, and a suite refuses the other's keys and values (CRYPTO_SUITE_MISMATCH) instead of
 * checking them with whatever algorithm they name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { cryptoSuite, cryptoSuiteFromEnv, decodeSignature, encodeSignature, intlSuite, readSigningKeyFile, readVerifyingKeyFile, signJws, smSuite, verifyJwt, type CryptoSuite, type Signer } from './index';

const suites: Array<[string, CryptoSuite, CryptoSuite]> = [
  ['intl', intlSuite, smSuite],
  ['sm', smSuite, intlSuite],
];

const code = (c: string) => expect.objectContaining({ code: c });

describe.each(suites)('the %s suite', (name, suite, other) => {
  const key = suite.generateSecretKey();

  it('names its algorithms', () => {
    expect(suite.name).toBe(name);
    expect(suite.algorithms).toEqual(
      name === 'sm' ? { hash: 'SM3', mac: 'HSM3', signature: 'SM2SM3', seal: 'SM4CTR-HSM3' } : { hash: 'SHA-256', mac: 'HS256', signature: 'EdDSA', seal: 'A256GCM' },
    );
    expect(suite.hash('abc').toString('hex')).toBe(
      name === 'sm' ? '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' : crypto.createHash('sha256').update('abc').digest('hex'),
    );
  });

  it('tags and checks tags; refuses the other suite\'s tag', () => {
    const tag = suite.tag(key, 'prev', '\n', 'body');
    expect(tag.startsWith(`${suite.algorithms.mac}:`)).toBe(true);
    expect(suite.verifyTag(key, tag, 'prev\nbody')).toBe(true);
    expect(suite.verifyTag(key, tag, 'prev\nbodY')).toBe(false);
    expect(suite.verifyTag(suite.generateSecretKey(), tag, 'prev\nbody')).toBe(false);
    expect(() => suite.verifyTag(key, other.tag(key, 'prev\nbody'), 'prev\nbody')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => suite.verifyTag(key, 'XX:abc', 'x')).toThrow(code('CRYPTO_MALFORMED'));
    expect(() => suite.mac(Buffer.alloc(16), 'x')).toThrow(code('CRYPTO_KEY_INVALID'));
  });

  it('signs with key ids and verifies; refuses the other suite\'s keys and signatures', () => {
    const signer = suite.generateSigningKey();
    const rotatedOut = suite.generateSigningKey();
    const signature = suite.sign(signer, 'checkpoint');
    expect(signature).toMatchObject({ alg: suite.algorithms.signature, kid: signer.kid });
    const text = encodeSignature(signature);
    expect(text.startsWith(`${suite.algorithms.signature}:${signer.kid}:`)).toBe(true);
    expect(decodeSignature(text).value.equals(signature.value)).toBe(true);
    expect(suite.verify([rotatedOut.publicKey, signer.publicKey], 'checkpoint', text)).toBe(true);
    expect(suite.verify([signer.publicKey], 'checkpoinT', signature)).toBe(false);
    expect(suite.verify([rotatedOut.publicKey], 'checkpoint', signature)).toBe(false);
    // The kid chooses the key: the same signature under another kid does not verify.
    expect(suite.verify([signer.publicKey], 'checkpoint', { ...signature, kid: rotatedOut.kid })).toBe(false);

    const foreign = other.generateSigningKey();
    expect(() => suite.sign(foreign, 'x')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => suite.verify([signer.publicKey], 'x', other.sign(foreign, 'x'))).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => suite.verify([foreign.publicKey], 'x', signature)).toThrow(code('CRYPTO_SUITE_MISMATCH'));
  });

  it('seals and opens, bound to additional data; refuses the other suite\'s seal', () => {
    const sealed = suite.seal(key, '320115195807030305', '3201**********0305');
    expect(sealed.startsWith(`${suite.algorithms.seal}:`)).toBe(true);
    expect(suite.open(key, sealed, '3201**********0305').toString()).toBe('320115195807030305');
    expect(suite.seal(key, 'same', 'a')).not.toBe(suite.seal(key, 'same', 'a'));
    expect(() => suite.open(key, sealed, 'other display')).toThrow(code('CRYPTO_TAG_INVALID'));
    expect(() => suite.open(suite.generateSecretKey(), sealed, '3201**********0305')).toThrow(code('CRYPTO_TAG_INVALID'));
    const body = Buffer.from(sealed.slice(sealed.indexOf(':') + 1), 'base64url');
    body[body.length - 20] ^= 1;
    expect(() => suite.open(key, `${suite.algorithms.seal}:${body.toString('base64url')}`, '3201**********0305')).toThrow(code('CRYPTO_TAG_INVALID'));
    expect(() => suite.open(key, other.seal(key, 'x', 'a'), 'a')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => suite.open(key, `${suite.algorithms.seal}:abc`, 'a')).toThrow(code('CRYPTO_MALFORMED'));
    expect(() => suite.open(key, 'not sealed', 'a')).toThrow(code('CRYPTO_MALFORMED'));
  });

  it('exports and imports its keys (JWK and PEM); refuses the other suite\'s on import', () => {
    const signer = suite.generateSigningKey();
    const fromJwk = suite.importSigningKey(signer.toPrivateJwk(), 'jwk');
    const fromPem = suite.importSigningKey(signer.toPem(), 'pem');
    expect(fromJwk.kid).toBe(signer.kid);
    expect(fromPem.publicKey.jwk).toEqual({ ...signer.publicKey.jwk, kid: fromPem.kid });
    expect(suite.verify([signer.publicKey], 'm', suite.sign(fromJwk, 'm'))).toBe(true);
    expect(suite.importVerifyingKey(signer.publicKey.jwk, 'public jwk').kid).toBe(signer.kid);
    expect(suite.importVerifyingKey(signer.publicKey.toPem(), 'public pem').jwk.x).toBe(signer.publicKey.jwk.x);
    expect(() => suite.importVerifyingKey(signer.toPrivateJwk(), 'private as public')).toThrow(code('CRYPTO_KEY_INVALID'));
    expect(() => suite.importVerifyingKey(signer.toPem(), 'private pem as public')).toThrow(code('CRYPTO_KEY_INVALID'));
    expect(() => suite.importVerifyingKey({ kty: 'oct', k: 'AAAA' }, 'hmac key')).toThrow(code('CRYPTO_KEY_INVALID'));
    const foreign = other.generateSigningKey();
    expect(() => suite.importSigningKey(foreign.toPrivateJwk(), 'foreign')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => suite.importVerifyingKey(foreign.publicKey.jwk, 'foreign')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
  });

  it('reads key files: private JWK, public JWK, JWK Set, PEM', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-suite-'));
    try {
      const a = suite.generateSigningKey();
      const b = suite.generateSigningKey();
      fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(a.toPrivateJwk()));
      fs.writeFileSync(path.join(dir, 'set.json'), JSON.stringify({ keys: [a.publicKey.jwk, b.publicKey.jwk] }));
      fs.writeFileSync(path.join(dir, 'b.pem'), b.publicKey.toPem());
      expect(readSigningKeyFile(path.join(dir, 'a.json')).kid).toBe(a.kid);
      expect(readVerifyingKeyFile(path.join(dir, 'set.json')).map((k) => k.kid)).toEqual([a.kid, b.kid]);
      expect(readVerifyingKeyFile(path.join(dir, 'b.pem'))[0].jwk.x).toBe(b.publicKey.jwk.x);
      expect(() => readVerifyingKeyFile(path.join(dir, 'missing.json'))).toThrow(code('CRYPTO_KEY_INVALID'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a key held in a cryptographic module', () => {
  it('plugs in as a Signer: only alg, kid, suite, public key and signBytes are asked of it', () => {
    // Stands in for an HSM client: the private key lives behind signBytes, nowhere else.
    const inModule = smSuite.generateSigningKey();
    const calls: Buffer[] = [];
    const moduleSigner: Signer = {
      alg: 'SM2SM3',
      kid: inModule.kid,
      suite: 'sm',
      publicKey: inModule.publicKey,
      signBytes: (data) => (calls.push(Buffer.from(data)), inModule.signBytes(data)),
    };
    expect(smSuite.verify([inModule.publicKey], 'checkpoint', smSuite.sign(moduleSigner, 'checkpoint'))).toBe(true);
    const token = signJws(moduleSigner, { sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(verifyJwt(token, { keys: [inModule.publicKey], algorithms: ['SM2SM3'] }).claims.sub).toBe('x');
    expect(calls).toHaveLength(2);
    expect(() => intlSuite.sign(moduleSigner, 'x')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
  });
});

describe('the international suite', () => {
  it('verifies ES256 and RS256 signatures (identity providers issue them), but signs only with Ed25519', () => {
    const es = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rs = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const esKey = intlSuite.importVerifyingKey(es.publicKey.export({ format: 'jwk' }), 'es');
    const rsKey = intlSuite.importVerifyingKey(rs.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'rs');
    const esSig = crypto.sign('sha256', Buffer.from('m'), { key: es.privateKey, dsaEncoding: 'ieee-p1363' });
    const rsSig = crypto.sign('sha256', Buffer.from('m'), rs.privateKey);
    expect(intlSuite.verify([esKey, rsKey], 'm', { alg: 'ES256', kid: esKey.kid, value: esSig })).toBe(true);
    expect(intlSuite.verify([esKey, rsKey], 'm', { alg: 'RS256', kid: rsKey.kid, value: rsSig })).toBe(true);
    expect(() => smSuite.importVerifyingKey(es.publicKey.export({ format: 'jwk' }), 'es')).toThrow(code('CRYPTO_SUITE_MISMATCH'));
    expect(() => intlSuite.importSigningKey(es.privateKey.export({ format: 'jwk' }), 'es private')).toThrow(code('CRYPTO_KEY_INVALID'));
    const small = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => intlSuite.importVerifyingKey(small.publicKey.export({ format: 'jwk' }), 'small rsa')).toThrow(code('CRYPTO_KEY_INVALID'));
  });

  it('gives Ed25519 keys the kid jose computes, so the demo keys keep theirs', async () => {
    const key = intlSuite.generateSigningKey();
    const { kty, crv, x } = key.publicKey.jwk;
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty, crv, x }));
  });
});

describe('selecting the suite', () => {
  it('GOVGRAPH_CRYPTO: unset or intl is intl, sm is sm, anything else stops', () => {
    expect(cryptoSuiteFromEnv({}).name).toBe('intl');
    expect(cryptoSuiteFromEnv({ GOVGRAPH_CRYPTO: 'intl' }).name).toBe('intl');
    expect(cryptoSuiteFromEnv({ GOVGRAPH_CRYPTO: ' sm ' }).name).toBe('sm');
    expect(() => cryptoSuiteFromEnv({ GOVGRAPH_CRYPTO: 'SM2' })).toThrow(/GOVGRAPH_CRYPTO/);
    expect(() => cryptoSuite('gm')).toThrow(code('CRYPTO_SUITE_UNKNOWN'));
  });
});
