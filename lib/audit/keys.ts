/** The keys the access log is written and verified with. */
import type { TrustedKey } from '../identity';
import type { CheckpointSigner } from './checkpoint';

/**
 * The access log's keys: the log key its chain is keyed with (every writing subgraph and the
 * verifier hold it), and the anchor's key pair that signs checkpoints — Ed25519, or SM2 under
 * GOVGRAPH_CRYPTO=sm (only the platform operator's sharing subgraph holds the private half;
 * anyone may verify with the public one, and after a switch of suite the old public key stays
 * among `anchorKeys` for the checkpoints signed before it).
 */
export interface AuditKeys {
  key: Buffer;
  anchorKeys: TrustedKey[];
  /** Loads the anchor's signing key (only the process that anchors calls it). */
  anchorSigner(): Promise<CheckpointSigner>;
}

