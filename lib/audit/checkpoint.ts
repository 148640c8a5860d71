/**
 * Signed checkpoints: the anchor of the access log.
 *
 * The keyed chain (entry.ts) stops anyone without the log key. Checkpoints stop the rest —
 * including whoever holds the log key (a department's writer): periodically the platform
 * operator's sharing subgraph verifies each chain from its last checkpoint to its head and
 * signs `{ writer, seq, hash, at }` with its own key (`audit-anchor`), which no writer has:
 * Ed25519 (`EdDSA`), or SM2 (`SM2SM3`, GB/T 32918.2 with the Z value) under GOVGRAPH_CRYPTO=sm.
 * History up to a checkpoint can then neither be rewritten nor cut off without
 * `govgraph audit verify` saying so. Each checkpoint is also written to the process log, so a
 * copy exists outside the database (a SIEM or log archive keeps it).
 *
 * Every checkpoint records the suite it was signed in (`access_log_checkpoint.suite`; rows
 * from before the column are `intl`), and is verified in that suite only: a log whose anchor
 * switched suites verifies as a whole — with the old anchor key still among the trusted
 * ones — and a checkpoint whose recorded suite was changed does not.
 */
import type { Database } from '../db';
import { toCount } from '../db';
import { ALGORITHM_SUITE, cryptoSuite, isCryptoError, signJws, verifyJws, type Signer, type SuiteName, type VerifyingKey } from '../crypto';
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

/** What signs checkpoints: the anchor's key in this process, or in a cryptographic module (lib/crypto/keys.ts). */
export type CheckpointSigner = Signer;

export interface StoredCheckpoint extends CheckpointPayload {
  id: number;
  signature: string;
  /** The suite it was signed in. Absent in archives written before it was recorded: those are intl. */
  suite?: SuiteName;
}

export async function signCheckpoint(signer: CheckpointSigner, payload: CheckpointPayload): Promise<string> {
  return signJws(signer, canonicalJson(payload), { typ: CHECKPOINT_TYP });
}

/** The anchor's public keys (of either suite), imported once. */
export function checkpointVerifierKeys(jwks: object[]): TrustedKey[] {
  return jwks.map((jwk, i) => trustPublicKey(jwk, `audit anchor key ${i}`));
}

/**
 * Whether `stored` carries a valid signature by one of `keys` over exactly its own columns, in
 * the suite it records. A checkpoint whose columns were edited, that was signed by another
 * key, or that says it is of another suite than its signature is not valid.
 */
export async function checkpointIsValid(stored: StoredCheckpoint, keys: readonly VerifyingKey[]): Promise<boolean> {
  let suite;
  try {
    suite = cryptoSuite(stored.suite ?? 'intl');
  } catch {
    return false; // a suite name no one wrote
  }
  try {
    const { payload, alg } = verifyJws(stored.signature, { keys, algorithms: [suite.algorithms.signature], aliases: {}, typ: CHECKPOINT_TYP });
    if (ALGORITHM_SUITE[alg] !== suite.name) return false;
    const signed = JSON.parse(payload.toString('utf8')) as CheckpointPayload;
    return signed.writer === stored.writer && signed.seq === stored.seq && signed.hash === stored.hash && signed.at === stored.at;
  } catch (err) {
    if (isCryptoError(err) || err instanceof SyntaxError) return false;
    throw err;
  }
}

/** Checkpoints (of one writer, from `fromSeq` on), oldest first. */
export async function readCheckpoints(db: Database, writer?: string, fromSeq = 0): Promise<StoredCheckpoint[]> {
  const q = db.knex('access_log_checkpoint').select(...CHECKPOINT_COLUMNS).where('seq', '>=', fromSeq);
  if (writer) q.where({ writer });
  return (await q.orderBy([{ column: 'writer' }, { column: 'seq' }, { column: 'id' }])).map(storedCheckpoint);
}

/**
 * Each writer's newest checkpoint that carries a valid anchor signature. Looks at the newest
 * first and only goes further back past a checkpoint that does not verify.
 */
export async function newestValidCheckpoints(db: Database, keys: readonly TrustedKey[]): Promise<Map<string, StoredCheckpoint>> {
  const found = new Map<string, StoredCheckpoint>();
  const newest = await db
    .knex('access_log_checkpoint')
    .distinctOn('writer')
    .select(...CHECKPOINT_COLUMNS)
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

const CHECKPOINT_COLUMNS = ['id', 'writer', 'seq', 'hash', 'at', 'signature', 'suite'];

function storedCheckpoint(r: Record<string, unknown>): StoredCheckpoint {
  return {
    suite: (r.suite ?? 'intl') as SuiteName,
    id: toCount(r.id),
    writer: String(r.writer),
    seq: toCount(r.seq),
    hash: String(r.hash),
    at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(),
    signature: String(r.signature),
  };
}

/** Stores a checkpoint with the suite it was signed in. */
export async function insertCheckpoint(db: Database, payload: CheckpointPayload, signature: string, suite: SuiteName): Promise<void> {
  await db.knex('access_log_checkpoint').insert({ ...payload, signature, suite });
}
