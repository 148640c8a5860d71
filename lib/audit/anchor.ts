/**
 * The anchor: run by the platform operator's sharing subgraph. Every interval it verifies
 * each writer's chain from its last checkpoint to its head and, if the new part is intact,
 * signs a checkpoint at the head (checkpoint.ts). A broken chain is reported loudly and never
 * anchored, so a checkpoint always vouches for a verified history.
 */
import type { Database } from '../db';
import type { Logger } from '../log';
import type { TrustedKey } from '../identity';
import { insertCheckpoint, newestValidCheckpoints, signCheckpoint, CheckpointSigner } from './checkpoint';
import { verifyAccessLog, AuditProblem } from './verify';

export interface AnchorOptions {
  key: Buffer;
  signer: CheckpointSigner;
  /** The anchor's own public key(s), to recognise its earlier checkpoints. */
  anchorKeys: TrustedKey[];
  log: Logger;
}

export interface AnchorRound {
  /** Checkpoints signed in this round. */
  signed: number;
  problems: AuditProblem[];
}

export class AuditAnchor {
  private timer?: NodeJS.Timeout;
  private running?: Promise<AnchorRound>;

  constructor(private readonly db: Database, private readonly opts: AnchorOptions) {}

  /** One round now (tests, `govgraph audit checkpoint`); rounds never overlap. */
  round(): Promise<AnchorRound> {
    this.running ??= this.doRound().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * @param intervalMs how often. @default 60 s — the window in which the newest records are
   *   protected by the keyed chain alone.
   */
  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => {
      this.round().catch((err) => this.opts.log.error({ err }, 'access log anchoring failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async doRound(): Promise<AnchorRound> {
    // Start each writer after its newest checkpoint that carries our signature.
    const from = new Map<string, { seq: number; hash: string }>();
    for (const [writer, c] of await newestValidCheckpoints(this.db, this.opts.anchorKeys)) from.set(writer, { seq: c.seq, hash: c.hash });
    const report = await verifyAccessLog(this.db, { key: this.opts.key, anchorKeys: this.opts.anchorKeys, from });
    for (const p of report.problems) this.opts.log.error({ problem: p }, 'ACCESS LOG INTEGRITY: the chain is broken; not anchoring it');
    let signed = 0;
    for (const w of report.writers) {
      if (report.problems.some((p) => p.writer === w.writer)) continue;
      if (w.lastSeq <= (from.get(w.writer)?.seq ?? 0)) continue; // nothing new
      const payload = { writer: w.writer, seq: w.lastSeq, hash: w.lastHash, at: new Date().toISOString() };
      const signature = await signCheckpoint(this.opts.signer, payload);
      await insertCheckpoint(this.db, payload, signature);
      // A copy outside the database: whoever keeps the process logs keeps the anchors.
      this.opts.log.info({ checkpoint: payload, signature }, 'access log checkpoint');
      signed += 1;
    }
    return { signed, problems: report.problems };
  }
}
