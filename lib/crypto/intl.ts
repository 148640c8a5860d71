/**
 * The international suite — the algorithms govgraph has always used: SHA-256, HMAC-SHA-256,
 * Ed25519 (and, for identity providers' tokens, ES256 and RS256 verification), AES-256-GCM.
 * Everything runs in Node's OpenSSL.
 */
import crypto from 'node:crypto';
import { CryptoError } from './cryptoError';
import { SuiteImpl, type CryptoSuite } from './suite';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const intlSuite: CryptoSuite = new SuiteImpl({
  name: 'intl',
  algorithms: { hash: 'SHA-256', mac: 'HS256', signature: 'EdDSA', seal: 'A256GCM' },
  verifies: ['EdDSA', 'ES256', 'RS256'],
  nodeHash: 'sha256',
  // iv (12) ‖ ciphertext ‖ tag (16). Random 96-bit IVs under one key are safe far beyond any
  // volume here (NIST SP 800-38D §8.3: 2³² invocations).
  sealBytes(key, plaintext, aad) {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  },
  openBytes(key, sealed, aad) {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new CryptoError('CRYPTO_MALFORMED', 'the sealed value is too short');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new CryptoError('CRYPTO_TAG_INVALID', 'the sealed value was altered, or sealed under another key or for other data');
    }
  },
});
