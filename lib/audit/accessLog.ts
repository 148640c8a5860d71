/**
 * The access log's storage, in the platform operator's PostgreSQL database (the sharing
 * subgraph's; embedded PGlite by default).
 *
 * Tables
 * - `access_log`: one row per record. `body` is the canonical JSON that was hashed; the other
 *   columns index it. Each row carries its writer's `seq`, the previous row's hash and its own.
 * - `access_log_head`: each writer's last `seq` and hash. Appends lock this row, so several
 *   replicas of one subgraph (same writer) still build one gap-free chain.
 * - `access_log_checkpoint`: signed anchors (see checkpoint.ts), each with its `suite`.
 *
 * The newest records are guarded outside the database: every head this process commits is
 * remembered, and witnessed (witness.ts) before the append resolves. A head found set back —
 * the newest records cut off and the head row rewound to the last one left — is reported and
 * set forward again, so the cut shows as a gap that `verify` reports (see currentHead).
 *
 * Index plan (README, "The access log"): `(at)` for time ranges and retention; `(dept, at)`,
 * `(user_id, at)`, `(provider, at)` for the officers' searches; GIN on `subjects` for the
 * citizen view (who read 身份号码 X) and on `paths` for "who read Person.phone"; `(request_id)`
 * to join a request's records; `(writer, seq)` unique for the chain; `(grant_id, at)` (partial:
 * only rows read under a grant) for "what was read under grant G" — measured on 100,000 rows,
 * a rare grant's newest 50 took 34 ms scanning `(at)` backwards and 0.8 ms with it; `(purpose,
 * at)` (partial) for the same reason — a common purpose fills a page from `(at)` at once, a rare
 * one scanned the whole log (210 ms on 100,000 records); GIN on the decision terms (each decision
 * and its kind) for "who was refused, and why" (test/console/access-log-scale.test.ts).
 */
import type { Knex } from 'knex';
import type { Database } from '../db';
import { toCount } from '../db';
import { serviceLogger, type Logger } from '../log';
import type { HeadWitness } from './witness';
import { cryptoSuiteName } from '../config';
import { AccessEntry, AccessEntryInput, type ChainSuite, chainHash, decisionsOf, entryBody, GENESIS_HASH, parseEntryBody, pathsOf, subjectsOf } from './entry';

const DDL = [
  `CREATE TABLE IF NOT EXISTS access_log (
    id          bigserial PRIMARY KEY,
    writer      text        NOT NULL,
    seq         bigint      NOT NULL,
    request_id  text        NOT NULL,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL,
    service     text        NOT NULL,
    provider    text        NOT NULL,
    user_id     text        NOT NULL,
    dept        text        NOT NULL,
    purpose     text,
    grant_id    text,
    subjects    text[]      NOT NULL,
    paths       text[]      NOT NULL,
    decisions   text[]      NOT NULL,
    body        text        NOT NULL,
    prev_hash   char(64)    NOT NULL,
    hash        char(64)    NOT NULL,
    CONSTRAINT access_log_chain UNIQUE (writer, seq)
  )`,
  // Which suite's MAC made the record's hash (lib/audit/entry.ts chainHash); older rows are intl.
  "ALTER TABLE access_log ADD COLUMN IF NOT EXISTS suite text NOT NULL DEFAULT 'intl'",
  'CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at)',
  // (lz4 for the large columns is set in migrate(), where the server supports it.)
  'CREATE INDEX IF NOT EXISTS access_log_dept_at ON access_log (dept, at)',
  'CREATE INDEX IF NOT EXISTS access_log_user_at ON access_log (user_id, at)',
  'CREATE INDEX IF NOT EXISTS access_log_provider_at ON access_log (provider, at)',
  'CREATE INDEX IF NOT EXISTS access_log_request ON access_log (request_id)',
  'CREATE INDEX IF NOT EXISTS access_log_subjects ON access_log USING gin (subjects)',
  'CREATE INDEX IF NOT EXISTS access_log_paths ON access_log USING gin (paths)',
  'CREATE INDEX IF NOT EXISTS access_log_grant_at ON access_log (grant_id, at) WHERE grant_id IS NOT NULL',
  // A purpose used rarely (a one-off 救灾 check among daily 低保 reads) has only a few records:
  // scanning `(at)` for them read the whole log — 210 ms on 100,000 records; with it, under 0.5 ms.
  'CREATE INDEX IF NOT EXISTS access_log_purpose_at ON access_log (purpose, at) WHERE purpose IS NOT NULL',
  // Decisions are searched exactly (`denied(PURPOSE_MISMATCH)`) or by kind (`denied`: every
  // denial). A record's decision terms are both — each decision and its kind (see
  // DECISION_TERMS, created by migrate() before this) — so one GIN index answers either; a rare
  // decision otherwise meant scanning `(at)` through the whole log (88 ms for its first page on
  // 100,000 records, the whole table for its last; with it, a few ms).
  'CREATE INDEX IF NOT EXISTS access_log_decisions ON access_log USING gin (access_log_decision_terms(decisions))',
  `CREATE TABLE IF NOT EXISTS access_log_head (
    writer text     PRIMARY KEY,
    seq    bigint   NOT NULL,
    hash   char(64) NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS access_log_checkpoint (
    id        bigserial   PRIMARY KEY,
    writer    text        NOT NULL,
    seq       bigint      NOT NULL,
    hash      char(64)    NOT NULL,
    at        timestamptz NOT NULL,
    signature text        NOT NULL
  )`,
  // Which suite's signature the checkpoint carries (checkpoint.ts); older rows are intl (Ed25519).
  "ALTER TABLE access_log_checkpoint ADD COLUMN IF NOT EXISTS suite text NOT NULL DEFAULT 'intl'",
  'CREATE INDEX IF NOT EXISTS access_log_checkpoint_writer ON access_log_checkpoint (writer, seq)',
  // Where archived history ends (archive.ts): verification of the live table starts here.
  `CREATE TABLE IF NOT EXISTS access_log_archive (
    writer      text        NOT NULL,
    seq         bigint      NOT NULL,
    hash        char(64)    NOT NULL,
    archived_at timestamptz NOT NULL,
    location    text        NOT NULL,
    sha256      char(64)    NOT NULL,
    PRIMARY KEY (writer, seq)
  )`,
];

/**
 * The expression of the access_log_decisions index: `{full, masked(phone)}` → `{full, masked,
 * masked(phone)}`. Created once and never replaced — an index over it must not change meaning
 * underneath (nor replicas starting together race to replace it).
 */
const DECISION_TERMS = `CREATE FUNCTION access_log_decision_terms(decisions text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT t), '{}') FROM unnest(decisions) AS d, LATERAL (VALUES (d), (split_part(d, '(', 1))) AS v (t) $$`;

interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Optimistic appends before falling back to a lock. @default 3 — a race needs another
 * replica to commit between this one's read and write; three in a row means sustained
 * contention, which the lock serves better.
 */
const OPTIMISTIC_ATTEMPTS = 3;

const ROW_COLUMNS = [
  'writer', 'seq', 'request_id', 'at', 'kind', 'service', 'provider', 'user_id', 'dept', 'purpose',
  'grant_id', 'subjects', 'paths', 'decisions', 'body', 'prev_hash', 'hash', 'suite',
] as const satisfies ReadonlyArray<keyof AccessLogRow>;

/** Types of a VALUES list are inferred from its first row; say what is not text. */
const ROW_CASTS: Partial<Record<(typeof ROW_COLUMNS)[number], string>> = {
  seq: '::bigint',
  at: '::timestamptz',
  subjects: '::text[]',
  paths: '::text[]',
  decisions: '::text[]',
};

/** A stored row, as read back. */
export interface AccessLogRow {
  id: number;
  writer: string;
  seq: number;
  request_id: string;
  at: Date | string;
  kind: string;
  service: string;
  provider: string;
  user_id: string;
  dept: string;
  purpose: string | null;
  grant_id: string | null;
  subjects: string[];
  paths: string[];
  decisions: string[];
  body: string;
  prev_hash: string;
  hash: string;
  suite: ChainSuite;
}

/** A record as served: the authoritative body plus the row id. */
export interface StoredAccessEntry extends AccessEntry {
  id: number;
}

export interface AccessSearch {
  dept?: string;
  user?: string;
  subject?: string;
  path?: string;
  /** `full`, `masked`, `denied`, or an exact `masked(phone)` / `denied(GRANT_REQUIRED)`. */
  decision?: string;
  provider?: string;
  requestId?: string;
  /** The purpose code the reader declared (X-Purpose), exact. */
  purpose?: string;
  /** The grant the read was made under, exact. */
  grantId?: string;
  kind?: 'data' | 'audit-read';
  from?: Date;
  to?: Date;
}

/** Keyset position: newest first, by (at, id). */
export interface AccessCursor {
  at: string;
  id: number;
}

export interface AccessLogOptions {
  /**
   * Where each committed head is witnessed outside the database. Without one, only this
   * process's memory guards the newest records, and a restarted process cannot tell that they
   * were cut while it was down.
   */
  witness?: HeadWitness;
  /** Where a chain head found set back is reported. @default the `access-log` logger */
  log?: Logger;
  /** Whose MAC chains the records this process writes. @default GOVGRAPH_CRYPTO's suite */
  suite?: ChainSuite;
  /**
   * Longest one statement of an append may take. Past it the statement is abandoned and its
   * connection is thrown away rather than returned to the pool: a connection that stopped
   * answering (a hung server, a network path that drops packets without a reset) would
   * otherwise take every later append with it. The commit's outcome is then unknown; the
   * conditional append (see commit) makes a late landing harmless. @default 5000 ms — the
   * group commit's own deadline (auditWriter.ts).
   */
  statementTimeoutMs?: number;
}

/** A head found set back in the database, and the one it was set forward to again. */
export interface RestoredHead {
  writer: string;
  found: { seq: number; hash: string };
  restored: { seq: number; hash: string };
}

export class AccessLog {
  readonly witness?: HeadWitness;
  private readonly log: Logger;
  /** Heads found set back since start (tests, metrics). */
  readonly restoredHeads: RestoredHead[] = [];
  private watch?: NodeJS.Timeout;
  private readonly statementTimeoutMs: number;
  /** The suite of the records this process writes (verification reads each row's own). */
  readonly suite: ChainSuite;

  /** @param key the log key (GOVGRAPH_AUDIT_KEY) the chain's hashes are keyed with. */
  constructor(readonly db: Database, private readonly key: Buffer, opts: AccessLogOptions = {}) {
    this.witness = opts.witness;
    this.log = opts.log ?? serviceLogger('access-log');
    this.statementTimeoutMs = Math.max(1, Math.ceil(opts.statementTimeoutMs ?? 5000));
    this.suite = opts.suite ?? cryptoSuiteName();
  }

  /**
   * A statement of the write path, with its deadline. knex rejects it with a timeout and marks
   * its connection disposed, so the pool closes that connection (pg destroys a socket with a
   * query in flight) instead of handing it to the next append. Not on the embedded engine: it
   * runs in this process, with no network to hang, and its one connection is the database —
   * disposing it would close the database itself (a slow statement on a busy machine did).
   */
  private timed<T extends { timeout(ms: number): T }>(query: T): T {
    return this.db.engine === 'pglite' ? query : query.timeout(this.statementTimeoutMs);
  }

  get knex(): Knex {
    return this.db.knex;
  }

  async migrate(): Promise<void> {
    const found = await this.knex.raw("SELECT to_regprocedure('access_log_decision_terms(text[])') AS f");
    if (!((found.rows ?? found) as Array<{ f: unknown }>)[0]?.f) await this.knex.raw(DECISION_TERMS);
    for (const statement of DDL) await this.knex.raw(statement);
    // A record of a 500-row read is tens of kB: lz4 compresses it at a fraction of the CPU of
    // PostgreSQL's default pglz. Servers built without lz4 (and the embedded engine) keep pglz.
    try {
      await this.knex.raw('ALTER TABLE access_log ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN subjects SET COMPRESSION lz4');
    } catch {
      /* pglz it is */
    }
  }

  /** Each writer's head as this process last wrote it: the next append needs no read. */
  private readonly heads = new Map<string, ChainHead>();
  /**
   * The newest head this process committed (or set forward again) per writer. Unlike `heads`
   * it is never forgotten: the database's head may move past it, never behind it.
   */
  private readonly committed = new Map<string, ChainHead>();

  /**
   * Appends records to `writer`'s chain; resolves once they are committed (PostgreSQL's
   * default synchronous commit: durable on the server's disk) and their head is witnessed.
   */
  async append(writer: string, inputs: AccessEntryInput[]): Promise<StoredAccessEntry[]> {
    const { entries, witnessed } = await this.commit(writer, inputs);
    await witnessed;
    return entries;
  }

  /**
   * Commits records to `writer`'s chain; resolves once committed, with a promise that settles
   * once their head is witnessed — the group commit (auditWriter.ts) starts the next
   * transaction while the witness writes, and answers these records' requests only when it has.
   *
   * One statement on the usual path: it moves the chain head from the one this process last
   * wrote to the new one and inserts the records only if that move happened — atomic, no
   * round trips for BEGIN, a read, COMMIT. If another process (a replica writing the same
   * chain) moved the head meanwhile, nothing is written and the append is redone from the
   * head as it now stands; after a few such races it falls back to locking the head.
   */
  async commit(writer: string, inputs: AccessEntryInput[]): Promise<{ entries: StoredAccessEntry[]; witnessed: Promise<void> }> {
    if (!inputs.length) return { entries: [], witnessed: Promise.resolve() };
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const head = this.heads.get(writer) ?? (await this.currentHead(writer));
      const batch = this.chain(writer, head, inputs);
      const ids = await this.insertIfHead(writer, head, batch);
      if (ids) {
        this.heads.set(writer, batch.head);
        return { entries: batch.entries.map((e, i) => ({ ...e, id: ids[i] })), witnessed: this.committedHead(writer, batch.head) };
      }
      this.heads.delete(writer); // someone else moved it (or set it back): read it again
    }
    return this.commitLocked(writer, inputs);
  }

  /**
   * Remembers a head this process committed and witnesses it; only then may the requests whose
   * records it holds be answered. If the witness cannot be written the append fails (the
   * records stay, chained and committed: over-logging is safe, an unwitnessed tail is not).
   */
  private async committedHead(writer: string, head: ChainHead): Promise<void> {
    const known = this.committed.get(writer);
    if (!known || head.seq > known.seq) this.committed.set(writer, head);
    await this.witness?.note([{ writer, seq: head.seq, hash: head.hash, by: 'writer' }]);
  }

  /** The newest head of `writer` known outside the database: committed here, or witnessed. */
  knownHead(writer: string): ChainHead | undefined {
    const mine = this.committed.get(writer);
    const witnessed = this.witness?.head(writer);
    if (!witnessed) return mine;
    return !mine || witnessed.seq > mine.seq ? { seq: witnessed.seq, hash: witnessed.hash } : mine;
  }

  /**
   * Every chain's newest head known outside the database — what `verify` must find the chains
   * still reaching (its `witnessed` option).
   */
  async knownHeads(): Promise<Map<string, { seq: number; hash: string; at?: string; by?: string }>> {
    await this.witness?.refresh();
    const known = new Map<string, { seq: number; hash: string; at?: string; by?: string }>(this.witness?.heads() ?? []);
    for (const [writer, head] of this.committed) {
      const witnessed = known.get(writer);
      if (!witnessed || head.seq > witnessed.seq) known.set(writer, { ...head, by: 'writer, in memory' });
    }
    return known;
  }

  /**
   * The chain head in the database — set forward again first if it is behind the newest head
   * known outside the database. Heads never go back: one that did had the records after it
   * deleted. Setting it forward makes that permanent evidence in the database itself: `verify`
   * reports the missing records, and the next record chains onto the true head, leaving the gap
   * in plain sight. The update only ever moves a head forward, so replicas cannot undo each
   * other's appends.
   */
  private async currentHead(writer: string): Promise<ChainHead> {
    // What is known must be read before the database: a head committed meanwhile is then at
    // least as new in the database, never mistaken for one set back.
    const known = this.knownHead(writer);
    const found = await this.readHead(writer);
    if (!known || !(found.seq < known.seq || (found.seq === known.seq && found.hash !== known.hash))) return found;
    this.log.error(
      { writer, found, known, witness: this.witness?.file },
      'ACCESS LOG INTEGRITY: the chain head in the database went back — records after it were deleted; setting it forward again, the gap stays for verify to report',
    );
    await this.timed(
      this.knex('access_log_head')
        .where({ writer })
        .andWhere((q) => q.where('seq', '<', known.seq).orWhere((same) => same.where('seq', known.seq).whereNot('hash', known.hash)))
        .update({ seq: known.seq, hash: known.hash }),
    );
    this.restoredHeads.push({ writer, found, restored: known });
    const committed = this.committed.get(writer);
    if (!committed || known.seq > committed.seq) this.committed.set(writer, known);
    return this.readHead(writer);
  }

  /**
   * Compares every chain head known outside the database with the database's, setting back
   * ones forward (see currentHead). Runs at start — a writer restarted after a cut finds it
   * before it writes — and every `intervalMs` while running.
   */
  async checkHeads(): Promise<RestoredHead[]> {
    const before = this.restoredHeads.length;
    await this.witness?.refresh();
    const writers = new Set([...this.committed.keys(), ...(this.witness?.heads().keys() ?? [])]);
    for (const writer of writers) {
      const head = await this.currentHead(writer);
      // What this process will append onto next must be the database's head as it now is.
      const cached = this.heads.get(writer);
      if (cached && (cached.seq !== head.seq || cached.hash !== head.hash)) this.heads.delete(writer);
    }
    return this.restoredHeads.slice(before);
  }

  /**
   * Checks the heads now and then every `intervalMs` until close(): the longest a cut of the
   * newest records stays unseen by anyone who reads only the database (README, "The access
   * log").
   */
  watchHeads(intervalMs: number): void {
    const check = () => this.checkHeads().catch((err) => this.log.error({ err }, 'access log head check failed'));
    void check();
    this.watch = setInterval(check, intervalMs);
    this.watch.unref();
  }

  /** Stops the head checks and flushes the witness. */
  async close(): Promise<void> {
    clearInterval(this.watch);
    await this.witness?.close();
  }

  /** The records of `inputs` chained onto `head`, and the head they leave. */
  private chain(writer: string, head: ChainHead, inputs: AccessEntryInput[]): { rows: Array<Omit<AccessLogRow, 'id'>>; entries: AccessEntry[]; head: ChainHead } {
    let { seq, hash: prev } = head;
    const rows: Array<Omit<AccessLogRow, 'id'>> = [];
    const entries: AccessEntry[] = [];
    for (const input of inputs) {
      seq += 1;
      const entry: AccessEntry = { ...input, writer, seq };
      const subjects = subjectsOf(entry);
      const body = entryBody(entry, subjects);
      const hash = chainHash(this.key, prev, body, this.suite);
      rows.push(rowOf(entry, body, prev, hash, this.suite, subjects));
      entries.push(entry);
      prev = hash;
    }
    return { rows, entries, head: { seq, hash: prev } };
  }

  private async readHead(writer: string): Promise<ChainHead> {
    await this.timed(this.knex('access_log_head').insert({ writer, seq: 0, hash: GENESIS_HASH }).onConflict('writer').ignore());
    const row = await this.timed(this.knex('access_log_head').where({ writer }).first<{ seq: unknown; hash: string }>());
    return { seq: toCount(row!.seq), hash: row!.hash };
  }

  /** The conditional append (one statement); the new rows' ids, or null if the head had moved. */
  private async insertIfHead(writer: string, head: ChainHead, batch: { rows: Array<Omit<AccessLogRow, 'id'>>; head: ChainHead }): Promise<number[] | null> {
    const tuple = `(${ROW_COLUMNS.map((c) => `?${ROW_CASTS[c] ?? ''}`).join(', ')})`;
    const sql =
      'WITH moved AS (UPDATE access_log_head SET seq = ?, hash = ? WHERE writer = ? AND seq = ? AND hash = ? RETURNING 1) ' +
      `INSERT INTO access_log (${ROW_COLUMNS.join(', ')}) ` +
      `SELECT * FROM (VALUES ${batch.rows.map(() => tuple).join(', ')}) AS v (${ROW_COLUMNS.join(', ')}) ` +
      'WHERE EXISTS (SELECT 1 FROM moved) RETURNING id';
    const bindings = [batch.head.seq, batch.head.hash, writer, head.seq, head.hash, ...batch.rows.flatMap((r) => ROW_COLUMNS.map((c) => r[c]))];
    const result = await this.timed(this.knex.raw(sql, bindings));
    const returned = (result.rows ?? result) as Array<{ id: unknown }>;
    return returned.length === batch.rows.length ? returned.map((r) => toCount(r.id)) : null;
  }

  /** The fallback under contention: lock the head row for the whole transaction. */
  private async commitLocked(writer: string, inputs: AccessEntryInput[]): Promise<{ entries: StoredAccessEntry[]; witnessed: Promise<void> }> {
    await this.currentHead(writer);
    const { batch, ids } = await this.knex.transaction(async (trx) => {
      // This transaction holds the head row's lock: should this process stop answering mid-way
      // (hung, cut off), the server ends it rather than leave every replica of the writer
      // waiting on the lock.
      const ms = `${this.statementTimeoutMs}ms`;
      await this.timed(trx.raw(`SET LOCAL idle_in_transaction_session_timeout = '${ms}'`));
      await this.timed(trx.raw(`SET LOCAL statement_timeout = '${ms}'`));
      const row = await this.timed(trx('access_log_head').where({ writer }).forUpdate().first<{ seq: unknown; hash: string }>());
      const batch = this.chain(writer, { seq: toCount(row!.seq), hash: row!.hash }, inputs);
      const ids = await this.timed(trx('access_log').insert(batch.rows).returning('id'));
      await this.timed(trx('access_log_head').where({ writer }).update(batch.head));
      return { batch, ids };
    });
    this.heads.set(writer, batch.head);
    const entries = batch.entries.map((e, i) => ({ ...e, id: toCount(typeof ids[i] === 'object' ? (ids[i] as { id: unknown }).id : ids[i]) }));
    return { entries, witnessed: this.committedHead(writer, batch.head) };
  }

  /** Records matching `search`, newest first, `first` of them after `after`. */
  async search(search: AccessSearch, first: number, after?: AccessCursor): Promise<StoredAccessEntry[]> {
    const q = this.knex<AccessLogRow>('access_log').select('id', 'body');
    if (search.dept) q.where('dept', search.dept);
    if (search.user) q.where('user_id', search.user);
    if (search.provider) q.where('provider', search.provider);
    if (search.requestId) q.where('request_id', search.requestId);
    if (search.purpose) q.where('purpose', search.purpose);
    if (search.grantId) q.where('grant_id', search.grantId);
    if (search.kind) q.where('kind', search.kind);
    if (search.subject) q.whereRaw('subjects @> ARRAY[?]::text[]', [search.subject]);
    if (search.path) q.whereRaw('paths @> ARRAY[?]::text[]', [search.path]);
    // `denied` matches every denial, `denied(GRANT_REQUIRED)` only that one: a record's decision
    // terms hold both (the expression of the access_log_decisions index).
    if (search.decision) q.whereRaw('access_log_decision_terms(decisions) @> ARRAY[?]::text[]', [search.decision]);
    if (search.from) q.where('at', '>=', search.from.toISOString());
    if (search.to) q.where('at', '<', search.to.toISOString());
    if (after) q.whereRaw('(at, id) < (?::timestamptz, ?)', [after.at, after.id]);
    const rows = await q.orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(first);
    return rows.map((r) => ({ ...parseEntryBody(r.body), id: toCount(r.id) }));
  }

  /** When the newest checkpoint was signed (lib/audit/anchor.ts), or undefined before the first. */
  async newestCheckpointAt(): Promise<Date | undefined> {
    const row = (await this.knex('access_log_checkpoint').max({ at: 'at' }).first()) as { at?: Date | string | null } | undefined;
    return row?.at ? new Date(row.at) : undefined;
  }

  /** How many records match (for totals in searches and the statistics). */
  async count(search: Pick<AccessSearch, 'provider' | 'kind' | 'from' | 'to'> = {}): Promise<number> {
    const q = this.knex('access_log').count({ n: '*' });
    if (search.provider) q.where('provider', search.provider);
    if (search.kind) q.where('kind', search.kind);
    if (search.from) q.where('at', '>=', search.from.toISOString());
    if (search.to) q.where('at', '<', search.to.toISOString());
    const [row] = await q;
    return toCount((row as { n: unknown }).n);
  }
}

function rowOf(entry: AccessEntry, body: string, prevHash: string, hash: string, suite: ChainSuite, subjects = subjectsOf(entry)): Omit<AccessLogRow, 'id'> {
  return {
    suite,
    writer: entry.writer,
    seq: entry.seq,
    request_id: entry.requestId,
    at: entry.at,
    kind: entry.kind,
    service: entry.service,
    provider: entry.provider,
    user_id: entry.user,
    dept: entry.dept,
    purpose: entry.purpose,
    grant_id: entry.grantId,
    subjects,
    paths: pathsOf(entry),
    decisions: decisionsOf(entry),
    body,
    prev_hash: prevHash,
    hash,
  };
}

/** The index columns a row must have for its body (verify compares them). */
export function expectedColumns(entry: AccessEntry): Omit<AccessLogRow, 'id' | 'body' | 'prev_hash' | 'hash' | 'suite'> {
  const { body: _b, prev_hash: _p, hash: _h, suite: _s, ...columns } = rowOf(entry, '', '', '', 'intl');
  return columns;
}
