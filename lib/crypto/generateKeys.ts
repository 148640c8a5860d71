/**
 * The key material a govgraph deployment needs, for either suite — what
 * `govgraph keys generate [--suite intl|sm] [--out DIR] [--force]` writes:
 *
 * | file                            | what                                       | read through                          |
 * | ------------------------------- | ------------------------------------------ | ------------------------------------- |
 * | `token-issuer.private.jwk.json` | a token issuer's signing key               | your identity provider (or tests)     |
 * | `token-issuer.public.jwk.json`  | its public key, which the gateway trusts   | GOVGRAPH_JWT_PUBLIC_KEYS (path)       |
 * | `gateway.private.jwk.json`      | the gateway's credential signing key       | GOVGRAPH_GATEWAY_PRIVATE_KEY (path)   |
 * | `gateway.public.jwk.json`       | its public key, which subgraphs trust      | GOVGRAPH_GATEWAY_PUBLIC_KEY (path)    |
 * | `audit-anchor.private.jwk.json` | the access-log anchor's checkpoint key     | GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY (path) |
 * | `audit-anchor.public.jwk.json`  | its public key                             | GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY (path) |
 * | `audit.key`                     | the access log's chain key (32 bytes, base64) | GOVGRAPH_AUDIT_KEY (the file's content) |
 * | `seal.key`                      | the sealing key (32 bytes, base64)         | GOVGRAPH_SEAL_KEY (the file's content)  |
 *
 * These are the variables of lib/keys/keySources.ts. Signing keys are Ed25519 (intl) or SM2
 * (sm) JWKs with `kid`, `alg` and `use`, so a reader can refuse a key of the other suite; they
 * are the format of the demo keys of either suite (lib/identity/demoKeys.ts), and the processes
 * of GOVGRAPH_CRYPTO's suite read them (lib/keys/keySources.ts, app/security.ts). Private and
 * secret files are created with mode 0600 (never readable by others, not even briefly), public
 * ones 0644, the directory 0700. Nothing existing is overwritten unless `force`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cryptoSuite } from './index';
import type { SuiteName } from './keys';
import { writeTempKeyFile } from '../keys/keyFile';

export interface KeyFile {
  /** File name inside the output directory. */
  name: string;
  /** What it is, for people. */
  what: string;
  /** The environment variable that configures it, if govgraph reads it. */
  envVar?: string;
  /** Whether the variable holds the file's path or its content. */
  envHolds?: 'path' | 'content';
  mode: 0o600 | 0o644;
}

/** Thrown when files would be overwritten without `force`; nothing was written. */
export class KeyFilesExistError extends Error {
  constructor(readonly existing: string[]) {
    super(`refusing to overwrite ${existing.join(', ')} (use --force to replace them)`);
    this.name = 'KeyFilesExistError';
  }
}

export interface GenerateKeyFilesOptions {
  suite: SuiteName;
  /** The output directory; created (0700) if missing. */
  dir: string;
  /** Replace existing files. @default false */
  force?: boolean;
}

/** The files written, in order, with their absolute paths. */
export interface GeneratedKeyFiles {
  suite: SuiteName;
  files: Array<KeyFile & { path: string }>;
}

const PAIRS = [
  { base: 'token-issuer', what: "a token issuer's", privateVar: undefined, publicVar: 'GOVGRAPH_JWT_PUBLIC_KEYS' },
  { base: 'gateway', what: "the gateway's credential", privateVar: 'GOVGRAPH_GATEWAY_PRIVATE_KEY', publicVar: 'GOVGRAPH_GATEWAY_PUBLIC_KEY' },
  { base: 'audit-anchor', what: "the access-log anchor's checkpoint", privateVar: 'GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY', publicVar: 'GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY' },
] as const;

/** Generates and writes every key. @throws KeyFilesExistError (nothing written) without `force`. */
export function generateKeyFiles(options: GenerateKeyFilesOptions): GeneratedKeyFiles {
  const suite = cryptoSuite(options.suite);
  const dir = path.resolve(options.dir);
  const planned: Array<KeyFile & { content: string }> = [];
  for (const pair of PAIRS) {
    const key = suite.generateSigningKey();
    planned.push({
      name: `${pair.base}.private.jwk.json`,
      what: `${pair.what} signing key (${key.alg}, private)`,
      ...(pair.privateVar ? { envVar: pair.privateVar, envHolds: 'path' as const } : {}),
      mode: 0o600,
      content: `${JSON.stringify(key.toPrivateJwk(), null, 2)}\n`,
    });
    planned.push({
      name: `${pair.base}.public.jwk.json`,
      what: `${pair.what} public key (${key.alg})`,
      envVar: pair.publicVar,
      envHolds: 'path',
      mode: 0o644,
      content: `${JSON.stringify(key.publicKey.jwk, null, 2)}\n`,
    });
  }
  const mac = suite.algorithms.mac;
  planned.push({ name: 'audit.key', what: `the access log's chain key (${mac}, 32 bytes)`, envVar: 'GOVGRAPH_AUDIT_KEY', envHolds: 'content', mode: 0o600, content: `${suite.generateSecretKey().toString('base64')}\n` });
  planned.push({ name: 'seal.key', what: `the sealing key (${suite.algorithms.seal}, 32 bytes)`, envVar: 'GOVGRAPH_SEAL_KEY', envHolds: 'content', mode: 0o600, content: `${suite.generateSecretKey().toString('base64')}\n` });

  const targets = planned.map((f) => path.join(dir, f.name));
  if (!options.force) {
    const existing = targets.filter((t) => fs.existsSync(t));
    if (existing.length > 0) throw new KeyFilesExistError(existing);
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  planned.forEach((file, i) => writeKeyFile(targets[i], file.content, file.mode, options.force ?? false));
  return { suite: options.suite, files: planned.map(({ content: _content, ...file }, i) => ({ ...file, path: targets[i] })) };
}

/**
 * Writes through a temporary file created with its final mode, then links it into place
 * (never replaces: a file that appeared meanwhile wins and is reported) or, with `force`,
 * renames it over the old one. No reader ever sees a half-written key.
 */
function writeKeyFile(file: string, content: string, mode: number, force: boolean): void {
  const tmp = writeTempKeyFile(file, content, mode);
  try {
    if (force) fs.renameSync(tmp, file);
    else {
      try {
        fs.linkSync(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyFilesExistError([file]);
        throw err;
      }
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  // The mode at creation is subject to the umask; make sure it is exactly what was meant.
  fs.chmodSync(file, mode);
}

/** What to tell the operator: one line per file, then the settings to make. */
export function describeGeneratedKeys(result: GeneratedKeyFiles): string {
  const lines = [`Wrote the ${result.suite === 'sm' ? 'SM2/SM3/SM4 (sm)' : 'international (intl)'} key material:`];
  for (const f of result.files) {
    const use = f.envVar ? (f.envHolds === 'content' ? `${f.envVar} (its content)` : f.envVar) : 'not read by govgraph: for your identity provider, or tests';
    lines.push(`  ${f.path}  (${f.mode.toString(8).padStart(4, '0')})  ${f.what} → ${use}`);
  }
  lines.push('', 'Settings (give private and secret keys only to the processes that need them: lib/keys/keySources.ts):');
  if (result.suite === 'sm') lines.push('  GOVGRAPH_CRYPTO=sm');
  for (const f of result.files) {
    if (!f.envVar) continue;
    lines.push(`  ${f.envVar}=${f.envHolds === 'content' ? `"$(cat ${f.path})"` : f.path}`);
  }
  return `${lines.join('\n')}\n`;
}
