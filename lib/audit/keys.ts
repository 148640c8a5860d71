/** The keys the access log is written and verified with. */
import type { TrustedKey } from '../identity';
import type { CheckpointSigner } from './checkpoint';

/**
 * The access log's keys: the log key its chain is keyed with (every writing subgraph and the
 * verifier hold it), and the anchor's Ed25519 pair that signs checkpoints (only the platform
 * operator's sharing subgraph holds the private half; anyone may verify with the public one).
 */
export interface AuditKeys {
  key: Buffer;
  anchorKeys: TrustedKey[];
  /** Loads the anchor's signing key (only the process that anchors calls it). */
  anchorSigner(): Promise<CheckpointSigner>;
}

