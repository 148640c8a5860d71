/**
 * The head witness: each chain's newest head, kept outside the platform database, so that
 * someone who can write that database (but not this disk) cannot cut the newest records off
 * unnoticed.
 *
 * The keyed chain (entry.ts) stops edits, insertions and deletions in the middle; signed
 * checkpoints (checkpoint.ts) fix history up to the anchor's last round. What neither can see
 * is the newest records deleted together with the chain head set back to the last remaining
 * one: what is left is a perfect, shorter chain. So every writer notes each head it commits
 * here — before the request whose record it is gets its answer — and the anchor notes every
 * head it verifies. `verify` then finds a chain that ends below a witnessed head (truncated),
 * or holds another record where a witnessed head was (rewritten); a restarted writer finds
 * the database's head below the one it witnessed (accessLog.ts).
 *
 * Storage: one append-only file of JSON lines per witness directory, one line per committed
 * batch, each line MACed with the log key (so no one without the key can plant a head in it) —
 * HMAC-SHA-256, or HMAC-SM3 under GOVGRAPH_CRYPTO=sm, the line then saying `"suite":"sm"`
 * (lines without it are intl, as every line written before the suite was recorded; both are
 * read, whatever the suite in force, so a witness kept across a switch still vouches),
 * on disk (O_DSYNC) before the append that wrote it resolves. Lines of several
 * writers and of concurrent appends are written together, one write and one fdatasync for
 * all of them, as the access log's group commit does for records. Several processes on one
 * host may share the directory: O_APPEND keeps their lines whole. The file is compacted to the
 * newest head per chain when it grows past a limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cryptoSuiteName } from '../config';
import { chainHash, canonicalJson, type ChainSuite } from './entry';

/** A chain head as the witness saw it. */
export interface WitnessedHead {
  writer: string;
  seq: number;
  hash: string;
  /** When it was witnessed (ISO 8601 UTC). */
  at: string;
  /** Who witnessed it: the chain's `writer` itself as it committed, or the `anchor` as it verified. */
  by: 'writer' | 'anchor';
}

/** The file in a witness directory. */
export const WITNESS_FILE = 'heads.jsonl';

/**
 * Compact the file past this size. @default 8 MiB — about 40,000 lines: a few minutes of a
 * busy installation, and a file any process reads in milliseconds at start.
 */
const COMPACT_BYTES = 8 * 1024 * 1024;

/** Domain separation: a witness line's MAC can never equal a record's chain hash. */
const MAC_CONTEXT = 'govgraph-head-witness/1';

interface Line {
  head: WitnessedHead;
  text: string;
}

export class HeadWitness {
  readonly file: string;
  private readonly newest = new Map<string, Line>();
  /** Complete lines whose MAC did not verify (tampering, or a different log key). */
  rejected = 0;
  private fd?: fs.promises.FileHandle;
  private closed = false;
  private ino = 0;
  /** The file's size as this process knows it (its own appends since it looked). */
  private size = 0;
  /** Bytes of the file read so far (to pick up lines other processes appended). */
  private readOffset = 0;
  /** The inode that offset is in (a compaction replaces the file). */
  private readIno = 0;
  private pending: Array<{ text: string; resolve: () => void; reject: (err: Error) => void }> = [];
  private flushing?: Promise<void>;

  private constructor(
    readonly dir: string,
    private readonly key: Buffer,
    private readonly compactBytes: number,
    /** Whose MAC the lines this process writes carry. */
    readonly suite: ChainSuite,
  ) {
    this.file = path.join(dir, WITNESS_FILE);
  }

  /**
   * Opens (creating it if need be) the witness in `dir` and reads what it holds.
   * @param compactBytes compaction threshold (tests make it small). @default 8 MiB
   * @param suite whose MAC the lines written carry. @default GOVGRAPH_CRYPTO's
   */
  static async open(dir: string, key: Buffer, compactBytes = COMPACT_BYTES, suite: ChainSuite = cryptoSuiteName()): Promise<HeadWitness> {
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const w = new HeadWitness(dir, key, compactBytes, suite);
    await w.openFile();
    await w.refresh();
    return w;
  }

  /**
   * Reads a witness without opening it for writing (`govgraph audit verify`); undefined when
   * there is none in `dir`.
   */
  static async read(dir: string, key: Buffer): Promise<HeadWitness | undefined> {
    const w = new HeadWitness(dir, key, COMPACT_BYTES, cryptoSuiteName());
    if (!fs.existsSync(w.file)) return undefined;
    await w.refresh();
    return w;
  }

  /** The newest head witnessed for `writer`. */
  head(writer: string): WitnessedHead | undefined {
    return this.newest.get(writer)?.head;
  }

  /** The newest head witnessed for every chain. */
  heads(): Map<string, WitnessedHead> {
    return new Map([...this.newest].map(([w, l]) => [w, l.head]));
  }

  /**
   * Witnesses heads: resolves once every one that is newer than what the witness holds is on
   * disk. Rejects if it cannot be written — the caller must then treat its records as not
   * safely logged.
   */
  note(heads: Array<Omit<WitnessedHead, 'at'>>): Promise<void> {
    const at = new Date().toISOString();
    const lines: Line[] = [];
    for (const h of heads) {
      const known = this.newest.get(h.writer)?.head;
      if (known && known.seq >= h.seq) continue;
      const head: WitnessedHead = { writer: h.writer, seq: h.seq, hash: h.hash, at, by: h.by };
      const suite = this.suite === 'sm' ? { suite: this.suite } : {};
      const line = { text: `${JSON.stringify({ ...head, ...suite, mac: this.mac(head, this.suite) })}\n`, head };
      this.newest.set(h.writer, line);
      lines.push(line);
    }
    if (!lines.length) return this.flushing ?? Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ text: lines.map((l) => l.text).join(''), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Picks up lines other processes sharing the directory appended since the last read. */
  async refresh(): Promise<void> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      const stat = await handle.stat();
      if (stat.ino !== this.readIno || stat.size < this.readOffset) this.readOffset = 0; // compacted
      this.readIno = stat.ino;
      if (stat.size <= this.readOffset) return;
      const buf = Buffer.alloc(stat.size - this.readOffset);
      await handle.read(buf, 0, buf.length, this.readOffset);
      // Only whole lines: a line still being written (or torn by a crash) is read next time.
      const end = buf.lastIndexOf(0x0a) + 1;
      this.readOffset += end;
      for (const text of buf.subarray(0, end).toString('utf8').split('\n')) if (text) this.accept(`${text}\n`);
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    const fd = this.fd;
    this.fd = undefined;
    await fd?.close();
  }

  /**
   * The line's MAC in `suite`. An sm line's MAC covers its suite too; an intl line's is what it
   * always was, so the lines of older witness files still verify.
   */
  private mac(h: WitnessedHead, suite: ChainSuite): string {
    const fields = { writer: h.writer, seq: h.seq, hash: h.hash, at: h.at, by: h.by };
    return chainHash(this.key, MAC_CONTEXT, canonicalJson(suite === 'intl' ? fields : { ...fields, suite }), suite);
  }

  /** Takes a line read from the file if its MAC holds and it is newer than what is known. */
  private accept(text: string): void {
    let parsed: WitnessedHead & { mac?: string; suite?: unknown };
    try {
      parsed = JSON.parse(text);
    } catch {
      this.rejected += 1;
      return;
    }
    const head: WitnessedHead = { writer: String(parsed.writer), seq: Number(parsed.seq), hash: String(parsed.hash), at: String(parsed.at), by: parsed.by === 'anchor' ? 'anchor' : 'writer' };
    const suite: ChainSuite | undefined = parsed.suite === undefined ? 'intl' : parsed.suite === 'sm' ? 'sm' : undefined;
    if (!Number.isSafeInteger(head.seq) || suite === undefined || parsed.mac !== this.mac(head, suite)) {
      this.rejected += 1;
      return;
    }
    const known = this.newest.get(head.writer)?.head;
    if (!known || head.seq > known.seq) this.newest.set(head.writer, { head, text });
  }

  /**
   * O_APPEND keeps lines of several processes whole; O_DSYNC makes each write reach the disk
   * before it returns — the write and the flush in one system call.
   */
  private async openFile(): Promise<void> {
    const { O_WRONLY, O_CREAT, O_APPEND, O_DSYNC } = fs.constants;
    this.fd = await fs.promises.open(this.file, O_WRONLY | O_CREAT | O_APPEND | O_DSYNC, 0o600);
    const stat = await this.fd.stat();
    this.ino = stat.ino;
    this.size = stat.size;
  }

  private async append(data: Buffer): Promise<void> {
    for (let at = 0; at < data.length; ) at += (await this.fd!.write(data, at, data.length - at)).bytesWritten;
    this.size += data.length;
  }

  /** Writes what is pending — one synchronous write per round — until nothing is. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        try {
          if (this.closed) throw new Error('the head witness is closed');
          // Another process sharing the directory may have compacted the file: follow it. (A
          // stat of a file just written is served from the inode cache: microseconds.)
          if (!this.fd || fs.statSync(this.file, { throwIfNoEntry: false })?.ino !== this.ino) {
            const stale = this.fd;
            this.fd = undefined;
            await stale?.close();
            await this.openFile();
          }
          await this.append(Buffer.from(batch.map((p) => p.text).join(''), 'utf8'));
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err as Error);
          continue;
        }
        if (this.size > this.compactBytes) await this.compact().catch(() => undefined);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /**
   * Rewrites the file as the newest line per chain. Lines are kept as written (their MACs
   * too). Another process's line appended to the old file while this runs is copied over
   * after the rename; one appended in the microseconds between its own check and write is
   * lost until its next commit witnesses a newer head.
   */
  private async compact(): Promise<void> {
    await this.refresh();
    // Someone else compacted it meanwhile: the next flush follows their file.
    if (this.readIno !== this.ino) return;
    const readUpTo = this.readOffset;
    // The old file stays readable through this handle after the rename, for the lines other
    // processes append to it meanwhile.
    const old = await fs.promises.open(this.file, 'r');
    try {
      const tmp = `${this.file}.${process.pid}.tmp`;
      const out = await fs.promises.open(tmp, 'w', 0o600);
      try {
        await out.writeFile([...this.newest.values()].map((l) => l.text).join(''));
        await out.sync();
      } finally {
        await out.close();
      }
      await fs.promises.rename(tmp, this.file);
      await syncDir(this.dir);
      const stale = this.fd;
      this.fd = undefined; // the next flush opens the new file if this fails
      await stale?.close();
      await this.openFile();
      this.readOffset = 0;
      this.readIno = 0;
      const tail = await readFrom(old, readUpTo);
      if (tail.length) {
        for (const text of tail.toString('utf8').split('\n')) if (text) this.accept(`${text}\n`);
        await this.append(tail);
      }
    } finally {
      await old.close();
    }
  }
}

async function readFrom(handle: fs.promises.FileHandle, offset: number): Promise<Buffer> {
  const size = (await handle.stat()).size;
  if (size <= offset) return Buffer.alloc(0);
  const buf = Buffer.alloc(size - offset);
  await handle.read(buf, 0, buf.length, offset);
  return buf.subarray(0, buf.lastIndexOf(0x0a) + 1);
}

/** Makes a rename durable. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
