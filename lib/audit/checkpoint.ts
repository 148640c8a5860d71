/**
 * Signed checkpoints: the anchor of the access log.
 *
 * The keyed chain (entry.ts) stops anyone without the log key. Checkpoints stop the rest —
 * including whoever holds the log key (a department's writer): periodically the platform
 * operator's sharing subgraph verifies each chain from its last checkpoint to its head and
 * signs `{ writer, seq, hash, at }` with its own Ed25519 key (`audit-anchor`), which no
 * writer has. History up to a checkpoint can then neither be rewritten nor cut off without
 * `govgraph audit verify` saying so. Each checkpoint is also written to the process log, so a
 * copy exists outside the database (a SIEM or log archive keeps it).
 */
import { CompactSign, compactVerify, decodeProtectedHeader, type JWK, type KeyLike } from 'jose';
import type { Database } from '../db';
import { toCount } from '../db';
import { trustPublicKey, type TrustedKey } from '../identity';
import { canonicalJson } from './entry';

export const CHECKPOINT_TYP = 'govgraph-audit-checkpoint';

export interface CheckpointPayload {
  writer: string;
  seq: number;
  hash: string;
  /** ISO 8601 UTC. */
  at: string;
}

export interface CheckpointSigner {
  privateKey: KeyLike;
  kid: string;
}

export interface StoredCheckpoint extends CheckpointPayload {
  id: number;
  signature: string;
}

export async function signCheckpoint(signer: CheckpointSigner, payload: CheckpointPayload): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: CHECKPOINT_TYP, kid: signer.kid })
    .sign(signer.privateKey);
}

/** The anchor's public keys, imported once. */
export function checkpointVerifierKeys(jwks: JWK[]): TrustedKey[] {
  return jwks.map((jwk, i) => trustPublicKey(jwk, `audit anchor key ${i}`));
}

/**
 * Whether `stored` carries a valid signature by one of `keys` over exactly its own columns.
 * A checkpoint whose columns were edited, or that was signed by another key, is not valid.
 */
export async function checkpointIsValid(stored: StoredCheckpoint, keys: TrustedKey[]): Promise<boolean> {
  let header;
  try {
    header = decodeProtectedHeader(stored.signature);
  } catch {
    return false;
  }
  if (header.alg !== 'EdDSA' || header.typ !== CHECKPOINT_TYP) return false;
  for (const key of keys) {
    if (key.alg !== 'EdDSA' || (header.kid && key.kid && header.kid !== key.kid)) continue;
    try {
      const { payload } = await compactVerify(stored.signature, key.key, { algorithms: ['EdDSA'] });
      const signed = JSON.parse(new TextDecoder().decode(payload)) as CheckpointPayload;
      return signed.writer === stored.writer && signed.seq === stored.seq && signed.hash === stored.hash && signed.at === stored.at;
    } catch {
      // try the next key (rotation)
    }
  }
  return false;
}

/** Checkpoints (of one writer, from `fromSeq` on), oldest first. */
export async function readCheckpoints(db: Database, writer?: string, fromSeq = 0): Promise<StoredCheckpoint[]> {
  const q = db.knex('access_log_checkpoint').select('id', 'writer', 'seq', 'hash', 'at', 'signature').where('seq', '>=', fromSeq);
  if (writer) q.where({ writer });
  return (await q.orderBy([{ column: 'writer' }, { column: 'seq' }, { column: 'id' }])).map(storedCheckpoint);
}

/**
 * Each writer's newest checkpoint that carries a valid anchor signature. Looks at the newest
 * first and only goes further back past a checkpoint that does not verify.
 */
export async function newestValidCheckpoints(db: Database, keys: TrustedKey[]): Promise<Map<string, StoredCheckpoint>> {
  const found = new Map<string, StoredCheckpoint>();
  const newest = await db
    .knex('access_log_checkpoint')
    .distinctOn('writer')
    .select('id', 'writer', 'seq', 'hash', 'at', 'signature')
    .orderBy([{ column: 'writer' }, { column: 'seq', order: 'desc' }, { column: 'id', order: 'desc' }]);
  for (const c of newest.map(storedCheckpoint)) {
    if (await checkpointIsValid(c, keys)) {
      found.set(c.writer, c);
      continue;
    }
    const older = await readCheckpoints(db, c.writer);
    for (const o of older.reverse()) {
      if (await checkpointIsValid(o, keys)) {
        found.set(o.writer, o);
        break;
      }
    }
  }
  return found;
}

function storedCheckpoint(r: Record<string, unknown>): StoredCheckpoint {
  return {
    id: toCount(r.id),
    writer: String(r.writer),
    seq: toCount(r.seq),
    hash: String(r.hash),
    at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(),
    signature: String(r.signature),
  };
}

export async function insertCheckpoint(db: Database, payload: CheckpointPayload, signature: string): Promise<void> {
  await db.knex('access_log_checkpoint').insert({ ...payload, signature });
}
