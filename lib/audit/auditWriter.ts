/**
 * Group commit for one writer's chain: requests hand in their record and wait; while one
 * transaction is in flight the next records queue up, and the next transaction takes them
 * all. Under load that is one commit (one fsync, one lock of the chain head) for many
 * requests; when idle, a record is written at once — no timer adds latency.
 */
import type { AccessEntryInput } from './entry';
import type { AccessLog, StoredAccessEntry } from './accessLog';
import type { Logger } from '../log';

export interface AuditWriterOptions {
  /**
   * Longest a request waits for its record to be committed; past it the request's personal
   * data is withheld (the record may still land later: over-logging is safe, under-logging
   * is not). @default 5000 ms — far above a healthy commit, well below client timeouts.
   */
  timeoutMs?: number;
  /** Most records per transaction (bounds statement size). @default 500 */
  maxBatch?: number;
  /**
   * Longest the writer waits on one commit before it gives the batch up and goes on with the
   * next. The access log's own statement deadline (accessLog.ts, 5 s) normally ends a hung
   * commit first; this is the backstop for anything that still does not return (a transaction
   * whose rollback hangs), so one lost connection never stops the log. It is not the requests'
   * deadline: a record whose request gave up waiting (timeoutMs) is still committed, and a
   * graceful shutdown waits for it. @default 30000 ms
   */
  commitDeadlineMs?: number;
  log?: Logger;
  /** Told of every transaction: how many records, how long it took, whether it committed (metrics: lib/metrics). */
  onCommit?: (records: number, seconds: number, ok: boolean) => void;
}

/** Where subgraphs send their records. */
export interface AuditSink {
  append(entry: AccessEntryInput): Promise<void>;
}

interface Pending {
  entry: AccessEntryInput;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class AuditUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the access log could not be written: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'AuditUnavailable';
  }
}

export class AuditWriter implements AuditSink {
  private queue: Pending[] = [];
  private flushing?: Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxBatch: number;
  private readonly commitDeadlineMs: number;
  /** Records committed since start (for tests and metrics). */
  committed = 0;
  /** Commits given up on at their deadline since start (tests, metrics). */
  abandoned = 0;

  constructor(
    private readonly store: AccessLog,
    readonly writer: string,
    private readonly opts: AuditWriterOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxBatch = opts.maxBatch ?? 500;
    this.commitDeadlineMs = opts.commitDeadlineMs ?? 30_000;
  }

  /** Resolves when the record is committed; rejects with AuditUnavailable otherwise. */
  append(entry: AccessEntryInput): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.flush();
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuditUnavailable(new Error(`no commit within ${this.timeoutMs} ms`))), this.timeoutMs);
    });
    return Promise.race([committed, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * Resolves once every record handed in so far is committed (or has failed): graceful
   * shutdown calls it after the server stopped taking requests and before the database
   * closes, so no record waiting in the queue is lost. Records of requests still running
   * are waited for as well; appends keep working, this is a barrier, not a lock.
   */
  async drain(): Promise<void> {
    while (this.flushing || this.witnessing.size) await Promise.all([this.flushing, ...this.witnessing]);
  }

  /** Batches committed whose head the witness is still writing. */
  private readonly witnessing = new Set<Promise<void>>();

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        const failed = (err: unknown) => {
          this.opts.log?.error({ err, writer: this.writer, records: batch.length }, 'access log write failed');
          for (const p of batch) p.reject(new AuditUnavailable(err));
        };
        const started = process.hrtime.bigint();
        const took = () => Number(process.hrtime.bigint() - started) / 1e9;
        try {
          const { entries, witnessed } = await this.commitWithin(batch.map((p) => p.entry));
          this.committed += entries.length;
          this.opts.onCommit?.(entries.length, took(), true);
          // The next transaction need not wait for the witness; these requests do.
          const done = witnessed.then(() => batch.forEach((p) => p.resolve()), failed).finally(() => this.witnessing.delete(done));
          this.witnessing.add(done);
        } catch (err) {
          this.opts.onCommit?.(batch.length, took(), false);
          failed(err);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /**
   * The store's commit, or a rejection at the deadline. A commit given up on may still land
   * later: its records then stand in the chain although their requests were answered without
   * personal data (over-logging, which is safe), and the conditional append (accessLog.ts)
   * keeps the chain whole whichever of it and the next commit lands first.
   */
  private commitWithin(entries: AccessEntryInput[]): Promise<{ entries: StoredAccessEntry[]; witnessed: Promise<void> }> {
    const commit = this.store.commit(this.writer, entries);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.abandoned += 1;
        commit.then(
          () => this.opts.log?.warn({ writer: this.writer, records: entries.length }, 'access log commit landed after its deadline; its requests were answered without personal data'),
          () => undefined, // already reported as failed below
        );
        reject(new Error(`the access log commit did not return within ${this.commitDeadlineMs} ms`));
      }, this.commitDeadlineMs);
    });
    return Promise.race([commit, deadline]).finally(() => clearTimeout(timer));
  }
}
