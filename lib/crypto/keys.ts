/**
 * Signing and verifying keys of both suites, each pinned to exactly one signature algorithm
 * (so a token's `alg` header never chooses how a key is used — no algorithm confusion), and
 * their files: JWK (what govgraph writes), JWK Set, or PEM (what OpenSSL, GmSSL and HSM
 * tools exchange).
 *
 * | alg      | suite | key                         | JWK                                  | signs | verifies |
 * | -------- | ----- | --------------------------- | ------------------------------------ | ----- | -------- |
 * | `EdDSA`  | intl  | Ed25519                     | `kty: OKP, crv: Ed25519`             | yes   | yes      |
 * | `ES256`  | intl  | P-256 (identity providers)  | `kty: EC, crv: P-256`                | no    | yes      |
 * | `RS256`  | intl  | RSA ≥ 2048 bits (IdPs)      | `kty: RSA`                           | no    | yes      |
 * | `SM2SM3` | sm    | SM2, default ID (sm2.ts)    | `kty: EC, crv: SM2` or `SM2P256V1` (`alg` any of {@link SM2_ALG_NAMES}) | yes | yes |
 *
 * An SM2 public key is also read as SubjectPublicKeyInfo PEM, and as the bare hex point
 * 04 ‖ x ‖ y that sm-crypto's `generateKeyPairHex` and GmSSL print (a file holding only it).
 *
 * A key's `kid` is its declared one, else its RFC 7638 thumbprint — SHA-256 for the
 * international keys (the value jose computes, so existing kids are unchanged), SM3 for SM2
 * keys.
 */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { CryptoError } from './cryptoError';
import { b64url, fromB64url, toBuffer, type Bytes } from './encoding';
import { isSm2KeyObject, Sm2PrivateKey, Sm2PublicKey, sm2PrivateKeyFromKeyObject, sm2PrivateKeyToPem, sm2PublicKeyFromKeyObject, sm2PublicKeyToSpki, sm2Verify, sm3 } from './sm2';

export type SuiteName = 'intl' | 'sm';

/** Every signature algorithm govgraph knows, by its JWS `alg` name. */
export type SignatureAlgorithm = 'EdDSA' | 'ES256' | 'RS256' | 'SM2SM3';

/** Which suite each algorithm belongs to. */
export const ALGORITHM_SUITE: Readonly<Record<SignatureAlgorithm, SuiteName>> = { EdDSA: 'intl', ES256: 'intl', RS256: 'intl', SM2SM3: 'sm' };

/**
 * Names other software gives SM2-with-SM3 in a JWK's `alg` (see jws.ts for tokens): accepted on
 * import and normalised to `SM2SM3`.
 */
export const SM2_ALG_NAMES: readonly string[] = ['SM2SM3', 'SM2', 'SM3withSM2', 'SM3WithSM2', 'GmSM2'];

/**
 * The `crv` names an SM2 JWK may carry: `SM2` (what govgraph writes), and the curve's OID name
 * `SM2P256V1` / `sm2p256v1` (GM/T 0006; Bouncy Castle's and GmSSL's name) that some identity
 * providers' key sets use. Read as `SM2`.
 */
export const SM2_CRV_NAMES: readonly string[] = ['SM2', 'SM2P256V1', 'sm2p256v1'];

/** An SM2 public key as sm-crypto, GmSSL and many HSM tools print it: 04 ‖ x ‖ y (or x ‖ y) in hex. */
const RAW_SM2_HEX = /^(04)?[0-9a-fA-F]{128}$/;

/** A public JWK as govgraph writes it: always with `kid`, `alg` and `use`. */
export interface PublicJwk {
  kty: 'OKP' | 'EC' | 'RSA';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  kid: string;
  alg: SignatureAlgorithm;
  use: 'sig';
}

export interface PrivateJwk extends PublicJwk {
  d: string;
}

/** A public key that verifies one algorithm. */
export class VerifyingKey {
  /** @internal use {@link importVerifyingKey} */
  constructor(
    readonly alg: SignatureAlgorithm,
    /** The declared `kid`, else the key's thumbprint. */
    readonly kid: string,
    /**
     * Whether `kid` identifies the key (a JWK's `kid`, or a key govgraph generated) rather than
     * being computed for a key that came without one (a PEM file): only such a key must match
     * a token's `kid`; the others are candidates for any token of their algorithm.
     */
    readonly kidDeclared: boolean,
    private readonly impl: KeyObject | Sm2PublicKey,
    readonly jwk: PublicJwk,
  ) {}

  get suite(): SuiteName {
    return ALGORITHM_SUITE[this.alg];
  }

  /** Whether `signature` (JWS form: raw r ‖ s for SM2 and ES256) is valid over `data`. */
  verifySignature(data: Bytes, signature: Uint8Array): boolean {
    const message = toBuffer(data);
    const sig = toBuffer(signature);
    try {
      switch (this.alg) {
        case 'SM2SM3':
          return sm2Verify(this.impl as Sm2PublicKey, message, sig);
        case 'EdDSA':
          return sig.length === 64 && crypto.verify(null, message, this.impl as KeyObject, sig);
        case 'ES256':
          return sig.length === 64 && crypto.verify('sha256', message, { key: this.impl as KeyObject, dsaEncoding: 'ieee-p1363' }, sig);
        case 'RS256':
          return crypto.verify('sha256', message, this.impl as KeyObject, sig);
      }
    } catch {
      return false;
    }
  }

  /** SubjectPublicKeyInfo PEM. */
  toPem(): string {
    if (this.impl instanceof Sm2PublicKey) {
      return crypto.createPublicKey({ key: sm2PublicKeyToSpki(this.impl), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
    }
    return this.impl.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/**
 * What signs: a {@link SigningKey} held in this process, or a key that never leaves a
 * certified cryptographic module (服务器密码机 / HSM, e.g. through GM/T 0018 SDF or PKCS #11) —
 * such a module plugs in by implementing this, with `signBytes` returning the same encoding
 * (SM2: r ‖ s over SM3(Z ‖ M), default ID).
 */
export interface Signer {
  readonly alg: SignatureAlgorithm;
  readonly kid: string;
  readonly suite: SuiteName;
  readonly publicKey: VerifyingKey;
  signBytes(data: Bytes): Buffer;
}

/** A private key govgraph signs with: Ed25519 (intl) or SM2 (sm). */
export class SigningKey implements Signer {
  /** @internal use {@link generateSigningKey} or {@link importSigningKey} */
  constructor(
    private readonly impl: KeyObject | Sm2PrivateKey,
    readonly publicKey: VerifyingKey,
  ) {}

  get alg(): SignatureAlgorithm {
    return this.publicKey.alg;
  }

  get kid(): string {
    return this.publicKey.kid;
  }

  get suite(): SuiteName {
    return this.publicKey.suite;
  }

  /** The raw signature over `data` (Ed25519: 64 bytes; SM2: r ‖ s, 64 bytes, default ID). */
  signBytes(data: Bytes): Buffer {
    return this.impl instanceof Sm2PrivateKey ? this.impl.sign(toBuffer(data)) : crypto.sign(null, toBuffer(data), this.impl);
  }

  /** The private JWK (with `d`): what `govgraph keys generate` writes, mode 0600. */
  toPrivateJwk(): PrivateJwk {
    const d = this.impl instanceof Sm2PrivateKey ? b64url(this.impl.exportBytes()) : String((this.impl.export({ format: 'jwk' }) as crypto.JsonWebKey).d);
    return { ...this.publicKey.jwk, d };
  }

  /** PKCS #8 PEM (for `openssl`, GmSSL, or importing into an HSM). */
  toPem(): string {
    return this.impl instanceof Sm2PrivateKey ? sm2PrivateKeyToPem(this.impl) : this.impl.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}

/** A new signing key of `suite`'s signature algorithm (intl: Ed25519, sm: SM2). */
export function generateSigningKey(suite: SuiteName): SigningKey {
  // A new key's thumbprint is its kid from birth (it is written into its JWK files), so it
  // counts as declared: verifiers match it against a token's kid.
  if (suite === 'sm') {
    const key = Sm2PrivateKey.generate();
    return sm2SigningKey(key, sm2VerifyingKey(key.publicKey).kid);
  }
  const privateKey = crypto.generateKeyPairSync('ed25519').privateKey;
  return ed25519SigningKey(privateKey, ed25519SigningKey(privateKey).kid);
}

/**
 * Imports a private key: a JWK object, a JWK / PEM text. `origin` names the source in errors.
 * @throws CryptoError CRYPTO_KEY_INVALID for anything but an Ed25519 or SM2 private key.
 */
export function importSigningKey(source: object | string, origin: string): SigningKey {
  const jwk = typeof source === 'string' ? parseKeyText(source, origin) : (source as Record<string, unknown>);
  if (jwk === undefined) {
    // PEM (PKCS #8 or SEC1).
    let key: KeyObject;
    try {
      key = crypto.createPrivateKey(String(source));
    } catch {
      throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not a PEM private key`);
    }
    if (key.asymmetricKeyType === 'ed25519') return ed25519SigningKey(key);
    if (isSm2KeyObject(key)) return sm2SigningKey(sm2PrivateKeyFromKeyObject(key));
    throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is a ${describeKey(key)} private key; govgraph signs with Ed25519 (intl) or SM2 (sm)`);
  }
  if (typeof jwk.d !== 'string') throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} holds no private key (no "d")`);
  if (isSm2Jwk(jwk)) {
    checkDeclaredAlg(jwk.alg, 'SM2SM3', origin);
    const key = sm2SigningKey(Sm2PrivateKey.fromBytes(fromB64urlKey(jwk.d, origin)), stringOrUndefined(jwk.kid));
    // A file whose public half does not belong to its private half is a broken file.
    if ((jwk.x !== undefined && jwk.x !== key.publicKey.jwk.x) || (jwk.y !== undefined && jwk.y !== key.publicKey.jwk.y)) {
      throw new CryptoError('CRYPTO_KEY_INVALID', `${origin}: its public part (x, y) does not belong to its private key`);
    }
    return key;
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    checkDeclaredAlg(jwk.alg, 'EdDSA', origin);
    let key: KeyObject;
    try {
      key = crypto.createPrivateKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
    } catch {
      throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not a valid Ed25519 private JWK`);
    }
    return ed25519SigningKey(key, stringOrUndefined(jwk.kid));
  }
  throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not an Ed25519 (OKP) or SM2 (EC, crv SM2) private JWK`);
}

/**
 * Imports a public key: a JWK object, or a JWK / PEM (SPKI) text. Private keys, symmetric keys
 * and keys of other types or sizes are refused, so a private key is never copied into a
 * verifier's configuration by mistake and an RSA key never doubles as an HMAC secret.
 * @throws CryptoError CRYPTO_KEY_INVALID
 */
export function importVerifyingKey(source: object | string, origin: string): VerifyingKey {
  if (typeof source === 'string' && RAW_SM2_HEX.test(source.trim())) return sm2VerifyingKey(Sm2PublicKey.fromBytes(Buffer.from(source.trim(), 'hex')));
  const jwk = typeof source === 'string' ? parseKeyText(source, origin) : (source as Record<string, unknown>);
  if (jwk === undefined) {
    const pem = String(source);
    if (/PRIVATE KEY-----/.test(pem)) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} holds a private key; give the public key (SPKI PEM) only`);
    let key: KeyObject;
    try {
      key = crypto.createPublicKey({ key: pem, format: 'pem' });
    } catch {
      throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not a PEM public key`);
    }
    return verifyingKeyFromKeyObject(key, origin, undefined);
  }
  if (jwk.kty === 'oct') throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is a symmetric key; only public keys can be trusted`);
  if (jwk.d !== undefined) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} holds a private key; give the public JWK only`);
  const kid = stringOrUndefined(jwk.kid);
  if (isSm2Jwk(jwk)) {
    checkDeclaredAlg(jwk.alg, 'SM2SM3', origin);
    if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} lacks x or y`);
    const x = fromB64urlKey(jwk.x, origin);
    const y = fromB64urlKey(jwk.y, origin);
    if (x.length !== 32 || y.length !== 32) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin}: SM2 coordinates are 32 bytes each`);
    return sm2VerifyingKey(Sm2PublicKey.fromBytes(Buffer.concat([Buffer.from([4]), x, y])), kid);
  }
  let key: KeyObject;
  try {
    key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
  } catch {
    throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not a valid public JWK`);
  }
  const verifying = verifyingKeyFromKeyObject(key, origin, kid);
  checkDeclaredAlg(jwk.alg, verifying.alg, origin);
  return verifying;
}

/**
 * Reads a public key file: PEM (SPKI), one JWK, or a JWK Set (`{ "keys": [...] }`).
 * @throws CryptoError CRYPTO_KEY_INVALID naming the file.
 */
export function readVerifyingKeyFile(file: string): VerifyingKey[] {
  const text = readKeyFile(file);
  if (RAW_SM2_HEX.test(text.trim())) return [importVerifyingKey(text, file)];
  const parsed = parseKeyText(text, file);
  if (parsed === undefined) return [importVerifyingKey(text, file)];
  if (Array.isArray(parsed.keys)) return (parsed.keys as object[]).map((jwk, i) => importVerifyingKey(jwk, `${file} keys[${i}]`));
  return [importVerifyingKey(parsed, file)];
}

/** Reads a private key file (JWK or PEM). @throws CryptoError CRYPTO_KEY_INVALID naming the file. */
export function readSigningKeyFile(file: string): SigningKey {
  return importSigningKey(readKeyFile(file), file);
}

/** RFC 7638 thumbprint of a public JWK: SHA-256 for intl keys, SM3 for SM2 keys. */
export function jwkThumbprint(jwk: Pick<PublicJwk, 'kty' | 'crv' | 'x' | 'y' | 'n' | 'e'>): string {
  // The required members only, in lexicographic order, no whitespace (RFC 7638 §3.2).
  const members =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  const text = JSON.stringify(members);
  return b64url(jwk.crv === 'SM2' ? sm3(text) : crypto.createHash('sha256').update(text).digest());
}

function isSm2Jwk(jwk: Record<string, unknown>): boolean {
  return jwk.kty === 'EC' && typeof jwk.crv === 'string' && SM2_CRV_NAMES.includes(jwk.crv);
}

function sm2VerifyingKey(key: Sm2PublicKey, kid?: string): VerifyingKey {
  const base = { kty: 'EC' as const, crv: 'SM2', x: b64url(key.x), y: b64url(key.y) };
  const id = kid ?? jwkThumbprint(base);
  return new VerifyingKey('SM2SM3', id, kid !== undefined, key, { ...base, kid: id, alg: 'SM2SM3', use: 'sig' });
}

function sm2SigningKey(key: Sm2PrivateKey, kid?: string): SigningKey {
  return new SigningKey(key, sm2VerifyingKey(key.publicKey, kid));
}

function ed25519SigningKey(privateKey: KeyObject, kid?: string): SigningKey {
  // The public half is derived from the private key, never taken from the file.
  return new SigningKey(privateKey, verifyingKeyFromKeyObject(crypto.createPublicKey(privateKey), 'the Ed25519 key', kid));
}

function verifyingKeyFromKeyObject(key: KeyObject, origin: string, kid: string | undefined): VerifyingKey {
  let alg: SignatureAlgorithm;
  if (isSm2KeyObject(key)) return sm2VerifyingKey(sm2PublicKeyFromKeyObject(key), kid);
  if (key.asymmetricKeyType === 'ed25519') alg = 'EdDSA';
  else if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') alg = 'ES256';
  else if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is a ${bits}-bit RSA key; at least 2048 bits are required`);
    alg = 'RS256';
  } else {
    throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is a ${describeKey(key)} key; accepted are Ed25519 (EdDSA), P-256 (ES256), RSA (RS256) and SM2 (SM2SM3)`);
  }
  const exported = key.export({ format: 'jwk' }) as Omit<PublicJwk, 'kid' | 'alg' | 'use'>;
  const id = kid ?? jwkThumbprint(exported);
  return new VerifyingKey(alg, id, kid !== undefined, key, { ...exported, kid: id, alg, use: 'sig' });
}

function checkDeclaredAlg(declared: unknown, alg: SignatureAlgorithm, origin: string): void {
  if (declared === undefined) return;
  const normalised = typeof declared === 'string' && SM2_ALG_NAMES.includes(declared) ? 'SM2SM3' : declared;
  if (normalised !== alg) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} declares alg ${String(declared)}, which govgraph does not accept for this key (only ${alg})`);
}

/** A JSON object, or undefined for PEM text. */
function parseKeyText(text: string, origin: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is neither PEM, JSON (JWK / JWK Set) nor an SM2 public key in hex (04 ‖ x ‖ y)`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} is not a JWK object`);
  return parsed as Record<string, unknown>;
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CryptoError('CRYPTO_KEY_INVALID', `cannot read key file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function fromB64urlKey(value: unknown, origin: string): Buffer {
  if (typeof value !== 'string') throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} has a non-string key member`);
  try {
    return fromB64url(value, origin);
  } catch {
    throw new CryptoError('CRYPTO_KEY_INVALID', `${origin} has a key member that is not base64url`);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return `${key.asymmetricKeyType ?? 'unknown'}${curve ? ` (${curve})` : ''}`;
}
