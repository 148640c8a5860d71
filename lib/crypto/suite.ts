/**
 * The cryptographic suite: everything govgraph signs, hashes, MACs and seals goes through one
 * {@link CryptoSuite}, chosen by one setting (GOVGRAPH_CRYPTO, lib/config.ts):
 *
 * | operation | `intl` (default)             | `sm` (GB/T 39786 national algorithms)     |
 * | --------- | ---------------------------- | ----------------------------------------- |
 * | hash      | SHA-256                      | SM3 (GB/T 32905)                          |
 * | MAC       | HMAC-SHA-256 (`HS256`)       | HMAC-SM3 (`HSM3`, GB/T 15852.2)           |
 * | signature | Ed25519 (`EdDSA`)            | SM2 with SM3 and the Z value (`SM2SM3`, GB/T 32918.2) |
 * | sealing   | AES-256-GCM (`A256GCM`)      | SM4-CTR + HMAC-SM3 (`SM4CTR-HSM3`, GB/T 32907, 36624) |
 *
 * Every self-describing output names its algorithm — a signature `SM2SM3:<kid>:<sig>`, a tag
 * `HSM3:<mac>`, a digest `SM3:<hash>`, a sealed value `SM4CTR-HSM3:<…>` — and every key knows
 * its suite, so a suite refuses (CRYPTO_SUITE_MISMATCH) a key or value of the other one
 * instead of checking it with whatever algorithm it names. The raw forms (`hash`, `mac`,
 * `sign().value`) are for formats that record the suite themselves (a JWS header, an access-log
 * chain's suite column).
 *
 * Secret keys (the sealing key, the access-log key) are 32 random bytes in either suite.
 */
import crypto from 'node:crypto';
import { CryptoError } from './cryptoError';
import { b64url, fromB64url, toBuffer, type Bytes } from './encoding';
import { generateSigningKey, importSigningKey, importVerifyingKey, type SignatureAlgorithm, type Signer, type SigningKey, type SuiteName, type VerifyingKey } from './keys';

/** The algorithm ids a suite writes into what it outputs. */
export interface SuiteAlgorithms {
  hash: 'SHA-256' | 'SM3';
  mac: 'HS256' | 'HSM3';
  /** The one algorithm the suite signs with. */
  signature: 'EdDSA' | 'SM2SM3';
  seal: 'A256GCM' | 'SM4CTR-HSM3';
}

/** A signature with the algorithm and key that made it. */
export interface Signature {
  alg: SignatureAlgorithm;
  kid: string;
  value: Buffer;
}

export interface CryptoSuite {
  readonly name: SuiteName;
  readonly algorithms: SuiteAlgorithms;
  /** The algorithms whose signatures {@link verify} checks (intl also verifies ES256 and RS256, which identity providers issue). */
  readonly verifies: readonly SignatureAlgorithm[];

  /** The digest of the concatenated `parts`. */
  hash(...parts: Bytes[]): Buffer;
  /** `<hash alg>:<base64url digest>`. */
  digest(...parts: Bytes[]): string;

  /** HMAC of the concatenated `parts` under a 32-byte key. */
  mac(key: Buffer, ...parts: Bytes[]): Buffer;
  /** `<mac alg>:<base64url mac>`. */
  tag(key: Buffer, ...parts: Bytes[]): string;
  /** Whether `tag` is this suite's tag over `parts` (constant-time). @throws CryptoError CRYPTO_SUITE_MISMATCH for the other suite's tag. */
  verifyTag(key: Buffer, tag: string, ...parts: Bytes[]): boolean;

  /** Signs `data` with a key of this suite (in process, or a module's: {@link Signer}). @throws CryptoError CRYPTO_SUITE_MISMATCH for another suite's key. */
  sign(key: Signer, data: Bytes): Signature;
  /**
   * Whether `signature` verifies over `data` with the trusted key it names (by `kid`).
   * @throws CryptoError CRYPTO_SUITE_MISMATCH if the signature, or a trusted key, is of another suite.
   */
  verify(trusted: readonly VerifyingKey[], data: Bytes, signature: Signature | string): boolean;

  /** `<seal alg>:<base64url>` of `plaintext`, bound to `aad` (authenticated, not encrypted). */
  seal(key: Buffer, plaintext: Bytes, aad?: Bytes): string;
  /**
   * The plaintext of {@link seal}'s output.
   * @throws CryptoError CRYPTO_SUITE_MISMATCH (another suite's seal), CRYPTO_MALFORMED, CRYPTO_TAG_INVALID (altered, other key, other aad).
   */
  open(key: Buffer, sealed: string, aad?: Bytes): Buffer;

  generateSigningKey(): SigningKey;
  /** 32 random bytes, for the sealing key or the access-log key. */
  generateSecretKey(): Buffer;
  /** A private key (JWK or PEM) of this suite. @throws CryptoError CRYPTO_SUITE_MISMATCH for the other suite's key. */
  importSigningKey(source: object | string, origin: string): SigningKey;
  /** A public key (JWK or PEM) this suite verifies. @throws CryptoError CRYPTO_SUITE_MISMATCH for the other suite's key. */
  importVerifyingKey(source: object | string, origin: string): VerifyingKey;
}

/** `<alg>:<kid>:<base64url>`. */
export function encodeSignature(signature: Signature): string {
  return `${signature.alg}:${signature.kid}:${b64url(signature.value)}`;
}

/** The parts of {@link encodeSignature}'s output. @throws CryptoError CRYPTO_MALFORMED */
export function decodeSignature(text: string): { alg: string; kid: string; value: Buffer } {
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first <= 0 || last === first) throw new CryptoError('CRYPTO_MALFORMED', 'a signature is <alg>:<kid>:<base64url>');
  return { alg: text.slice(0, first), kid: text.slice(first + 1, last), value: fromB64url(text.slice(last + 1), 'the signature') };
}

/** What distinguishes one suite from the other; {@link SuiteImpl} does the rest the same way. */
export interface SuiteProfile {
  name: SuiteName;
  algorithms: SuiteAlgorithms;
  verifies: readonly SignatureAlgorithm[];
  /** Node's digest name. */
  nodeHash: 'sha256' | 'sm3';
  sealBytes(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer;
  /** @throws CryptoError CRYPTO_TAG_INVALID / CRYPTO_MALFORMED */
  openBytes(key: Buffer, sealed: Buffer, aad: Buffer): Buffer;
}

/** The ids of every algorithm of both suites, to tell "the other suite's" from "garbage". */
const KNOWN_IDS = new Map<string, SuiteName>([
  ['SHA-256', 'intl'],
  ['HS256', 'intl'],
  ['A256GCM', 'intl'],
  ['EdDSA', 'intl'],
  ['ES256', 'intl'],
  ['RS256', 'intl'],
  ['SM3', 'sm'],
  ['HSM3', 'sm'],
  ['SM4CTR-HSM3', 'sm'],
  ['SM2SM3', 'sm'],
]);

export class SuiteImpl implements CryptoSuite {
  readonly name: SuiteName;
  readonly algorithms: SuiteAlgorithms;
  readonly verifies: readonly SignatureAlgorithm[];

  constructor(private readonly profile: SuiteProfile) {
    this.name = profile.name;
    this.algorithms = profile.algorithms;
    this.verifies = profile.verifies;
  }

  hash(...parts: Bytes[]): Buffer {
    const h = crypto.createHash(this.profile.nodeHash);
    for (const part of parts) h.update(toBuffer(part));
    return h.digest();
  }

  digest(...parts: Bytes[]): string {
    return `${this.algorithms.hash}:${b64url(this.hash(...parts))}`;
  }

  mac(key: Buffer, ...parts: Bytes[]): Buffer {
    checkSecretKey(key);
    const h = crypto.createHmac(this.profile.nodeHash, key);
    for (const part of parts) h.update(toBuffer(part));
    return h.digest();
  }

  tag(key: Buffer, ...parts: Bytes[]): string {
    return `${this.algorithms.mac}:${b64url(this.mac(key, ...parts))}`;
  }

  verifyTag(key: Buffer, tag: string, ...parts: Bytes[]): boolean {
    const value = this.unlabel(tag, this.algorithms.mac, 'tag');
    const expected = this.mac(key, ...parts);
    return value.length === expected.length && crypto.timingSafeEqual(value, expected);
  }

  sign(key: Signer, data: Bytes): Signature {
    if (key.suite !== this.name) throw mismatch(`a ${key.alg} key cannot sign for the ${this.name} suite`);
    return { alg: key.alg, kid: key.kid, value: key.signBytes(data) };
  }

  verify(trusted: readonly VerifyingKey[], data: Bytes, signature: Signature | string): boolean {
    const sig = typeof signature === 'string' ? decodeSignature(signature) : signature;
    if (!(this.verifies as string[]).includes(sig.alg)) {
      if (KNOWN_IDS.has(sig.alg)) throw mismatch(`a ${sig.alg} signature is not one the ${this.name} suite verifies`);
      throw new CryptoError('CRYPTO_MALFORMED', 'the signature names an unknown algorithm');
    }
    for (const key of trusted) {
      if (!this.verifies.includes(key.alg)) throw mismatch(`a ${key.alg} key is configured where the ${this.name} suite verifies`);
    }
    return trusted.some((key) => key.alg === sig.alg && key.kid === sig.kid && key.verifySignature(data, sig.value));
  }

  seal(key: Buffer, plaintext: Bytes, aad: Bytes = Buffer.alloc(0)): string {
    checkSecretKey(key);
    return `${this.algorithms.seal}:${b64url(this.profile.sealBytes(key, toBuffer(plaintext), toBuffer(aad)))}`;
  }

  open(key: Buffer, sealed: string, aad: Bytes = Buffer.alloc(0)): Buffer {
    checkSecretKey(key);
    return this.profile.openBytes(key, this.unlabel(sealed, this.algorithms.seal, 'sealed value'), toBuffer(aad));
  }

  generateSigningKey(): SigningKey {
    return generateSigningKey(this.name);
  }

  generateSecretKey(): Buffer {
    return crypto.randomBytes(32);
  }

  importSigningKey(source: object | string, origin: string): SigningKey {
    const key = importSigningKey(source, origin);
    if (key.suite !== this.name) throw mismatch(`${origin} is a ${key.alg} key; GOVGRAPH_CRYPTO=${this.name} signs with ${this.algorithms.signature}`);
    return key;
  }

  importVerifyingKey(source: object | string, origin: string): VerifyingKey {
    const key = importVerifyingKey(source, origin);
    if (!this.verifies.includes(key.alg)) throw mismatch(`${origin} is a ${key.alg} key; the ${this.name} suite verifies ${this.verifies.join(', ')}`);
    return key;
  }

  /** The bytes after `<expected>:`, or the reason there are none. */
  private unlabel(text: string, expected: string, what: string): Buffer {
    const colon = typeof text === 'string' ? text.indexOf(':') : -1;
    if (colon <= 0) throw new CryptoError('CRYPTO_MALFORMED', `a ${what} is <alg>:<base64url>`);
    const alg = text.slice(0, colon);
    if (alg !== expected) {
      if (KNOWN_IDS.has(alg)) throw mismatch(`a ${alg} ${what} is not one the ${this.name} suite accepts (${expected})`);
      throw new CryptoError('CRYPTO_MALFORMED', `the ${what} names an unknown algorithm`);
    }
    return fromB64url(text.slice(colon + 1), `the ${what}`);
  }
}

function mismatch(message: string): CryptoError {
  return new CryptoError('CRYPTO_SUITE_MISMATCH', message);
}

function checkSecretKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new CryptoError('CRYPTO_KEY_INVALID', 'a secret key (sealing, access log) is 32 bytes');
}
