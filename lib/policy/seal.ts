/**
 * Sealed keys: how masking and federation joins coexist.
 *
 * When a federation key (a Person's 身份号码) must not be shown in full, the subgraph does not
 * emit the masked text — the gateway would use it as the key of the next hop and the join
 * would break (or, worse, resolve the wrong record). It emits a *sealed* value instead:
 * AES-256-GCM over `{ v: real key, d: what the client may see }`, readable only by govgraph
 * processes (SM4-CTR + HMAC-SM3 under GOVGRAPH_CRYPTO=sm). Subgraphs unseal representations before resolving them; the gateway replaces
 * every sealed value by its display form as the response leaves. A federation engine
 * without that last step would show the sealed text — never the key.
 *
 * A key the policy *withholds* travels sealed too, with a display that carries the denial
 * instead of a masked text (see {@link Sealer.withhold}): the join still works, so every
 * other department decides its own fields of that record and its denials land on the fields
 * the client asked for; the gateway turns the withheld key into `null` plus its `FORBIDDEN`
 * error only where the client itself selected the key.
 */
import crypto from 'node:crypto';
import { secretKeyFromEnv } from '../keys/secretKey';
import { errors } from '../errors';
import { CryptoError, cryptoSuiteFromEnv, isCryptoError, type CryptoSuite } from '../crypto';

export const SEAL_PREFIX = 'gg:sealed:';
/** Display of a withheld key: this prefix, then the denial as JSON. Never a masked text's start. */
const WITHHELD_PREFIX = 'gg:withheld:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Random IVs drawn from a pool refilled 1,024 at a time: one `randomBytes` call per thousand
 * seals instead of one per seal (a 500-row list seals 500 keys). 96-bit random IVs under one
 * key stay safe far beyond any volume here (NIST SP 800-38D: 2^32 invocations).
 */
class IvPool {
  private pool = Buffer.alloc(0);
  private offset = 0;
  next(): Buffer {
    if (this.offset + IV_BYTES > this.pool.length) {
      this.pool = crypto.randomBytes(IV_BYTES * 1024);
      this.offset = 0;
    }
    const iv = this.pool.subarray(this.offset, this.offset + IV_BYTES);
    this.offset += IV_BYTES;
    return iv;
  }
}

/**
 * Format: `gg:sealed:<display, base64url>.<iv ‖ tag ‖ AES-256-GCM(key), base64url>` under the
 * international suite, `gg:sealed:<display, base64url>.SM4CTR-HSM3:<…>` under the national one
 * (lib/crypto/sm.ts), the display form bound as additional authenticated data in both. A
 * sealer opens only its own suite's seals: every process of an installation runs one suite. The display travels readable because
 * it is what the client will see anyway: the gateway's last step only decodes it, without
 * decrypting anything, and a subgraph that opens the key also checks the display was not
 * swapped.
 */
export class Sealer {
  private readonly ivs = new IvPool();

  /** The national suite when selected; the international one seals right here (pooled IVs: fewer random calls). */
  private readonly suite?: CryptoSuite;

  /** @param suite `intl` (the default) seals with AES-256-GCM here; `sm` through lib/crypto. */
  constructor(
    private readonly key: Buffer,
    suite?: CryptoSuite,
  ) {
    if (key.length !== 32) throw new Error('the sealing key must be 32 bytes');
    this.suite = suite?.name === 'sm' ? suite : undefined;
  }

  /** The suite this sealer seals and opens with. */
  get suiteName(): string {
    return this.suite?.name ?? 'intl';
  }

  seal(value: string, display: string): string {
    if (this.suite) {
      const shown = Buffer.from(display, 'utf8');
      return `${SEAL_PREFIX}${shown.toString('base64url')}.${this.suite.seal(this.key, Buffer.from(value, 'utf8'), shown)}`;
    }
    const iv = this.ivs.next();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const shown = Buffer.from(display, 'utf8');
    cipher.setAAD(shown);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${SEAL_PREFIX}${shown.toString('base64url')}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /**
   * Seals a key the policy withholds: the next subgraph can still resolve the record, and
   * the display says why the client does not see it.
   */
  withhold(value: string, denial: WithheldKey): string {
    return this.seal(value, WITHHELD_PREFIX + JSON.stringify(denial));
  }

  open(sealed: string): { value: string; display: string } {
    try {
      const dot = sealed.indexOf('.', SEAL_PREFIX.length);
      if (dot < 0) throw new Error('no display part');
      const shown = Buffer.from(sealed.slice(SEAL_PREFIX.length, dot), 'base64url');
      const payload = sealed.slice(dot + 1);
      // A seal of the national suite names its algorithm (`SM4CTR-HSM3:…`); the international
      // one is bare base64url, which never holds a colon.
      if (payload.includes(':') !== Boolean(this.suite)) throw new CryptoError('CRYPTO_SUITE_MISMATCH', 'sealed under another cryptographic suite');
      if (this.suite) return { value: this.suite.open(this.key, payload, shown).toString('utf8'), display: shown.toString('utf8') };
      const raw = Buffer.from(payload, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(shown);
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const value = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return { value, display: shown.toString('utf8') };
    } catch (err) {
      if (isCryptoError(err) && err.code === 'CRYPTO_SUITE_MISMATCH') throw errors.badUserInput(`A sealed key was sealed under another cryptographic suite than this installation's (${this.suiteName}).`);
      throw errors.badUserInput('A sealed key was altered or sealed by another installation.');
    }
  }

  /** Unseals every sealed string inside a value (representations, nested objects). */
  openDeep<T>(value: T): T {
    if (typeof value === 'string') return (isSealed(value) ? this.open(value).value : value) as T;
    if (Array.isArray(value)) return value.map((v) => this.openDeep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.openDeep(v);
      return out as T;
    }
    return value;
  }

  /**
   * Replaces every sealed string by its display form, in place (the gateway's last step). A
   * withheld key becomes `null`, and `onWithheld` is told where and why.
   */
  displayInPlace(value: unknown, onWithheld: (path: Array<string | number>, denial: WithheldKey) => void = () => undefined): void {
    const path: Array<string | number> = [];
    const shown = (sealed: string): string | null => {
      const display = displayOf(sealed);
      if (!display.startsWith(WITHHELD_PREFIX)) return display;
      onWithheld([...path], parseDenial(display));
      return null;
    };
    const visit = (holder: Record<string | number, unknown>, key: string | number): void => {
      const item = holder[key];
      if (typeof item === 'string') {
        if (!isSealed(item)) return;
        path.push(key);
        holder[key] = shown(item);
        path.pop();
      } else if (item && typeof item === 'object') {
        path.push(key);
        walk(item);
        path.pop();
      }
    };
    const walk = (v: object): void => {
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v as unknown as Record<number, unknown>, i);
      else for (const k of Object.keys(v)) visit(v as Record<string, unknown>, k);
    };
    if (value && typeof value === 'object') walk(value);
  }
}

/** Why a key was withheld, carried in its seal's display (nothing secret: it is what the client is told). */
export interface WithheldKey {
  reason: string;
  policyRevision?: string;
  serviceName?: string;
}

/** The display form, decoded without decrypting (it came from a subgraph, like every other value). */
function displayOf(sealed: string): string {
  const dot = sealed.indexOf('.', SEAL_PREFIX.length);
  if (dot < 0) return '****'; // not a seal this installation makes: never show it
  return Buffer.from(sealed.slice(SEAL_PREFIX.length, dot), 'base64url').toString('utf8');
}

function parseDenial(display: string): WithheldKey {
  try {
    const d = JSON.parse(display.slice(WITHHELD_PREFIX.length)) as WithheldKey;
    if (typeof d.reason === 'string') return d;
  } catch {
    // fall through: an unreadable denial still withholds
  }
  return { reason: 'NOT_SHARED' };
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEAL_PREFIX);
}

/**
 * GOVGRAPH_SEAL_KEY (base64, 32 bytes) shared by the gateway and every subgraph; without it,
 * a key generated on first use in `<data dir>/keys/seal.key` (one machine, the demo). The
 * suite is GOVGRAPH_CRYPTO's.
 */
export function sealerFromEnv(dataDir: string, suite: CryptoSuite = cryptoSuiteFromEnv()): Sealer {
  return new Sealer(secretKeyFromEnv('GOVGRAPH_SEAL_KEY', 'seal', dataDir), suite);
}
