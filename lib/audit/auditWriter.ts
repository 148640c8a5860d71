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
  log?: Logger;
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
  private flushing = false;
  private readonly timeoutMs: number;
  private readonly maxBatch: number;
  /** Records committed since start (for tests and metrics). */
  committed = 0;

  constructor(
    private readonly store: AccessLog,
    readonly writer: string,
    private readonly opts: AuditWriterOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxBatch = opts.maxBatch ?? 500;
  }

  /** Resolves when the record is committed; rejects with AuditUnavailable otherwise. */
  append(entry: AccessEntryInput): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuditUnavailable(new Error(`no commit within ${this.timeoutMs} ms`))), this.timeoutMs);
    });
    return Promise.race([committed, timeout]).finally(() => clearTimeout(timer));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const stored: StoredAccessEntry[] = await this.store.append(this.writer, batch.map((p) => p.entry));
          this.committed += stored.length;
          for (const p of batch) p.resolve();
        } catch (err) {
          this.opts.log?.error({ err, writer: this.writer, records: batch.length }, 'access log write failed');
          for (const p of batch) p.reject(new AuditUnavailable(err));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
