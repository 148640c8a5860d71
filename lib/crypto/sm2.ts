/**
 * SM2 digital signatures as GB/T 32918.2-2016 defines them (§6 signing, §7 verifying), on the
 * recommended curve of GB/T 32918.5-2017, with the signer's Z value (GB/T 32918.2 §5.5):
 *
 *     Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA),  e = SM3(Z ‖ M)
 *
 * where ID is the signer's distinguishing identifier, `1234567812345678` unless agreed
 * otherwise (GM/T 0009-2012 §10). Without Z the result is merely ECDSA-like arithmetic over
 * the SM2 curve, which no SM2 verifier accepts.
 *
 * Why not Node: Node 20's OpenSSL knows the curve and SM3, but `crypto.sign('sm3', m, key)`
 * with a key on the SM2 curve computes *ECDSA* (it neither adds Z nor uses SM2's signing
 * equation; lib/crypto/sm2.test.ts shows it failing the standard's example), and Node exposes no
 * way to set OpenSSL's SM2 distinguishing ID. Why not a package: `sm-crypto` (jsbn) takes
 * tens of milliseconds per operation and `sm-crypto-v2` re-derives tables for every
 * verification; both take hex strings. So the two equations are written out here, over
 * @noble/curves' audited short-Weierstrass arithmetic (1.x: 2.x is ESM-only and this repository
 * runs as CommonJS), with SM3 from Node's OpenSSL — and proven against the standard's example
 * and against two independent implementations (sm-crypto and the `openssl` command) in
 * sm2.test.ts.
 */
import crypto from 'node:crypto';
import { weierstrassN, type WeierstrassOpts, type WeierstrassPoint } from '@noble/curves/abstract/weierstrass';
import { invert, mod } from '@noble/curves/abstract/modular';
import { CryptoError } from './cryptoError';
import { bigintFromBytes, bigintToBytes, toBuffer, type Bytes } from './encoding';

/** GB/T 32918.5-2017 recommended curve parameters (the `SM2` curve of OpenSSL, OID 1.2.156.10197.1.301). */
export const SM2_CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** The default distinguishing identifier (GM/T 0009-2012 §10; GB/T 35276-2017 §10). */
export const SM2_DEFAULT_ID = '1234567812345678';

const Point = weierstrassN(SM2_CURVE);
const N = SM2_CURVE.n;

/** The constant part of Z (a ‖ b ‖ xG ‖ yG). */
const CURVE_BYTES = Buffer.concat([SM2_CURVE.a, SM2_CURVE.b, SM2_CURVE.Gx, SM2_CURVE.Gy].map((v) => bigintToBytes(v, 32)));

if (!crypto.getHashes().includes('sm3')) {
  // A FIPS-only OpenSSL build, for instance: say so at load, not as a wrong answer later.
  throw new Error('this Node.js build has no SM3 (crypto.getHashes() lacks "sm3"); the SM suite needs an OpenSSL with SM3');
}

/** SM3 of the concatenation of `parts` (GB/T 32905-2016), from Node's OpenSSL. */
export function sm3(...parts: Bytes[]): Buffer {
  const h = crypto.createHash('sm3');
  for (const part of parts) h.update(toBuffer(part));
  return h.digest();
}

/** An SM2 public key: a validated point, with the table that makes verifying with it fast. */
export class Sm2PublicKey {
  private constructor(
    /** @internal */ readonly point: WeierstrassPoint<bigint>,
    /** 04 ‖ x ‖ y, 65 bytes (GB/T 32918.1 §4.2.8 uncompressed form). */
    readonly bytes: Buffer,
  ) {}

  /**
   * From the uncompressed point 04 ‖ x ‖ y (65 bytes) — or x ‖ y (64), as many SM2 tools print it.
   * @throws CryptoError CRYPTO_KEY_INVALID if the point is malformed, not on the curve, or infinity.
   */
  static fromBytes(raw: Uint8Array): Sm2PublicKey {
    let bytes = toBuffer(raw);
    if (bytes.length === 64) bytes = Buffer.concat([Buffer.from([4]), bytes]);
    if (bytes.length !== 65 || bytes[0] !== 4) throw new CryptoError('CRYPTO_KEY_INVALID', 'an SM2 public key must be the uncompressed point 04 ‖ x ‖ y (65 bytes)');
    let point: WeierstrassPoint<bigint>;
    try {
      point = Point.fromBytes(bytes);
      point.assertValidity();
    } catch {
      throw new CryptoError('CRYPTO_KEY_INVALID', 'the SM2 public key is not a point of the SM2 curve');
    }
    if (point.is0()) throw new CryptoError('CRYPTO_KEY_INVALID', 'the SM2 public key is the point at infinity');
    // A key verifies many signatures: a window table turns t·P into table look-ups.
    point.precompute(8, false);
    return new Sm2PublicKey(point, Buffer.from(bytes));
  }

  get x(): Buffer {
    return this.bytes.subarray(1, 33);
  }

  get y(): Buffer {
    return this.bytes.subarray(33, 65);
  }
}

/** An SM2 private key d ∈ [1, n − 2] and its public key dG. */
export class Sm2PrivateKey {
  /** (1 + d)⁻¹ mod n, the same for every signature: computed once. */
  private readonly inverse: bigint;

  private constructor(
    private readonly d: bigint,
    readonly publicKey: Sm2PublicKey,
  ) {
    this.inverse = invert(d + 1n, N);
  }

  /** A fresh key from Node's CSPRNG (GB/T 32918.1 §6.1). */
  static generate(): Sm2PrivateKey {
    return Sm2PrivateKey.fromScalar(randomScalar(N - 2n));
  }

  /**
   * From the 32-byte big-endian d. The public key is derived, never read from a file.
   * @throws CryptoError CRYPTO_KEY_INVALID if d is outside [1, n − 2] (GB/T 32918.1 §6.1).
   */
  static fromBytes(raw: Uint8Array): Sm2PrivateKey {
    if (raw.length !== 32) throw new CryptoError('CRYPTO_KEY_INVALID', 'an SM2 private key is 32 bytes');
    return Sm2PrivateKey.fromScalar(bigintFromBytes(raw));
  }

  private static fromScalar(d: bigint): Sm2PrivateKey {
    if (d < 1n || d > N - 2n) throw new CryptoError('CRYPTO_KEY_INVALID', 'the SM2 private key is outside [1, n − 2]');
    return new Sm2PrivateKey(d, Sm2PublicKey.fromBytes(Point.BASE.multiply(d).toBytes(false)));
  }

  /** d as 32 bytes, for export. Handle with care. */
  exportBytes(): Buffer {
    return bigintToBytes(this.d, 32);
  }

  /**
   * Signs `message` (GB/T 32918.2 §6.1): r ‖ s, 32 bytes each.
   * @param id the signer's distinguishing identifier. @default {@link SM2_DEFAULT_ID}
   */
  sign(message: Bytes, id: string = SM2_DEFAULT_ID): Buffer {
    const e = bigintFromBytes(sm2Digest(this.publicKey, message, id));
    for (;;) {
      const signature = this.signDigestWithNonce(e, randomScalar(N - 1n));
      if (signature) return signature;
    }
  }

  /**
   * Steps A3–A6 of §6.1 with a given k. Exposed only so the test can reproduce the standard's
   * example (which publishes its k); everything else calls {@link sign}, which draws k itself.
   * @internal
   */
  signDigestWithNonce(e: bigint, k: bigint): Buffer | undefined {
    const x1 = Point.BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) return undefined;
    const s = mod(this.inverse * (k - r * this.d), N);
    if (s === 0n) return undefined;
    return Buffer.concat([bigintToBytes(r, 32), bigintToBytes(s, 32)]);
  }
}

/** Z of GB/T 32918.2 §5.5 for `publicKey` and `id`. */
export function sm2Z(publicKey: Sm2PublicKey, id: string = SM2_DEFAULT_ID): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  // ENTL is the identifier's length in bits as two bytes.
  if (idBytes.length > 0x1fff) throw new CryptoError('CRYPTO_KEY_INVALID', 'the SM2 distinguishing identifier is longer than 8191 bytes');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  return sm3(entl, idBytes, CURVE_BYTES, publicKey.x, publicKey.y);
}

/** e = SM3(Z ‖ M), the value SM2 signs (GB/T 32918.2 §6.1 A1–A2). */
export function sm2Digest(publicKey: Sm2PublicKey, message: Bytes, id: string = SM2_DEFAULT_ID): Buffer {
  return sm3(sm2Z(publicKey, id), message);
}

/**
 * Verifies r ‖ s (64 bytes) over `message` (GB/T 32918.2 §7.1). False for any failure,
 * including a signature of the wrong length or r, s outside [1, n − 1] (B1, B2).
 */
export function sm2Verify(publicKey: Sm2PublicKey, message: Bytes, signature: Uint8Array, id: string = SM2_DEFAULT_ID): boolean {
  if (signature.length !== 64) return false;
  const r = bigintFromBytes(signature.subarray(0, 32));
  const s = bigintFromBytes(signature.subarray(32));
  if (r < 1n || r > N - 1n || s < 1n || s > N - 1n) return false;
  const e = bigintFromBytes(sm2Digest(publicKey, message, id));
  const t = mod(r + s, N);
  if (t === 0n) return false;
  // Public values only: the variable-time multiplications are safe here, and use the tables.
  const sum = Point.BASE.multiplyUnsafe(s).add(publicKey.point.multiplyUnsafe(t));
  if (sum.is0()) return false;
  return mod(e + sum.toAffine().x, N) === r;
}

/**
 * A uniform-enough integer in [1, max]: 384 random bits reduced mod max (the bias is below
 * 2⁻¹²⁸; FIPS 186-5 A.2.1 draws k the same way).
 */
function randomScalar(max: bigint): bigint {
  return mod(bigintFromBytes(crypto.randomBytes(48)), max) + 1n;
}

// PKCS #8 / SPKI / SEC1 for PEM files: OpenSSL, GmSSL and HSM tools exchange SM2 keys as EC
// keys (id-ecPublicKey) on the SM2 curve. Node parses and writes those DER structures but
// knows no SM2 key type — a parsed SM2 key reports `asymmetricKeyType` undefined (OpenSSL 3
// makes it an "SM2" key) or `ec` with curve `SM2` (a key Node generated) — and cannot export
// it as JWK. So the key is recognised, read and written by its DER layout, fixed for a 256-bit
// curve.
const EC_SM2_ALGORITHM = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
const SM2_CURVE_OID_DER = EC_SM2_ALGORITHM.subarray(EC_SM2_ALGORITHM.length - 10);
const SPKI_PREFIX = Buffer.concat([Buffer.from('3059', 'hex'), EC_SM2_ALGORITHM, Buffer.from('034200', 'hex')]);

/** Whether a Node key object holds an SM2 key (see above for why the type alone does not say). */
export function isSm2KeyObject(key: crypto.KeyObject): boolean {
  if (key.type === 'secret') return false;
  if (key.asymmetricKeyType === 'ec') return key.asymmetricKeyDetails?.namedCurve === 'SM2';
  if (key.asymmetricKeyType !== undefined) return false;
  try {
    const der = key.type === 'public' ? key.export({ type: 'spki', format: 'der' }) : key.export({ type: 'pkcs8', format: 'der' });
    return der.includes(EC_SM2_ALGORITHM);
  } catch {
    return false;
  }
}

/** SubjectPublicKeyInfo (DER) of an SM2 public key. */
export function sm2PublicKeyToSpki(publicKey: Sm2PublicKey): Buffer {
  return Buffer.concat([SPKI_PREFIX, publicKey.bytes]);
}

/** The SM2 public key of a parsed SubjectPublicKeyInfo. @throws CryptoError CRYPTO_KEY_INVALID */
export function sm2PublicKeyFromKeyObject(key: crypto.KeyObject): Sm2PublicKey {
  const der = key.type === 'public' ? key.export({ type: 'spki', format: 'der' }) : undefined;
  if (!der || der.length !== SPKI_PREFIX.length + 65 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new CryptoError('CRYPTO_KEY_INVALID', 'not an SM2 public key');
  }
  return Sm2PublicKey.fromBytes(der.subarray(SPKI_PREFIX.length));
}

/** PKCS #8 PEM of an SM2 private key (what `openssl pkey` reads). */
export function sm2PrivateKeyToPem(privateKey: Sm2PrivateKey): string {
  // SEC1 ECPrivateKey: version 1, d, [0] curve, [1] public key.
  const sec1 = Buffer.concat([
    Buffer.from('30770201010420', 'hex'),
    privateKey.exportBytes(),
    Buffer.from('a00a', 'hex'),
    SM2_CURVE_OID_DER,
    Buffer.from('a144034200', 'hex'),
    privateKey.publicKey.bytes,
  ]);
  return crypto.createPrivateKey({ key: sec1, format: 'der', type: 'sec1' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The SM2 private key of a parsed PKCS #8 or SEC1 key. @throws CryptoError CRYPTO_KEY_INVALID */
export function sm2PrivateKeyFromKeyObject(key: crypto.KeyObject): Sm2PrivateKey {
  const der = key.type === 'private' ? key.export({ type: 'pkcs8', format: 'der' }) : undefined;
  // PrivateKeyInfo: version 0, AlgorithmIdentifier { id-ecPublicKey, SM2 }, OCTET STRING {
  // ECPrivateKey: 02 01 01 04 20 <d> … }.
  const algorithmAt = der ? der.indexOf(EC_SM2_ALGORITHM) : -1;
  const dAt = der && algorithmAt >= 0 ? der.indexOf(Buffer.from('0201010420', 'hex'), algorithmAt + EC_SM2_ALGORITHM.length) : -1;
  if (!der || algorithmAt < 0 || algorithmAt > 8 || dAt < 0 || dAt > algorithmAt + EC_SM2_ALGORITHM.length + 6) {
    throw new CryptoError('CRYPTO_KEY_INVALID', 'not an SM2 private key');
  }
  return Sm2PrivateKey.fromBytes(der.subarray(dAt + 5, dAt + 37));
}
