/**
 * Compact JWS/JWT over both suites, as Chinese government identity providers issue SM2 tokens
 * (`alg` SM2SM3, or SM2; key `kty: EC, crv: SM2`; signature r ‖ s) and as the international
 * ones do (EdDSA, ES256, RS256 — checked against jose, an independent implementation).
 */
import crypto from 'node:crypto';
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { sm2 as smCrypto } from 'sm-crypto';
import { generateSigningKey, importVerifyingKey, type SignatureAlgorithm, type VerifyingKey } from './keys';
import { signJws, verifyJws, verifyJwt, SM2_JWS_ALG } from './jws';

const code = (c: string, extra: Record<string, unknown> = {}) => expect.objectContaining({ code: c, ...extra });
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const ALL: SignatureAlgorithm[] = ['EdDSA', 'ES256', 'RS256', 'SM2SM3'];

const sm2Key = generateSigningKey('sm');
const edKey = generateSigningKey('intl');
const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'zhang.wei', dept: 'civil-affairs', division: '320100', roles: ['consumer'], iss: 'idp.example.gov.cn', aud: 'govgraph', iat: now, exp: now + 600 };

/** A token with any header and signature bytes, for the malformed cases. */
function forge(header: object, payload: object, signature: Buffer): string {
  return `${b64(header)}.${b64(payload)}.${signature.toString('base64url')}`;
}

describe('SM2 tokens (alg SM2SM3)', () => {
  it('signs a compact JWS with alg, kid and typ, and verifies it', () => {
    const token = signJws(sm2Key, claims, { typ: 'JWT' });
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: SM2_JWS_ALG, kid: sm2Key.kid, typ: 'JWT' });
    expect(Buffer.from(token.split('.')[2], 'base64url')).toHaveLength(64);
    const verified = verifyJwt(token, { keys: [sm2Key.publicKey], algorithms: ['SM2SM3'], issuer: claims.iss, audience: 'govgraph', typ: 'JWT' });
    expect(verified.claims).toEqual(claims);
    expect(verified.alg).toBe('SM2SM3');
  });

  it('is SM2 over the ASCII signing input: sm-crypto verifies it, and govgraph verifies an sm-crypto-signed token', () => {
    const token = signJws(sm2Key, claims);
    const [h, p, s] = token.split('.');
    const pub = `04${Buffer.from(sm2Key.publicKey.jwk.x!, 'base64url').toString('hex')}${Buffer.from(sm2Key.publicKey.jwk.y!, 'base64url').toString('hex')}`;
    expect(smCrypto.doVerifySignature(Array.from(Buffer.from(`${h}.${p}`)), Buffer.from(s, 'base64url').toString('hex'), pub, { hash: true })).toBe(true);

    // An identity provider on sm-crypto, publishing its key as a JWK with alg "SM2".
    const idp = smCrypto.generateKeyPairHex();
    const idpJwk = { kty: 'EC', crv: 'SM2', alg: 'SM2', kid: 'idp-sm2-2025', x: Buffer.from(idp.publicKey.slice(2, 66), 'hex').toString('base64url'), y: Buffer.from(idp.publicKey.slice(66), 'hex').toString('base64url') };
    const input = `${b64({ alg: 'SM2', kid: 'idp-sm2-2025', typ: 'JWT' })}.${b64(claims)}`;
    const signature = Buffer.from(smCrypto.doSignature(Array.from(Buffer.from(input)), idp.privateKey, { hash: true, publicKey: idp.publicKey }), 'hex');
    const token2 = `${input}.${signature.toString('base64url')}`;
    const trusted = importVerifyingKey(idpJwk, 'idp jwks');
    expect(verifyJwt(token2, { keys: [trusted], algorithms: ['SM2SM3'], audience: 'govgraph' }).claims.sub).toBe('zhang.wei');
  });

  it('accepts other names of SM2 only when configured', () => {
    const input = (alg: string) => `${b64({ alg, kid: sm2Key.kid })}.${b64(claims)}`;
    const token = (alg: string) => `${input(alg)}.${sm2Key.signBytes(input(alg)).toString('base64url')}`;
    const options = { keys: [sm2Key.publicKey], algorithms: ['SM2SM3'] as SignatureAlgorithm[] };
    expect(verifyJws(token('SM2'), options).alg).toBe('SM2SM3');
    expect(() => verifyJws(token('GmSM2'), options)).toThrow(code('CRYPTO_ALG_NOT_ALLOWED'));
    expect(verifyJws(token('GmSM2'), { ...options, aliases: { GmSM2: 'SM2SM3', SM3withSM2: 'SM2SM3' } }).alg).toBe('SM2SM3');
    // An alias never reaches an algorithm that is not configured.
    expect(() => verifyJws(token('SM2'), { keys: [sm2Key.publicKey], algorithms: ['EdDSA'] })).toThrow(code('CRYPTO_ALG_NOT_ALLOWED'));
  });

  it('refuses a DER-encoded signature, a tampered payload and a wrong kid', () => {
    const token = signJws(sm2Key, claims);
    const [h, p, s] = token.split('.');
    const options = { keys: [sm2Key.publicKey], algorithms: ['SM2SM3'] as SignatureAlgorithm[] };
    const rs = Buffer.from(s, 'base64url');
    const der = Buffer.concat([Buffer.from([0x30, 0x44, 0x02, 0x20]), rs.subarray(0, 32), Buffer.from([0x02, 0x20]), rs.subarray(32)]);
    expect(() => verifyJws(`${h}.${p}.${der.toString('base64url')}`, options)).toThrow(code('CRYPTO_MALFORMED'));
    expect(() => verifyJws(`${h}.${b64({ ...claims, sub: 'li.na' })}.${s}`, options)).toThrow(code('CRYPTO_SIGNATURE_INVALID'));
    const otherKid = forge({ alg: 'SM2SM3', kid: 'someone-else' }, claims, rs);
    expect(() => verifyJws(otherKid, options)).toThrow(code('CRYPTO_NO_MATCHING_KEY'));
  });
});

describe('what every verifier refuses', () => {
  const keys: VerifyingKey[] = [sm2Key.publicKey, edKey.publicKey];
  const options = { keys, algorithms: ALL };

  it('alg none, HMAC, and algorithms not configured', () => {
    expect(() => verifyJws(`${b64({ alg: 'none' })}.${b64(claims)}.`, options)).toThrow(code('CRYPTO_ALG_NOT_ALLOWED'));
    const hs = crypto.createHmac('sha256', Buffer.from(JSON.stringify(edKey.publicKey.jwk))).update('x').digest();
    expect(() => verifyJws(forge({ alg: 'HS256', kid: edKey.kid }, claims, hs), options)).toThrow(code('CRYPTO_ALG_NOT_ALLOWED'));
    expect(() => verifyJws(signJws(edKey, claims), { keys, algorithms: ['SM2SM3'] })).toThrow(code('CRYPTO_ALG_NOT_ALLOWED'));
  });

  it('algorithm confusion: a key verifies only its own algorithm, whatever the header says', () => {
    // An Ed25519 signature presented as SM2 under the Ed25519 key's kid: no SM2 key has that kid.
    const ed = signJws(edKey, claims);
    const [, p, s] = ed.split('.');
    expect(() => verifyJws(`${b64({ alg: 'SM2SM3', kid: edKey.kid })}.${p}.${s}`, options)).toThrow(code('CRYPTO_NO_MATCHING_KEY'));
    // An SM2 signature presented as EdDSA under the SM2 key's kid: likewise.
    const sm = signJws(sm2Key, claims);
    const [, p2, s2] = sm.split('.');
    expect(() => verifyJws(`${b64({ alg: 'EdDSA', kid: sm2Key.kid })}.${p2}.${s2}`, options)).toThrow(code('CRYPTO_NO_MATCHING_KEY'));
    // Without a kid, the header's alg picks keys of that alg only, and the signature fails.
    expect(() => verifyJws(`${b64({ alg: 'EdDSA' })}.${p2}.${s2}`, options)).toThrow(code('CRYPTO_SIGNATURE_INVALID'));
  });

  it('malformed tokens: parts, base64url, JSON, crit, b64, length', () => {
    const token = signJws(edKey, claims);
    const [h, p, s] = token.split('.');
    for (const bad of [`${h}.${p}`, `${h}.${p}.${s}.x`, `${h}=.${p}.${s}`, `${h}.${p}.${s}A`, `${b64('not json')}.${p}.${s}`, `${b64([1])}.${p}.${s}`, 'x'.repeat(9000)]) {
      expect(() => verifyJws(bad, options)).toThrow(code('CRYPTO_MALFORMED'));
    }
    expect(() => verifyJws(forge({ alg: 'EdDSA', crit: ['exp'], exp: 1 }, claims, Buffer.alloc(64)), options)).toThrow(code('CRYPTO_MALFORMED'));
    expect(() => verifyJws(forge({ alg: 'EdDSA', b64: false, crit: ['b64'] }, claims, Buffer.alloc(64)), options)).toThrow(code('CRYPTO_MALFORMED'));
    expect(() => verifyJwt(signJws(edKey, 'not an object'), options)).toThrow(code('CRYPTO_MALFORMED'));
  });

  it('typ, when required', () => {
    const token = signJws(edKey, claims, { typ: 'govgraph-credential+jwt' });
    expect(verifyJws(token, { ...options, typ: 'govgraph-credential+jwt' }).header.typ).toBe('govgraph-credential+jwt');
    expect(() => verifyJws(token, { ...options, typ: 'JWT' })).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'typ' }));
    expect(() => verifyJws(signJws(edKey, claims), { ...options, typ: 'JWT' })).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'typ', reason: 'missing' }));
  });
});

describe('JWT claims', () => {
  const options = { keys: [sm2Key.publicKey], algorithms: ['SM2SM3'] as SignatureAlgorithm[], now };
  const token = (extra: Record<string, unknown>) => signJws(sm2Key, { ...claims, ...extra });

  it('exp, nbf, iat and the maximum age, with the clock tolerance', () => {
    expect(() => verifyJwt(token({ exp: now - 6 }), options)).toThrow(code('CRYPTO_EXPIRED', { claim: 'exp' }));
    expect(verifyJwt(token({ exp: now - 4 }), options).claims.sub).toBe('zhang.wei');
    expect(() => verifyJwt(token({ exp: undefined }), options)).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'exp', reason: 'missing' }));
    expect(() => verifyJwt(token({ exp: '2099-01-01' }), options)).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'exp' }));
    expect(() => verifyJwt(token({ nbf: now + 60 }), options)).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'nbf' }));
    expect(() => verifyJwt(token({ iat: now - 100 }), { ...options, maxTokenAgeSeconds: 30 })).toThrow(code('CRYPTO_EXPIRED', { claim: 'iat' }));
    expect(() => verifyJwt(token({ iat: now + 600 }), options)).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'iat' }));
  });

  it('iss and aud', () => {
    expect(verifyJwt(token({}), { ...options, issuer: ['other', claims.iss], audience: 'govgraph' }).claims.iss).toBe(claims.iss);
    expect(() => verifyJwt(token({}), { ...options, issuer: 'other' })).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'iss' }));
    expect(() => verifyJwt(token({ aud: ['population'] }), { ...options, audience: 'govgraph' })).toThrow(code('CRYPTO_CLAIM_INVALID', { claim: 'aud' }));
    expect(verifyJwt(token({ aud: ['population', 'govgraph'] }), { ...options, audience: 'govgraph' }).claims.sub).toBe('zhang.wei');
  });
});

describe('international tokens, against jose', () => {
  it('verifies EdDSA, ES256 and RS256 tokens jose signs', async () => {
    for (const [alg, opts] of [['EdDSA', { crv: 'Ed25519' }], ['ES256', {}], ['RS256', { modulusLength: 2048 }]] as const) {
      const pair = await generateKeyPair(alg, { ...opts, extractable: true });
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: `k-${alg}`, alg };
      const token = await new SignJWT(claims).setProtectedHeader({ alg, kid: `k-${alg}`, typ: 'JWT' }).sign(pair.privateKey);
      const key = importVerifyingKey(jwk, alg);
      expect(verifyJwt(token, { keys: [key], algorithms: ALL, audience: 'govgraph' }).alg).toBe(alg);
      const [h, p, s] = token.split('.');
      const flipped = Buffer.from(s, 'base64url');
      flipped[5] ^= 1;
      expect(() => verifyJwt(`${h}.${p}.${flipped.toString('base64url')}`, { keys: [key], algorithms: ALL })).toThrow(code('CRYPTO_SIGNATURE_INVALID'));
    }
  });

  it('signs EdDSA tokens jose verifies', async () => {
    const token = signJws(edKey, claims, { typ: 'JWT' });
    const { payload, protectedHeader } = await compactVerify(token, await importJWK(edKey.publicKey.jwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: edKey.kid, typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload).toString())).toEqual(claims);
    // And the other way for a bare JWS.
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jws = await new CompactSign(Buffer.from('checkpoint')).setProtectedHeader({ alg: 'EdDSA' }).sign(pair.privateKey);
    expect(verifyJws(jws, { keys: [importVerifyingKey(await exportJWK(pair.publicKey), 'jose key')], algorithms: ['EdDSA'] }).payload.toString()).toBe('checkpoint');
  });
});
