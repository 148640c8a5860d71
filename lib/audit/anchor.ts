/**
 * The anchor: run by the platform operator's sharing subgraph. Every interval it verifies
 * each writer's chain from its last checkpoint to its head and, if the new part is intact,
 * signs a checkpoint at the head (checkpoint.ts), in its key's suite (Ed25519, or SM2 under
 * GOVGRAPH_CRYPTO=sm). A broken chain is reported loudly and never
 * anchored, so a checkpoint always vouches for a verified history.
 *
 * A chain that is intact but shorter than one the anchor saw before is broken too: the anchor
 * remembers every head it verified (in memory, and in the head witness so a restart does not
 * forget) and walks each chain against those and the witness's heads, so a cut of the newest
 * records — whether or not a checkpoint was signed since — is refused, never signed.
 */
import type { Database } from '../db';
import type { Logger } from '../log';
import type { TrustedKey } from '../identity';
import { insertCheckpoint, newestValidCheckpoints, signCheckpoint, CheckpointSigner } from './checkpoint';
import { verifyAccessLog, AuditProblem } from './verify';
import type { HeadWitness } from './witness';

export interface AnchorOptions {
  key: Buffer;
  signer: CheckpointSigner;
  /** The anchor's own public key(s), to recognise its earlier checkpoints. */
  anchorKeys: TrustedKey[];
  log: Logger;
  /** The head witness of this process (the access log's): read each round, and told each verified head. */
  witness?: HeadWitness;
}

export interface AnchorRound {
  /** Checkpoints signed in this round. */
  signed: number;
  problems: AuditProblem[];
}

export class AuditAnchor {
  private timer?: NodeJS.Timeout;
  private running?: Promise<AnchorRound>;
  /** The newest head of each chain this anchor verified. */
  private readonly seen = new Map<string, { seq: number; hash: string }>();

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
    const report = await verifyAccessLog(this.db, { key: this.opts.key, anchorKeys: this.opts.anchorKeys, from, witnessed: await this.knownHeads() });
    for (const p of report.problems) this.opts.log.error({ problem: p }, 'ACCESS LOG INTEGRITY: the chain is broken; not anchoring it');
    const intact = report.writers.filter((w) => !report.problems.some((p) => p.writer === w.writer));
    for (const w of intact) {
      const before = this.seen.get(w.writer);
      if (!before || w.lastSeq > before.seq) this.seen.set(w.writer, { seq: w.lastSeq, hash: w.lastHash });
    }
    // Written down before anything is signed: a restarted anchor still knows these heads.
    await this.opts.witness?.note(intact.filter((w) => w.lastSeq > 0).map((w) => ({ writer: w.writer, seq: w.lastSeq, hash: w.lastHash, by: 'anchor' as const })));
    let signed = 0;
    for (const w of intact) {
      if (w.lastSeq <= (from.get(w.writer)?.seq ?? 0)) continue; // nothing new
      const payload = { writer: w.writer, seq: w.lastSeq, hash: w.lastHash, at: new Date().toISOString() };
      const signature = await signCheckpoint(this.opts.signer, payload);
      await insertCheckpoint(this.db, payload, signature, this.opts.signer.suite);
      // A copy outside the database: whoever keeps the process logs keeps the anchors.
      this.opts.log.info({ checkpoint: payload, signature }, 'access log checkpoint');
      signed += 1;
    }
    return { signed, problems: report.problems };
  }

  /** The newest head of each chain known outside the database: verified here, or witnessed. */
  private async knownHeads(): Promise<Map<string, { seq: number; hash: string; at?: string; by?: string }>> {
    await this.opts.witness?.refresh();
    const known = new Map<string, { seq: number; hash: string; at?: string; by?: string }>([...this.seen].map(([w, h]) => [w, { ...h, by: 'anchor, in memory' }]));
    for (const [writer, h] of this.opts.witness?.heads() ?? []) {
      const mine = known.get(writer);
      if (!mine || h.seq > mine.seq) known.set(writer, h);
    }
    return known;
  }
}
