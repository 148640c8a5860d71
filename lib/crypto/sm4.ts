/**
 * SM4 (GB/T 32907-2016) in an authenticated mode: SM4-CTR, then HMAC-SM3 over everything that
 * must not change — the encrypt-then-MAC mechanism of GB/T 36624-2018 (ISO/IEC 19772).
 *
 * Why not SM4-GCM: Node 20 ships OpenSSL 3.0, whose ciphers stop at sm4-ecb/cbc/cfb/ofb/ctr
 * (`crypto.getCiphers()`; GCM for SM4 arrived in OpenSSL 3.2). A JavaScript SM4-GCM exists
 * (sm-crypto-v2) but is half the speed of these two native primitives, and sealing runs once
 * per row of a list.
 *
 * One 32-byte secret (GOVGRAPH_SEAL_KEY) gives two keys through HKDF-SM3 (RFC 5869 over
 * HMAC-SM3) with distinct labels, so the cipher key and the MAC key are never the same bytes.
 */
import crypto from 'node:crypto';
import { CryptoError } from './cryptoError';
import { lengthPrefix, toBuffer, type Bytes } from './encoding';

/** The algorithm id that names this mechanism in every sealed value. */
export const SM4_SEAL_ALG = 'SM4CTR-HSM3';

const IV_BYTES = 16;
const TAG_BYTES = 32;

interface SealKeys {
  cipher: Buffer;
  mac: Buffer;
}

// Derived once per key object: HKDF costs more than the sealing of one short value.
const derived = new WeakMap<Buffer, SealKeys>();

function sealKeys(master: Buffer): SealKeys {
  let keys = derived.get(master);
  if (!keys) {
    if (master.length !== 32) throw new CryptoError('CRYPTO_KEY_INVALID', 'the sealing key must be 32 bytes');
    keys = {
      cipher: Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), 'govgraph seal SM4-CTR key', 16)),
      mac: Buffer.from(crypto.hkdfSync('sm3', master, Buffer.alloc(0), 'govgraph seal HMAC-SM3 key', 32)),
    };
    derived.set(master, keys);
  }
  return keys;
}

function tag(keys: SealKeys, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  // The algorithm id and the length of the additional data are MACed too: no value can be
  // re-read under another mechanism, and the boundary between aad and the rest is fixed.
  return crypto.createHmac('sm3', keys.mac).update(SM4_SEAL_ALG).update(lengthPrefix(aad.length)).update(aad).update(iv).update(ciphertext).digest();
}

/** iv (16) ‖ SM4-CTR(plaintext) ‖ HMAC-SM3 tag (32). */
export function sm4Seal(master: Buffer, plaintext: Bytes, aad: Bytes = Buffer.alloc(0)): Buffer {
  const keys = sealKeys(master);
  // A random 128-bit initial counter block: two seals share a keystream block only with
  // probability ~ (blocks sealed)² / 2¹²⁸.
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('sm4-ctr', keys.cipher, iv);
  const ciphertext = Buffer.concat([cipher.update(toBuffer(plaintext)), cipher.final()]);
  return Buffer.concat([iv, ciphertext, tag(keys, toBuffer(aad), iv, ciphertext)]);
}

/** The plaintext of {@link sm4Seal}'s output. @throws CryptoError CRYPTO_TAG_INVALID on any alteration. */
export function sm4Open(master: Buffer, sealed: Uint8Array, aad: Bytes = Buffer.alloc(0)): Buffer {
  const keys = sealKeys(master);
  const raw = toBuffer(sealed);
  if (raw.length < IV_BYTES + TAG_BYTES) throw new CryptoError('CRYPTO_MALFORMED', 'the sealed value is too short');
  const iv = raw.subarray(0, IV_BYTES);
  const ciphertext = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const expected = tag(keys, toBuffer(aad), iv, ciphertext);
  // Verified before anything is decrypted, in constant time.
  if (!crypto.timingSafeEqual(expected, raw.subarray(raw.length - TAG_BYTES))) {
    throw new CryptoError('CRYPTO_TAG_INVALID', 'the sealed value was altered, or sealed under another key or for other data');
  }
  const decipher = crypto.createDecipheriv('sm4-ctr', keys.cipher, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
