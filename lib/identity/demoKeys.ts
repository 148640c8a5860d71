/**
 * The demo's signing keys: the demo token issuer (`demo-issuer`, used by `npm start` and
 * `govgraph token`), the gateway (`gateway`, which signs the credential subgraphs trust) and
 * the access log's anchor (`audit-anchor`, which signs checkpoints).
 *
 * Each is a key pair of the suite GOVGRAPH_CRYPTO selects — Ed25519 (`intl`) or SM2 (`sm`) —
 * kept as JWK files under `<dataDir>/keys/`, created on first use, so a fresh clone works
 * without any key ceremony and no private key is ever committed (`.data/` is git-ignored).
 * The two suites' files have different names (`gateway.private.jwk.json`,
 * `gateway.sm2.private.jwk.json`): switching GOVGRAPH_CRYPTO makes new demo keys and keeps the
 * old ones, whose public halves still verify what was signed before the switch. Production
 * deployments give the gateway its own key and the verifiers only public keys
 * (lib/keys/keySources.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cryptoSuiteName, dataDir } from '../config';
import { cryptoSuite, isCryptoError, type PublicJwk, type Signer, type SigningKey, type SuiteName } from '../crypto';
import { writeTempKeyFile } from '../keys/keyFile';

/**
 * A signing key with the public half ready to hand to verifiers. It signs through
 * {@link Signer} — in this process (lib/crypto's SigningKey), or in a cryptographic module that
 * implements the interface.
 */
export interface SigningKeyPair extends Signer {
  /** `{ kty, crv, x, (y,) kid, alg, use: 'sig' }` — never contains `d`. */
  publicJwk: PublicJwk;
}

/** The pair view of a signing key (its `kid` is the RFC 7638 thumbprint, or the file's own). */
export function keyPairOf(key: Signer): SigningKeyPair {
  return { alg: key.alg, kid: key.kid, suite: key.suite, publicKey: key.publicKey, publicJwk: key.publicKey.jwk, signBytes: (data) => key.signBytes(data) };
}

/** Where demo keys live. @default `<dataDir>/keys` (GOVGRAPH_DATA_DIR moves it). */
export function keysDir(): string {
  return path.join(dataDir(), 'keys');
}

/** The private key file of key `name` (mode 0600) in `suite` (@default GOVGRAPH_CRYPTO's). */
export function privateKeyPath(name: string, dir = keysDir(), suite: SuiteName = cryptoSuiteName()): string {
  return path.join(dir, `${checkName(name)}${suffix(suite)}.private.jwk.json`);
}

/** The public key file of key `name` — what to give verifiers, e.g. in GOVGRAPH_JWT_PUBLIC_KEYS. */
export function publicKeyPath(name: string, dir = keysDir(), suite: SuiteName = cryptoSuiteName()): string {
  return path.join(dir, `${checkName(name)}${suffix(suite)}.public.jwk.json`);
}

/** A fresh key pair that never touches the disk (tests, throw-away issuers). @param suite @default GOVGRAPH_CRYPTO's */
export async function generateKeyPairInMemory(suite: SuiteName = cryptoSuiteName()): Promise<SigningKeyPair> {
  return keyPairOf(cryptoSuite(suite).generateSigningKey());
}

// One load per file per process: every caller gets the same key, and the file is read once.
const loaded = new Map<string, Promise<SigningKeyPair>>();

/**
 * The key pair `name` (`demo-issuer`, `gateway`, …) of `suite` from
 * `<dir>/<name>[.sm2].private.jwk.json`, created on first use.
 *
 * Creation is race-safe across processes (`npm start` boots several at once): the key is
 * written to a temporary file and hard-linked into place. Unlike rename, link never
 * replaces an existing file, so the first process to finish wins, and every process —
 * including the losers — then reads the one file on disk. A rename-based write would let
 * the last writer win after an earlier process had already signed with its own key.
 *
 * @param options.dir where the key files live. @default {@link keysDir}()
 * @param options.suite @default GOVGRAPH_CRYPTO's
 */
export function loadOrCreateKeyPair(name: string, options: { dir?: string; suite?: SuiteName } = {}): Promise<SigningKeyPair> {
  const suite = options.suite ?? cryptoSuiteName();
  const file = privateKeyPath(name, options.dir, suite);
  let pending = loaded.get(file);
  if (!pending) {
    pending = Promise.resolve().then(() => loadOrCreate(file, publicKeyPath(name, options.dir, suite), suite));
    loaded.set(file, pending);
    // A failure (unwritable directory …) must not be cached: the next call tries again.
    pending.catch(() => loaded.delete(file));
  }
  return pending;
}

/**
 * A configured signing key pair from `file` — a private key of `suite` as a JWK (what
 * {@link loadOrCreateKeyPair} and `govgraph keys generate` write) or as PEM (PKCS #8 or SEC1:
 * `openssl genpkey -algorithm ed25519`, an SM2 key from GmSSL or `openssl ecparam -name SM2`).
 * A key of the other suite is refused, naming both. Never creates anything: a deployment's
 * keys come from its secret store.
 * @param suite @default GOVGRAPH_CRYPTO's
 */
export async function readKeyPairFile(file: string, suite: SuiteName = cryptoSuiteName()): Promise<SigningKeyPair> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`cannot read key file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return keyPairOf(importKey(text, `key file ${file}`, suite));
}

/** Forgets keys loaded by this process (tests that swap the data directory). */
export function clearLoadedKeyPairs(): void {
  loaded.clear();
}

function loadOrCreate(privateFile: string, publicFile: string, suite: SuiteName): SigningKeyPair {
  if (!fs.existsSync(privateFile)) {
    const key = cryptoSuite(suite).generateSigningKey();
    fs.mkdirSync(path.dirname(privateFile), { recursive: true, mode: 0o700 });
    writeIfAbsent(privateFile, JSON.stringify(key.toPrivateJwk(), null, 2) + '\n', 0o600);
  }
  // Always read back from disk: if another process won the race, its key is the key.
  let text: string;
  try {
    text = fs.readFileSync(privateFile, 'utf8');
  } catch (err) {
    throw new Error(`cannot read key file ${privateFile}: ${(err as NodeJS.ErrnoException).code}`);
  }
  let pair: SigningKeyPair;
  try {
    pair = keyPairOf(importKey(text, `key file ${privateFile}`, suite, 'private JWK'));
  } catch (err) {
    throw new Error(`${(err as Error).message}; delete it to have a new key created`);
  }
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

/**
 * A private key of `suite` from JWK or PEM text; plain Errors that say what the file should be
 * (`what`: "private JWK" for the demo's files, "private key (JWK or PEM)" for configured ones).
 */
function importKey(text: string, origin: string, suite: SuiteName, what = 'private key (JWK or PEM)'): SigningKey {
  try {
    return cryptoSuite(suite).importSigningKey(text, origin);
  } catch (err) {
    if (!isCryptoError(err)) throw err;
    throw new Error(err.code === 'CRYPTO_SUITE_MISMATCH' ? err.message : `${origin} is not ${suite === 'sm' ? 'an SM2' : 'an Ed25519'} ${what}: ${err.message}`);
  }
}

/** The demo keys of the two suites live side by side: `<name>.private.jwk.json` and `<name>.sm2.private.jwk.json`. */
function suffix(suite: SuiteName): string {
  return suite === 'sm' ? '.sm2' : '';
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
