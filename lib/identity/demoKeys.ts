/**
 * The demo's signing keys: the demo token issuer (`demo-issuer`, used by `npm start` and
 * `govgraph token`) and the gateway (`gateway`, which signs the credential subgraphs trust).
 *
 * Each is an Ed25519 key pair kept as JWK files under `<dataDir>/keys/`, created on first
 * use, so a fresh clone works without any key ceremony and no private key is ever committed
 * (`.data/` is git-ignored). Production deployments give the gateway its own key and the
 * verifiers only public keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { dataDir } from '../config';
import { writeTempKeyFile } from '../keys/keyFile';

/** An Ed25519 signing key with the public half ready to hand to verifiers. */
export interface SigningKeyPair {
  privateKey: KeyLike;
  /** `{ kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }` — never contains `d`. */
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public key; set as `kid` on everything this key signs. */
  kid: string;
}

/** Where demo keys live. @default `<dataDir>/keys` (GOVGRAPH_DATA_DIR moves it). */
export function keysDir(): string {
  return path.join(dataDir(), 'keys');
}

/** The private key file of key `name` (mode 0600). */
export function privateKeyPath(name: string, dir = keysDir()): string {
  return path.join(dir, `${checkName(name)}.private.jwk.json`);
}

/** The public key file of key `name` — what to give verifiers, e.g. in GOVGRAPH_JWT_PUBLIC_KEYS. */
export function publicKeyPath(name: string, dir = keysDir()): string {
  return path.join(dir, `${checkName(name)}.public.jwk.json`);
}

/** A fresh key pair that never touches the disk (tests, throw-away issuers). */
export async function generateKeyPairInMemory(): Promise<SigningKeyPair> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return keyPairFromPrivateJwk(await exportJWK(privateKey));
}

// One load per file per process: every caller gets the same key, and the file is read once.
const loaded = new Map<string, Promise<SigningKeyPair>>();

/**
 * The key pair `name` (`demo-issuer`, `gateway`, …) from `<dir>/<name>.private.jwk.json`,
 * created on first use.
 *
 * Creation is race-safe across processes (`npm start` boots several at once): the key is
 * written to a temporary file and hard-linked into place. Unlike rename, link never
 * replaces an existing file, so the first process to finish wins, and every process —
 * including the losers — then reads the one file on disk. A rename-based write would let
 * the last writer win after an earlier process had already signed with its own key.
 *
 * @param options.dir where the key files live. @default {@link keysDir}()
 */
export function loadOrCreateKeyPair(name: string, options: { dir?: string } = {}): Promise<SigningKeyPair> {
  const file = privateKeyPath(name, options.dir);
  let pending = loaded.get(file);
  if (!pending) {
    pending = loadOrCreate(file, publicKeyPath(name, options.dir));
    loaded.set(file, pending);
    // A failure (unwritable directory …) must not be cached: the next call tries again.
    pending.catch(() => loaded.delete(file));
  }
  return pending;
}

/**
 * A configured signing key pair from `file` — an Ed25519 private key as a JWK (what
 * {@link loadOrCreateKeyPair} writes) or as PEM (PKCS #8, `openssl genpkey -algorithm ed25519`).
 * Never creates anything: a deployment's keys come from its secret store.
 */
export async function readKeyPairFile(file: string): Promise<SigningKeyPair> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`cannot read key file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (!text.startsWith('-----BEGIN')) return keyPairFromPrivateJwk(readPrivateJwk(file));
  let jwk: JWK;
  try {
    jwk = crypto.createPrivateKey(text).export({ format: 'jwk' }) as JWK;
  } catch {
    throw new Error(`key file ${file} is not a PEM private key`);
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error(`key file ${file} is not an Ed25519 private key`);
  return keyPairFromPrivateJwk(jwk);
}

/** Forgets keys loaded by this process (tests that swap the data directory). */
export function clearLoadedKeyPairs(): void {
  loaded.clear();
}

async function loadOrCreate(privateFile: string, publicFile: string): Promise<SigningKeyPair> {
  if (!fs.existsSync(privateFile)) {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
    fs.mkdirSync(path.dirname(privateFile), { recursive: true, mode: 0o700 });
    writeIfAbsent(privateFile, JSON.stringify({ ...jwk, kid, alg: 'EdDSA', use: 'sig' }, null, 2) + '\n', 0o600);
  }
  // Always read back from disk: if another process won the race, its key is the key.
  const pair = await keyPairFromPrivateJwk(readPrivateJwk(privateFile));
  // The public file is a convenience for configuring verifiers; a read-only key directory
  // (keys mounted from a secret store) must not stop the key from being used.
  const publicText = JSON.stringify(pair.publicJwk, null, 2) + '\n';
  try {
    if (!fs.existsSync(publicFile) || fs.readFileSync(publicFile, 'utf8') !== publicText) writeReplacing(publicFile, publicText, 0o644);
  } catch {
    /* best effort */
  }
  return pair;
}

function readPrivateJwk(file: string): JWK {
  let jwk: JWK;
  try {
    jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } catch (err) {
    throw new Error(`cannot read key file ${file}: ${err instanceof SyntaxError ? 'not JSON' : (err as NodeJS.ErrnoException).code}`);
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new Error(`key file ${file} is not an Ed25519 private JWK; delete it to have a new key created`);
  }
  return jwk;
}

async function keyPairFromPrivateJwk(jwk: JWK): Promise<SigningKeyPair> {
  const privateKey = crypto.createPrivateKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
  // Derive the public half from the private key rather than trusting the file's `x`.
  const { x } = crypto.createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
  return { privateKey, kid, publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' } };
}

/** Writes `content` to `file` unless it exists; never exposes a half-written file. */
function writeIfAbsent(file: string, content: string, mode: number): void {
  const tmp = writeTempKeyFile(file, content, mode);
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another process got there first; its key wins
    // Filesystems without hard links: fall back to rename, guarded by an existence check
    // (a narrow race remains there, which the read-back above still resolves consistently
    // for every process that starts after the rename).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      if (!fs.existsSync(file)) fs.renameSync(tmp, file);
      return;
    }
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Atomically replaces `file` (temp + rename); for content derived from the winning key. */
function writeReplacing(file: string, content: string, mode: number): void {
  const tmp = writeTempKeyFile(file, content, mode);
  try {
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}


function checkName(name: string): string {
  // The name becomes a file name: no separators, no dot-dot.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`key name "${name}" must be lower-case letters, digits and hyphens`);
  return name;
}
