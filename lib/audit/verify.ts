/**
 * `govgraph audit verify`: recomputes every chain of the access log and reports the first
 * record that was altered, inserted or deleted, any signed checkpoint the log no longer
 * matches, and any chain that ends below a head witnessed outside the database (witness.ts).
 * The anchor (anchor.ts) runs the same walk incrementally.
 */
import type { Database } from '../db';
import { toCount } from '../db';
import type { TrustedKey } from '../identity';
import { AccessEntry, chainHash, GENESIS_HASH, parseEntryBody } from './entry';
import { AccessLogRow, expectedColumns } from './accessLog';
import { checkpointIsValid, readCheckpoints } from './checkpoint';

export type AuditProblemKind = 'altered' | 'inserted' | 'deleted' | 'truncated' | 'bad-checkpoint' | 'bad-archive';

export interface AuditProblem {
  kind: AuditProblemKind;
  writer: string;
  /** The record's place in its chain (for `deleted`: the first missing one). */
  seq: number;
  /** The row id, when there is a row. */
  id?: number;
  detail: string;
}

export interface WriterReport {
  writer: string;
  /** Records checked. */
  records: number;
  lastSeq: number;
  lastHash: string;
  /** Valid checkpoints found for this writer, the newest last. */
  checkpoints: number;
}

export interface VerifyReport {
  records: number;
  checkpoints: number;
  writers: WriterReport[];
  /** At most one per writer: the walk of a chain stops at its first problem. */
  problems: AuditProblem[];
}

export interface VerifyOptions {
  /** The log key the chain is keyed with. */
  key: Buffer;
  /** The anchor's public keys; checkpoints signed by anything else are reported. */
  anchorKeys: TrustedKey[];
  /** Only this writer. @default every writer */
  writer?: string;
  /**
   * Start after this checkpoint instead of at the genesis (the anchor's incremental walk);
   * records before it are taken as verified. Without it, each chain starts where its
   * archived part ends (access_log_archive), or at the genesis.
   */
  from?: Map<string, { seq: number; hash: string }>;
  /**
   * Chain heads known outside the database (the head witness, the anchor's memory): a chain
   * must still reach each one, through exactly that record. Without them, the newest records
   * cut off together with the head row leave a chain nothing in the database can tell from a
   * whole one.
   */
  witnessed?: Map<string, { seq: number; hash: string; at?: string; by?: string }>;
}

/** Rows read per round trip: keeps memory flat on a log of any size. */
const BATCH = 2000;

export async function verifyAccessLog(db: Database, opts: VerifyOptions): Promise<VerifyReport> {
  const writers = await writerNames(db, opts.writer, opts.witnessed);
  const report: VerifyReport = { records: 0, checkpoints: 0, writers: [], problems: [] };
  for (const writer of writers) {
    const { summary, problem } = await verifyWriter(db, writer, opts);
    report.records += summary.records;
    report.checkpoints += summary.checkpoints;
    report.writers.push(summary);
    if (problem) report.problems.push(problem);
  }
  return report;
}

async function writerNames(db: Database, only?: string, witnessed?: VerifyOptions['witnessed']): Promise<string[]> {
  if (only) return [only];
  const names = new Set<string>();
  for (const table of ['access_log_head', 'access_log_checkpoint', 'access_log_archive']) {
    for (const r of await db.knex(table).distinct('writer')) names.add(String((r as { writer: string }).writer));
  }
  // A chain deleted outright (rows, head, checkpoints) is still known to the witness.
  for (const writer of witnessed?.keys() ?? []) names.add(writer);
  // Rows whose writer has no head (the head row deleted) must be walked too.
  for (const r of await db.knex('access_log').distinct('writer')) names.add(String((r as { writer: string }).writer));
  return [...names].sort();
}

async function verifyWriter(db: Database, writer: string, opts: VerifyOptions): Promise<{ summary: WriterReport; problem?: AuditProblem }> {
  const archived = opts.from ? undefined : await archiveBoundary(db, writer);
  // Only the checkpoints from where the walk starts matter: an incremental walk (the anchor's,
  // every minute) must not re-check every signature the log ever had.
  const checkpointRows = await readCheckpoints(db, writer, (opts.from?.get(writer) ?? archived)?.seq ?? 0);
  if (archived) {
    // Archiving removes history only up to a signed checkpoint; a boundary that no valid
    // checkpoint vouches for would hide a deletion behind the word "archived".
    const vouched = await Promise.all(checkpointRows.filter((c) => c.seq === archived.seq && c.hash === archived.hash).map((c) => checkpointIsValid(c, opts.anchorKeys)));
    if (!vouched.includes(true)) {
      return {
        summary: { writer, records: 0, lastSeq: archived.seq, lastHash: archived.hash, checkpoints: 0 },
        problem: { kind: 'bad-archive', writer, seq: archived.seq, detail: `the archive boundary at ${archived.seq} matches no signed checkpoint: records before it were removed without being archived` },
      };
    }
  }
  const start = opts.from?.get(writer) ?? archived;
  const head = await db.knex('access_log_head').where({ writer }).first<{ seq: unknown; hash: string } | undefined>();
  const headSeq = head ? toCount(head.seq) : undefined;

  // Checkpoints: each must carry the anchor's signature over exactly its columns.
  const signed = new Map<number, string>();
  let problem: AuditProblem | undefined;
  for (const c of checkpointRows) {
    if (start && c.seq <= start.seq) continue; // taken as verified, like the records before it
    if (await checkpointIsValid(c, opts.anchorKeys)) signed.set(c.seq, c.hash);
    else problem ??= { kind: 'bad-checkpoint', writer, seq: c.seq, detail: `checkpoint #${c.id} does not carry a valid anchor signature over its contents` };
  }
  const summary: WriterReport = { writer, records: 0, lastSeq: start?.seq ?? 0, lastHash: start?.hash ?? GENESIS_HASH, checkpoints: signed.size };
  if (problem) return { summary, problem };
  const fromCheckpoint = opts.from?.get(writer);
  if (fromCheckpoint) {
    // The incremental walk takes the records up to its checkpoint as verified; they must at
    // least still be there — a cut reaching below the checkpoint would otherwise go unseen.
    problem = await checkpointedRecordIsThere(db, writer, fromCheckpoint);
    if (problem) return { summary, problem };
  }
  const witnessed = opts.witnessed?.get(writer);
  const seenBy = witnessed ? `the head witness${witnessed.by ? ` (${witnessed.by})` : ''}${witnessed.at ? ` at ${witnessed.at}` : ''}` : '';

  let expected = (start?.seq ?? 0) + 1;
  let prev = start?.hash ?? GENESIS_HASH;
  let prevId: number | undefined;
  let after = start?.seq ?? 0;
  for (;;) {
    const rows: AccessLogRow[] = await db
      .knex('access_log')
      .where({ writer })
      .andWhere('seq', '>', after)
      .orderBy([{ column: 'seq' }, { column: 'id' }])
      .limit(BATCH);
    if (!rows.length) break;
    for (const raw of rows) {
      const row = { ...raw, id: toCount(raw.id), seq: toCount(raw.seq) };
      const at = (kind: AuditProblemKind, seq: number, detail: string, id: number | undefined = row.id): AuditProblem => ({ kind, writer, seq, id, detail });
      if (row.seq < expected) return { summary, problem: at('inserted', row.seq, `a second record #${row.id} claims place ${row.seq} in the chain`) };
      if (row.seq > expected) {
        const missing = row.seq - expected === 1 ? `record ${expected} is` : `records ${expected}–${row.seq - 1} are`;
        return { summary, problem: at('deleted', expected, `${missing} missing before record #${row.id}`, undefined) };
      }
      if (chainHash(opts.key, row.prev_hash, row.body, row.suite ?? 'intl') !== row.hash) {
        const beyondHead = headSeq !== undefined && row.seq > headSeq;
        return {
          summary,
          problem: beyondHead
            ? at('inserted', row.seq, `record #${row.id} lies beyond the chain head and its hash is not one the log key makes`)
            : at('altered', row.seq, `record #${row.id}: its content no longer matches its hash`),
        };
      }
      if (row.prev_hash !== prev) {
        // This record is intact, so what it remembers as its predecessor was replaced.
        return { summary, problem: at('altered', row.seq - 1, `the record before #${row.id} was replaced (its hash is not the one #${row.id} was chained to)`, prevId) };
      }
      const problemInColumns = columnsDiffer(row);
      if (problemInColumns) return { summary, problem: at('altered', row.seq, `record #${row.id}: ${problemInColumns}`) };
      const anchored = signed.get(row.seq);
      if (anchored !== undefined && anchored !== row.hash) {
        return { summary, problem: at('altered', row.seq, `the chain up to record #${row.id} differs from the signed checkpoint at ${row.seq}: history was rewritten`) };
      }
      if (witnessed && witnessed.seq === row.seq && witnessed.hash !== row.hash) {
        return { summary, problem: at('altered', row.seq, `the chain up to record #${row.id} differs from the head ${seenBy} saw at ${row.seq}: history was rewritten`) };
      }
      prev = row.hash;
      prevId = row.id;
      summary.records += 1;
      summary.lastSeq = row.seq;
      summary.lastHash = row.hash;
      expected += 1;
    }
    after = toCount(rows[rows.length - 1].seq);
  }

  const last = expected - 1;
  const newestCheckpoint = Math.max(0, ...signed.keys());
  if (newestCheckpoint > last) {
    return { summary, problem: { kind: 'truncated', writer, seq: last + 1, detail: `records ${last + 1}–${newestCheckpoint} were signed in a checkpoint but are gone` } };
  }
  if (witnessed && witnessed.seq > last) {
    return { summary, problem: { kind: 'truncated', writer, seq: last + 1, detail: `records ${last + 1}–${witnessed.seq} were committed (${seenBy} saw the head at ${witnessed.seq}) but are gone` } };
  }
  if (headSeq !== undefined && headSeq > last) {
    return { summary, problem: { kind: 'deleted', writer, seq: last + 1, detail: `the chain head is at ${headSeq} but the records after ${last} are missing` } };
  }
  if (headSeq !== undefined && headSeq === last && head!.hash !== prev && last > 0) {
    return { summary, problem: { kind: 'altered', writer, seq: last, detail: 'the chain head does not match the last record' } };
  }
  if (headSeq !== undefined && headSeq < last) {
    // Appends made during the walk move the head too: only a head still behind is set back.
    const now = await db.knex('access_log_head').where({ writer }).first<{ seq: unknown } | undefined>();
    if (!now || toCount(now.seq) < last) {
      return { summary, problem: { kind: 'altered', writer, seq: last, detail: `the chain head was set back to ${now ? toCount(now.seq) : 'nothing'}, behind record ${last}` } };
    }
  }
  return { summary };
}

/** Whether the record an incremental walk starts after is still there, as signed. */
async function checkpointedRecordIsThere(db: Database, writer: string, from: { seq: number; hash: string }): Promise<AuditProblem | undefined> {
  if (from.seq === 0) return undefined;
  const row = await db.knex('access_log').where({ writer, seq: from.seq }).first<{ id: unknown; hash: string } | undefined>('id', 'hash');
  if (row) {
    return row.hash === from.hash
      ? undefined
      : { kind: 'altered', writer, seq: from.seq, id: toCount(row.id), detail: `record ${from.seq} differs from the signed checkpoint at it: history was rewritten` };
  }
  const archived = await archiveBoundary(db, writer);
  if (archived && archived.seq >= from.seq) return undefined; // archived, as archive.ts does
  return { kind: 'truncated', writer, seq: from.seq, detail: `record ${from.seq}, signed in a checkpoint, is gone: the chain was cut below its last checkpoint` };
}

/** Where the archived part of a writer's chain ends, if any of it was archived. */
async function archiveBoundary(db: Database, writer: string): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.knex('access_log_archive').where({ writer }).orderBy('seq', 'desc').first<{ seq: unknown; hash: string } | undefined>();
  return row ? { seq: toCount(row.seq), hash: row.hash } : undefined;
}

/** Whether the row's index columns still say what its body says; a description if not. */
function columnsDiffer(row: AccessLogRow): string | null {
  let entry: AccessEntry;
  try {
    entry = parseEntryBody(row.body);
  } catch {
    return 'its body is not JSON';
  }
  if (entry.writer !== row.writer || entry.seq !== toCount(row.seq)) return 'it was moved to another place in the chain';
  const want = expectedColumns(entry);
  const have = row as unknown as Record<string, unknown>;
  for (const [column, value] of Object.entries(want)) {
    const actual = have[column];
    const same =
      column === 'at'
        ? new Date(actual as string).getTime() === new Date(value as string).getTime()
        : column === 'seq'
          ? toCount(actual) === value
          : JSON.stringify(actual ?? null) === JSON.stringify(value ?? null);
    if (!same) return `column ${column} was changed (it no longer says what the hashed record says)`;
  }
  return null;
}
