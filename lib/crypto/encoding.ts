/** Byte helpers shared by lib/crypto: strict base64url, fixed-width big-endian integers. */
import { CryptoError } from './cryptoError';

export type Bytes = Uint8Array | string;

/** UTF-8 for strings, the bytes themselves otherwise (as a Buffer view, no copy). */
export function toBuffer(data: Bytes): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function b64url(data: Uint8Array): string {
  return toBuffer(data).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes base64url strictly: no padding, no other alphabet, and only the one canonical
 * spelling of each byte string (Node's decoder ignores stray bits of the last character, so a
 * value could otherwise be written several ways — a malleability a verifier must not have).
 */
export function fromB64url(text: string, what: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new CryptoError('CRYPTO_MALFORMED', `${what} is not base64url`);
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new CryptoError('CRYPTO_MALFORMED', `${what} is not canonical base64url`);
  return bytes;
}

export function bigintFromBytes(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toBuffer(bytes).toString('hex')}`);
}

/** `value` as exactly `length` big-endian bytes. @throws RangeError if it does not fit. */
export function bigintToBytes(value: bigint, length: number): Buffer {
  const hex = value.toString(16);
  if (value < 0n || hex.length > length * 2) throw new RangeError(`integer does not fit in ${length} bytes`);
  return Buffer.from(hex.padStart(length * 2, '0'), 'hex');
}

/** A 64-bit big-endian length prefix, so concatenated fields cannot be re-split differently. */
export function lengthPrefix(length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(length));
  return out;
}
