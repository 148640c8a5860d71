/**
 * Archiving the access log: moving old records out of the live table without breaking what
 * `verify` can prove.
 *
 * For each chain, the records up to the newest signed checkpoint that is older than the
 * cut-off go to a JSON Lines file — the chain's starting point, the records exactly as stored
 * and the checkpoints that vouch for them — and a boundary row `(writer, seq, hash, file,
 * SHA-256 of the file)` records where the archived part ends; then they are deleted, in the
 * same transaction as the boundary is written. Verification of the live table starts at the
 * boundary, and accepts it only if a signed checkpoint says the same (so "archived" cannot
 * hide a plain deletion); the file is verified offline with {@link verifyArchiveFile}, with
 * the log key and the anchor's public key. Only a log that verifies is archived.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db';
import { toCount } from '../db';
import type { TrustedKey } from '../identity';
import { chainHash, GENESIS_HASH, type ChainSuite } from './entry';
import { checkpointIsValid, readCheckpoints, StoredCheckpoint } from './checkpoint';
import { verifyAccessLog, type VerifyOptions } from './verify';

export const ARCHIVE_FORMAT = 'govgraph-access-log-archive/1';

interface ChainLine {
  type: 'chain';
  format: typeof ARCHIVE_FORMAT;
  writer: string;
  /** Where this part of the chain starts: the previous boundary, or the genesis. */
  from: { seq: number; hash: string };
  to: { seq: number; hash: string };
  checkpoints: StoredCheckpoint[];
}

interface RecordLine {
  type: 'record';
  writer: string;
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
  body: string;
  /** Absent in archives written before the suite was recorded: those are intl. */
  suite?: ChainSuite;
}

export interface ArchiveOptions {
  key: Buffer;
  anchorKeys: TrustedKey[];
  /** Archive records older than this. */
  before: Date;
  /** The file to write (refused if it exists). */
  out: string;
  /** Chain heads known outside the database (verify.ts): a log cut short is not archived. */
  witnessed?: VerifyOptions['witnessed'];
}

export interface ArchivedChain {
  writer: string;
  fromSeq: number;
  toSeq: number;
  records: number;
}

/** Rows copied per round trip. */
const BATCH = 2000;

export async function archiveAccessLog(db: Database, opts: ArchiveOptions): Promise<{ chains: ArchivedChain[]; file: string; sha256: string }> {
  const report = await verifyAccessLog(db, { key: opts.key, anchorKeys: opts.anchorKeys, witnessed: opts.witnessed });
  if (report.problems.length) {
    const p = report.problems[0];
    throw new Error(`the access log does not verify (${p.kind} in chain ${p.writer} at ${p.seq}): it is not archived`);
  }
  if (fs.existsSync(opts.out)) throw new Error(`${opts.out} exists: archives are never overwritten`);
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });

  const plans: Array<{ line: ChainLine }> = [];
  const checkpoints = await readCheckpoints(db);
  for (const w of report.writers) {
    const boundary = await db.knex('access_log_archive').where({ writer: w.writer }).orderBy('seq', 'desc').first<{ seq: unknown; hash: string } | undefined>();
    const from = boundary ? { seq: toCount(boundary.seq), hash: boundary.hash } : { seq: 0, hash: GENESIS_HASH };
    // The newest signed checkpoint whose record is older than the cut-off ends the archive.
    const mine: StoredCheckpoint[] = [];
    for (const c of checkpoints) if (c.writer === w.writer && c.seq > from.seq && (await checkpointIsValid(c, opts.anchorKeys))) mine.push(c);
    // When were the checkpointed records written: one query for all of them.
    const times = new Map<number, number>();
    if (mine.length) {
      const rows = await db.knex('access_log').where({ writer: w.writer }).whereIn('seq', mine.map((c) => c.seq)).select('seq', 'at');
      for (const r of rows) times.set(toCount(r.seq), new Date(r.at).getTime());
    }
    const end = mine.filter((c) => (times.get(c.seq) ?? Infinity) < opts.before.getTime()).sort((a, b) => b.seq - a.seq)[0];
    if (!end) continue;
    plans.push({ line: { type: 'chain', format: ARCHIVE_FORMAT, writer: w.writer, from, to: { seq: end.seq, hash: end.hash }, checkpoints: mine.filter((c) => c.seq <= end!.seq) } });
  }
  if (!plans.length) return { chains: [], file: opts.out, sha256: '' };

  // Write the file first; the database is changed only once it is safely on disk.
  const fd = fs.openSync(opts.out, 'wx', 0o444);
  const hash = createHash('sha256');
  const write = (line: object) => {
    const text = `${JSON.stringify(line)}\n`;
    hash.update(text);
    fs.writeSync(fd, text);
  };
  const chains: ArchivedChain[] = [];
  try {
    for (const { line } of plans) {
      write(line);
      let after = line.from.seq;
      let count = 0;
      for (;;) {
        const rows = await db
          .knex('access_log')
          .where({ writer: line.writer })
          .andWhere('seq', '>', after)
          .andWhere('seq', '<=', line.to.seq)
          .orderBy('seq')
          .limit(BATCH)
          .select('id', 'seq', 'prev_hash', 'hash', 'body', 'suite');
        if (!rows.length) break;
        for (const r of rows) write({ type: 'record', writer: line.writer, id: toCount(r.id), seq: toCount(r.seq), prev_hash: r.prev_hash, hash: r.hash, body: r.body, suite: r.suite } satisfies RecordLine);
        count += rows.length;
        after = toCount(rows[rows.length - 1].seq);
      }
      chains.push({ writer: line.writer, fromSeq: line.from.seq, toSeq: line.to.seq, records: count });
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const sha256 = hash.digest('hex');
  await db.knex.transaction(async (trx) => {
    for (const { line } of plans) {
      await trx('access_log_archive').insert({ writer: line.writer, seq: line.to.seq, hash: line.to.hash, archived_at: new Date().toISOString(), location: path.resolve(opts.out), sha256 });
      await trx('access_log').where({ writer: line.writer }).andWhere('seq', '<=', line.to.seq).del();
    }
  });
  return { chains, file: opts.out, sha256 };
}

export interface ArchiveVerification {
  records: number;
  chains: number;
  sha256: string;
  problems: string[];
}

/**
 * Verifies an archive file on its own: every record's keyed hash, the chain from its starting
 * point to its end without gaps, and the anchor's signature on the checkpoint it ends at.
 */
export async function verifyArchiveFile(file: string, opts: { key: Buffer; anchorKeys: TrustedKey[] }): Promise<ArchiveVerification> {
  const text = fs.readFileSync(file, 'utf8');
  const problems: string[] = [];
  let chain: ChainLine | undefined;
  let prev = '';
  let expected = 0;
  let records = 0;
  let chains = 0;
  const finish = async () => {
    if (!chain) return;
    if (expected - 1 !== chain.to.seq || prev !== chain.to.hash) problems.push(`chain ${chain.writer}: ends at ${expected - 1}, the archive says ${chain.to.seq}`);
    const end = chain.checkpoints.find((c) => c.seq === chain!.to.seq && c.hash === chain!.to.hash);
    if (!end || !(await checkpointIsValid(end, opts.anchorKeys))) problems.push(`chain ${chain.writer}: no valid signed checkpoint at its end (${chain.to.seq})`);
  };
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw) continue;
    let line: ChainLine | RecordLine;
    try {
      line = JSON.parse(raw) as ChainLine | RecordLine;
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      break;
    }
    if (line.type === 'chain') {
      await finish();
      if (line.format !== ARCHIVE_FORMAT) problems.push(`line ${i + 1}: unknown format ${String(line.format)}`);
      chain = line;
      chains += 1;
      prev = line.from.hash;
      expected = line.from.seq + 1;
      continue;
    }
    if (!chain || line.writer !== chain.writer) {
      problems.push(`line ${i + 1}: a record outside its chain`);
      break;
    }
    if (line.seq !== expected) problems.push(`chain ${chain.writer}: record ${expected} is missing (line ${i + 1} holds ${line.seq})`);
    else if (line.prev_hash !== prev || chainHash(opts.key, line.prev_hash, line.body, line.suite ?? 'intl') !== line.hash) problems.push(`chain ${chain.writer}: record ${line.seq} (line ${i + 1}) was altered`);
    if (problems.length) break;
    prev = line.hash;
    expected = line.seq + 1;
    records += 1;
  }
  if (!problems.length) await finish();
  return { records, chains, sha256: createHash('sha256').update(text).digest('hex'), problems };
}
