/**
 * An identity provider's JWKS (`jwks_uri`), fetched and cached for the token verifier. Its keys
 * are read by lib/crypto (keys.ts), so a key set may hold SM2 keys (`kty: EC, crv: SM2` or
 * `SM2P256V1`) beside Ed25519, P-256 and RSA ones; keys govgraph cannot use (encryption keys,
 * other curves) are skipped, not fatal — an identity provider publishes what all its clients
 * need.
 *
 * Caching as jose's createRemoteJWKSet did before: a fetched set is used for up to 10 minutes;
 * a token whose key is not in it makes the set be fetched again, at most every 30 s (key
 * rotation, without letting unknown `kid`s make the gateway hammer the provider). A set that
 * cannot be fetched fails closed ({@link KeySourceUnavailable}: UNAUTHENTICATED).
 */
import { importVerifyingKey, type VerifyingKey } from '../crypto';
import { KeySourceUnavailable } from './verificationFailure';

export interface RemoteKeySetOptions {
  /** How long to wait for the endpoint. @default 5000 */
  timeoutMs?: number;
  /** Least time between two fetches prompted by unknown keys. @default 30 s */
  cooldownMs?: number;
  /** Longest a fetched set is used without fetching it again. @default 10 min */
  maxAgeMs?: number;
}

/** Largest key set read: real ones are a few kB. */
const MAX_JWKS_BYTES = 512 * 1024;

export class RemoteKeySet {
  private cached?: { keys: VerifyingKey[]; at: number };
  private fetching?: Promise<VerifyingKey[]>;

  constructor(
    readonly url: URL,
    private readonly options: RemoteKeySetOptions = {},
  ) {}

  /** The keys of the set, from the cache while it is fresh. @throws KeySourceUnavailable */
  keys(): Promise<VerifyingKey[]> {
    const maxAge = this.options.maxAgeMs ?? 10 * 60_000;
    if (this.cached && Date.now() - this.cached.at < maxAge) return Promise.resolve(this.cached.keys);
    return this.fetch();
  }

  /** The keys fetched again — unless they were fetched within the cooldown; then undefined. */
  async reload(): Promise<VerifyingKey[] | undefined> {
    const cooldown = this.options.cooldownMs ?? 30_000;
    if (this.cached && Date.now() - this.cached.at < cooldown) return undefined;
    return this.fetch();
  }

  private fetch(): Promise<VerifyingKey[]> {
    this.fetching ??= this.load().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async load(): Promise<VerifyingKey[]> {
    let set: { keys?: unknown };
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000), redirect: 'error', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      if (text.length > MAX_JWKS_BYTES) throw new Error('too large');
      set = JSON.parse(text) as { keys?: unknown };
      if (!set || !Array.isArray(set.keys)) throw new Error('not a JWK Set');
    } catch {
      throw new KeySourceUnavailable(this.url.origin);
    }
    const keys: VerifyingKey[] = [];
    for (const [i, jwk] of (set.keys as unknown[]).entries()) {
      if (!jwk || typeof jwk !== 'object' || (jwk as { use?: unknown }).use === 'enc') continue;
      try {
        keys.push(importVerifyingKey(jwk, `${this.url.origin} keys[${i}]`));
      } catch {
        // A key govgraph cannot use; the others still serve.
      }
    }
    this.cached = { keys, at: Date.now() };
    return keys;
  }
}
