/**
 * SM3, HMAC-SM3 and SM4 as the SM suite uses them, against the standards' own vectors
 * (GB/T 32905-2016 Appendix A, GM/T 0042-2015 Appendix D.3, GB/T 32907-2016 Appendix A) and
 * against sm-crypto, an independent implementation.
 */
import crypto from 'node:crypto';
import { sm3 as smCryptoSm3, sm4 as smCryptoSm4 } from 'sm-crypto';
import { sm3 } from './sm2';
import { smSuite } from './sm';
import { sm4Open, sm4Seal, SM4_SEAL_ALG } from './sm4';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('SM3 (GB/T 32905-2016 Appendix A)', () => {
  it('hashes "abc" (example 1)', () => {
    const expected = '66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0'.replace(/ /g, '');
    expect(sm3('abc').toString('hex')).toBe(expected);
    expect(smSuite.hash('abc').toString('hex')).toBe(expected);
    expect(smSuite.hash('a', 'b', 'c').toString('hex')).toBe(expected);
    expect(smSuite.digest('abc')).toBe(`SM3:${hex(expected).toString('base64url')}`);
  });

  it('hashes the 64-byte message "abcd" × 16 (example 2)', () => {
    const expected = 'debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732'.replace(/ /g, '');
    expect(smSuite.hash('abcd'.repeat(16)).toString('hex')).toBe(expected);
  });

  it('agrees with sm-crypto on random messages of every length up to three blocks', () => {
    for (let length = 0; length <= 192; length += 7) {
      const message = crypto.randomBytes(length);
      expect(smSuite.hash(message).toString('hex')).toBe(smCryptoSm3(Array.from(message)));
    }
  });
});

describe('HMAC-SM3', () => {
  it('matches GM/T 0042-2015 Appendix D.3 (the HMAC the SM suite calls)', () => {
    const key = Buffer.from(Array.from({ length: 37 }, (_, i) => i + 1));
    const expected = '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae';
    expect(crypto.createHmac('sm3', key).update(Buffer.alloc(50, 0xcd)).digest('hex')).toBe(expected);
    expect(smCryptoSm3(Array.from(Buffer.alloc(50, 0xcd)), { key: key.toString('hex'), mode: 'hmac' })).toBe(expected);
  });

  it("is the suite's MAC, and agrees with sm-crypto's HMAC-SM3", () => {
    for (let i = 0; i < 10; i++) {
      const key = crypto.randomBytes(32);
      const message = crypto.randomBytes(i * 31);
      const independent = smCryptoSm3(Array.from(message), { key: key.toString('hex'), mode: 'hmac' });
      expect(smSuite.mac(key, message).toString('hex')).toBe(independent);
      expect(smSuite.tag(key, message)).toBe(`HSM3:${hex(independent).toString('base64url')}`);
    }
  });
});

describe('SM4 (GB/T 32907-2016 Appendix A)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');
  const ecb = () => {
    const cipher = crypto.createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    return cipher;
  };

  it('encrypts the example block (A.1)', () => {
    expect(ecb().update(key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('encrypts it 1,000,000 times (A.2)', () => {
    const cipher = ecb();
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('SM4-CTR + HMAC-SM3 sealing (encrypt-then-MAC, GB/T 36624)', () => {
  const master = crypto.randomBytes(32);

  it('round-trips, bound to its additional data', () => {
    for (const length of [0, 1, 15, 16, 17, 100]) {
      const plaintext = crypto.randomBytes(length);
      const sealed = sm4Seal(master, plaintext, 'display');
      expect(sealed.length).toBe(16 + length + 32);
      expect(sm4Open(master, sealed, 'display').equals(plaintext)).toBe(true);
    }
  });

  it('is SM4 in counter mode under the HKDF-SM3-derived key (checked with sm-crypto\'s SM4)', () => {
    const plaintext = crypto.randomBytes(16);
    const sealed = sm4Seal(master, plaintext);
    const cipherKey = Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), 'govgraph seal SM4-CTR key', 16));
    const iv = sealed.subarray(0, 16);
    const keystream = Buffer.from(smCryptoSm4.encrypt(Array.from(iv), cipherKey.toString('hex'), { mode: 'ecb', padding: 'none', output: 'array' }) as number[]);
    const ciphertext = sealed.subarray(16, 32);
    expect(Buffer.from(ciphertext.map((b, i) => b ^ keystream[i])).equals(plaintext)).toBe(true);
    // …and the tag is HMAC-SM3 under the other derived key, over the algorithm id, aad, iv, ciphertext.
    const macKey = Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), 'govgraph seal HMAC-SM3 key', 32));
    const lengthOfAad = Buffer.alloc(8);
    const expectedTag = smCryptoSm3(Array.from(Buffer.concat([Buffer.from(SM4_SEAL_ALG), lengthOfAad, iv, ciphertext])), { key: macKey.toString('hex'), mode: 'hmac' });
    expect(sealed.subarray(32).toString('hex')).toBe(expectedTag);
  });

  it('refuses any altered byte, other additional data, another key, or a truncated value', () => {
    const sealed = sm4Seal(master, 'secret 320115195807030305', 'shown');
    for (const i of [0, 15, 16, 20, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i] ^= 1;
      expect(() => sm4Open(master, bad, 'shown')).toThrow(expect.objectContaining({ code: 'CRYPTO_TAG_INVALID' }));
    }
    expect(() => sm4Open(master, sealed, 'Shown')).toThrow(expect.objectContaining({ code: 'CRYPTO_TAG_INVALID' }));
    expect(() => sm4Open(crypto.randomBytes(32), sealed, 'shown')).toThrow(expect.objectContaining({ code: 'CRYPTO_TAG_INVALID' }));
    expect(() => sm4Open(master, sealed.subarray(0, 47), 'shown')).toThrow(expect.objectContaining({ code: 'CRYPTO_MALFORMED' }));
  });
});
