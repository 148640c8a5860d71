/**
 * The access log's storage on real PostgreSQL (embedded PGlite without GOVGRAPH_PG_URL):
 * chains, group commit, signed checkpoints — and tampering done directly in the database,
 * which `verify` must catch every time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase, TestDatabase } from '../support/databases';
import { chainHash, GENESIS_HASH } from '../../lib/audit/entry';
import { AccessLog, AccessEntryInput, AuditWriter, AuditAnchor, verifyAccessLog, checkpointVerifierKeys, archiveAccessLog, verifyArchiveFile } from '../../lib/audit';
import { generateKeyPairInMemory, type SigningKeyPair } from '../../lib/identity';
import { signCheckpoint } from '../../lib/audit/checkpoint';
import { rootLogger } from '../../lib/log';
import { connectServer } from '../../lib/db';

const AUDIT_DB = { name: 'access-log', dialect: 'postgres' as const, legacyDb: { embeddedSchema: 'sharing' } as never };

let t: TestDatabase;
let log: AccessLog;
let anchorKey: SigningKeyPair;
const key = crypto.randomBytes(32);

beforeAll(async () => {
  t = await openTestDatabase(AUDIT_DB);
  log = new AccessLog(t.db, key);
  await log.migrate();
  anchorKey = await generateKeyPairInMemory();
});
afterAll(async () => {
  await t?.drop();
});

const verifyOpts = () => ({ key, anchorKeys: checkpointVerifierKeys([anchorKey.publicJwk]) });
const anchor = () => new AuditAnchor(t.db, { key, signer: anchorKey, anchorKeys: verifyOpts().anchorKeys, log: rootLogger });

function entry(n: number, over: Partial<AccessEntryInput> = {}): AccessEntryInput {
  return {
    requestId: `req-${n}-${crypto.randomUUID()}`,
    at: new Date(Date.UTC(2026, 10, 22, 9, 0, n)).toISOString(),
    kind: 'data',
    service: 'population',
    provider: 'public-security',
    user: 'mz-xw-0007',
    dept: 'civil-affairs',
    division: '320102',
    roles: ['consumer'],
    purpose: 'dibao-verification',
    grantId: 'G-DEMO-0001',
    policyRevision: 'abc123',
    operationName: 'Flagship',
    operationHash: 'f'.repeat(64),
    reads: [
      { decision: 'full', paths: ['Person.name'], subjects: ['320102198001011238'] },
      { decision: 'masked(phone)', paths: ['Person.phone'], subjects: ['320102198001011238'] },
    ],
    ...over,
  };
}

/** A chain of `n` records for a writer of its own, so tests do not disturb each other. */
async function chain(writer: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i += 3) await log.append(writer, Array.from({ length: Math.min(3, n - i + 1) }, (_, j) => entry(i + j)));
}

async function problemFor(writer: string) {
  const report = await verifyAccessLog(t.db, { ...verifyOpts(), writer });
  return report.problems[0];
}

const row = (writer: string, seq: number) => t.db.knex('access_log').where({ writer, seq });

describe(`the access log (${process.env.GOVGRAPH_PG_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('chains records per writer, gap-free, and verifies clean', async () => {
    await chain('w-clean-a', 7);
    await chain('w-clean-b', 4);
    const report = await verifyAccessLog(t.db, verifyOpts());
    expect(report.problems).toEqual([]);
    const a = report.writers.find((w) => w.writer === 'w-clean-a')!;
    expect(a.records).toBe(7);
    expect(a.lastSeq).toBe(7);
    const seqs = (await t.db.knex('access_log').where({ writer: 'w-clean-b' }).orderBy('seq').pluck('seq')).map(Number);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('finds records by subject, field, decision and department, newest first', async () => {
    await log.append('w-search', [
      entry(1, { dept: 'tax', reads: [{ decision: 'denied(GRANT_REQUIRED)', paths: ['Person.phone'], subjects: ['11010519491231002X'] }] }),
      entry(2, { reads: [{ decision: 'full', paths: ['Person.name'], subjects: ['11010519491231002X', '320102198001011238'] }] }),
    ]);
    const bySubject = await log.search({ subject: '11010519491231002X' }, 10);
    expect(bySubject.map((e) => e.seq)).toEqual([2, 1]);
    expect((await log.search({ subject: '11010519491231002X', decision: 'denied' }, 10)).map((e) => e.dept)).toEqual(['tax']);
    expect(await log.search({ subject: '11010519491231002X', decision: 'denied(PURPOSE_REQUIRED)' }, 10)).toEqual([]);
    expect((await log.search({ path: 'Person.phone', dept: 'tax' }, 10)).length).toBe(1);
    const page1 = await log.search({ subject: '11010519491231002X' }, 1);
    const page2 = await log.search({ subject: '11010519491231002X' }, 1, { at: page1[0].at, id: page1[0].id });
    expect(page2.map((e) => e.seq)).toEqual([1]);
  });

  it('group-commits concurrent appends into one gap-free chain', async () => {
    const writer = new AuditWriter(log, 'w-concurrent');
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    t.db.knex.on('query', listen);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(entry(i))));
    t.db.knex.off('query', listen);
    expect(writer.committed).toBe(200);
    const inserts = statements.filter((s) => /insert into "?access_log"? /i.test(s)).length;
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThan(200); // grouped, not one transaction per record
    const seqs = (await t.db.knex('access_log').where({ writer: 'w-concurrent' }).orderBy('seq').pluck('seq')).map(Number);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await problemFor('w-concurrent')).toBeUndefined();
  });

  it('keeps one chain when two replicas of a subgraph write as the same writer', async () => {
    // A second connection pool stands in for a second process (real servers only; PGlite is
    // one session and serialises everything anyway).
    const other = t.url ? connectServer(t.url) : t.db;
    try {
      const a = new AuditWriter(log, 'w-replicas');
      const b = new AuditWriter(new AccessLog(other, key), 'w-replicas');
      await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).append(entry(i))));
      expect(await problemFor('w-replicas')).toBeUndefined();
      expect(Number((await t.db.knex('access_log').where({ writer: 'w-replicas' }).count({ n: '*' }))[0].n)).toBe(60);
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  it('fails the append, not the chain, when the database refuses the write', async () => {
    // A record that violates a NOT NULL column makes the whole transaction roll back.
    await expect(log.append('w-refused', [entry(1), entry(2, { user: null as never })])).rejects.toThrow();
    expect(await t.db.knex('access_log').where({ writer: 'w-refused' }).first()).toBeUndefined();
    const writer = new AuditWriter(log, 'w-refused');
    await writer.append(entry(3));
    expect(await problemFor('w-refused')).toBeUndefined();
    expect((await t.db.knex('access_log').where({ writer: 'w-refused' }).pluck('seq')).map(Number)).toEqual([1]);
  });
});

describe('the chain under either cryptographic suite (GOVGRAPH_CRYPTO)', () => {
  const as = (suite: 'intl' | 'sm') => new AccessLog(t.db, key, { suite });

  it('records which suite made each record, and verifies a chain switched from one to the other', async () => {
    await as('intl').append('w-switch', [entry(1), entry(2)]);
    await as('sm').append('w-switch', [entry(3), entry(4)]);
    expect(await t.db.knex('access_log').where({ writer: 'w-switch' }).orderBy('seq').pluck('suite')).toEqual(['intl', 'intl', 'sm', 'sm']);
    expect(await problemFor('w-switch')).toBeUndefined();
  });

  it('an SM3 chain: an edited record is caught, and so is a record whose suite was flipped', async () => {
    await as('sm').append('w-sm-edit', [entry(1), entry(2), entry(3)]);
    expect(await problemFor('w-sm-edit')).toBeUndefined();
    await row('w-sm-edit', 3).update({ suite: 'intl' });
    expect(await problemFor('w-sm-edit')).toMatchObject({ kind: 'altered', seq: 3 });
    await row('w-sm-edit', 3).update({ suite: 'sm' });
    await row('w-sm-edit', 2).update({ body: (await row('w-sm-edit', 2).first()).body.replace('mz-xw-0007', 'mz-xw-0008') });
    expect(await problemFor('w-sm-edit')).toMatchObject({ seq: 2 });
  });

  it('HMAC-SM3 differs from HMAC-SHA-256 over the same record, and refuses an unknown suite', () => {
    const [a, b] = [chainHash(key, GENESIS_HASH, 'body', 'intl'), chainHash(key, GENESIS_HASH, 'body', 'sm')];
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(() => chainHash(key, GENESIS_HASH, 'body', 'rot13' as never)).toThrow(/no cryptographic suite "rot13"/);
  });
});

describe('tampering done directly in the database is caught by verify', () => {
  it('an edited record (its content)', async () => {
    await chain('t-edit', 6);
    await row('t-edit', 4).update({ body: t.db.knex.raw("replace(body, 'civil-affairs', 'tax')") });
    expect(await problemFor('t-edit')).toMatchObject({ kind: 'altered', seq: 4 });
  });

  it('an edited index column (so a search would lie)', async () => {
    await chain('t-column', 5);
    await row('t-column', 2).update({ dept: 'tax' });
    expect(await problemFor('t-column')).toMatchObject({ kind: 'altered', seq: 2 });
  });

  it('an edited subject list (hiding whose data was read)', async () => {
    await chain('t-subjects', 3);
    await row('t-subjects', 3).update({ subjects: t.db.knex.raw("ARRAY['110105194912310021']::text[]") });
    expect(await problemFor('t-subjects')).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('a deleted record in the middle', async () => {
    await chain('t-delete', 6);
    await row('t-delete', 3).del();
    expect(await problemFor('t-delete')).toMatchObject({ kind: 'deleted', seq: 3 });
  });

  it('deleted records at the end', async () => {
    await chain('t-tail', 5);
    await t.db.knex('access_log').where({ writer: 't-tail' }).andWhere('seq', '>', 3).del();
    expect(await problemFor('t-tail')).toMatchObject({ kind: 'deleted', seq: 4 });
  });

  it('an inserted record, well-formed but hashed without the log key', async () => {
    await chain('t-insert', 4);
    const last = await row('t-insert', 4).first();
    const forged = { ...entry(99, { dept: 'tax' }), writer: 't-insert', seq: 5 };
    const body = JSON.stringify(forged);
    const hash = crypto.createHash('sha256').update(last.hash).update('\n').update(body).digest('hex');
    const { id: _id, ...copy } = last;
    await t.db.knex('access_log').insert({ ...copy, seq: 5, body, prev_hash: last.hash, hash });
    await t.db.knex('access_log_head').where({ writer: 't-insert' }).update({ seq: 5, hash });
    expect(await problemFor('t-insert')).toMatchObject({ kind: 'altered', seq: 5 });
  });

  it('an inserted record beyond the chain head', async () => {
    await chain('t-beyond', 3);
    const last = await row('t-beyond', 3).first();
    const { id: _id, ...copy } = last;
    await t.db.knex('access_log').insert({ ...copy, seq: 4, prev_hash: last.hash, hash: 'a'.repeat(64) });
    expect(await problemFor('t-beyond')).toMatchObject({ kind: 'inserted', seq: 4 });
  });

  it('history rewritten by someone holding the log key, after a checkpoint', async () => {
    await chain('t-rewrite', 6);
    expect((await anchor().round()).problems.filter((p) => p.writer === 't-rewrite')).toEqual([]);
    // Rewrite record 2 and re-chain everything after it, correctly keyed.
    const rows = await t.db.knex('access_log').where({ writer: 't-rewrite' }).orderBy('seq');
    const { chainHash } = await import('../../lib/audit/entry');
    let prev = rows[0].hash;
    for (const r of rows.slice(1)) {
      const body = r.seq === '2' || r.seq === 2 ? r.body.replace('civil-affairs', 'housing-fund') : r.body;
      const hash = chainHash(key, prev, body);
      await t.db.knex('access_log').where({ id: r.id }).update({ body, prev_hash: prev, hash, dept: JSON.parse(body).dept });
      prev = hash;
    }
    await t.db.knex('access_log_head').where({ writer: 't-rewrite' }).update({ hash: prev });
    expect(await problemFor('t-rewrite')).toMatchObject({ kind: 'altered' });
  });

  it('records signed in a checkpoint, then cut off together with the head', async () => {
    await chain('t-truncate', 5);
    await anchor().round();
    const third = await row('t-truncate', 3).first();
    await t.db.knex('access_log').where({ writer: 't-truncate' }).andWhere('seq', '>', 3).del();
    await t.db.knex('access_log_head').where({ writer: 't-truncate' }).update({ seq: 3, hash: third.hash });
    expect(await problemFor('t-truncate')).toMatchObject({ kind: 'truncated', seq: 4 });
  });

  it('an edited checkpoint', async () => {
    await chain('t-checkpoint', 4);
    await anchor().round();
    await t.db.knex('access_log_checkpoint').where({ writer: 't-checkpoint' }).update({ seq: 2 });
    expect(await problemFor('t-checkpoint')).toMatchObject({ kind: 'bad-checkpoint' });
  });

  it('the anchor refuses to sign a broken chain, and signs nothing twice', async () => {
    await chain('t-anchor', 3);
    const first = await anchor().round();
    expect(first.signed).toBeGreaterThan(0);
    const again = await anchor().round();
    expect(again.signed).toBe(0);
    await row('t-anchor', 2).update({ purpose: 'curiosity' });
    await log.append('t-anchor', [entry(4)]);
    // The edit is before the newest checkpoint: the incremental round does not re-walk it,
    // but the new record is anchored only after it verifies; a full verify finds the edit.
    expect(await problemFor('t-anchor')).toMatchObject({ kind: 'altered', seq: 2 });
  });
});

describe('archiving old records', () => {
  let a: TestDatabase;
  let alog: AccessLog;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-archive-'));
  beforeAll(async () => {
    a = await openTestDatabase(AUDIT_DB);
    alog = new AccessLog(a.db, key);
    await alog.migrate();
  });
  afterAll(async () => {
    await a?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const opts = () => ({ key, anchorKeys: verifyOpts().anchorKeys });
  const anchorOf = () => new AuditAnchor(a.db, { key, signer: anchorKey, anchorKeys: opts().anchorKeys, log: rootLogger });

  it('moves the records up to a signed checkpoint older than the cut-off into a file that verifies alone, and the live log still verifies', async () => {
    for (let i = 1; i <= 6; i++) await alog.append('arch', [entry(i)]);
    await anchorOf().round(); // checkpoint at 6
    for (let i = 7; i <= 10; i++) await alog.append('arch', [entry(i)]);
    const out = path.join(dir, 'first.jsonl');
    // Cut-off after record 8: the newest checkpoint before it is the one at 6.
    const done = await archiveAccessLog(a.db, { ...opts(), before: new Date(entry(8).at), out });
    expect(done.chains).toEqual([{ writer: 'arch', fromSeq: 0, toSeq: 6, records: 6 }]);
    expect((await a.db.knex('access_log').where({ writer: 'arch' }).orderBy('seq').pluck('seq')).map(Number)).toEqual([7, 8, 9, 10]);
    const live = await verifyAccessLog(a.db, opts());
    expect(live.problems).toEqual([]);
    expect(live.records).toBe(4);
    const file = await verifyArchiveFile(out, opts());
    expect(file).toMatchObject({ records: 6, chains: 1, problems: [], sha256: done.sha256 });
    expect((await a.db.knex('access_log_archive').first()).sha256).toBe(done.sha256);

    // The next archive starts where this one ended.
    await anchorOf().round(); // checkpoint at 10
    const second = await archiveAccessLog(a.db, { ...opts(), before: new Date(Date.UTC(2030, 0, 1)), out: path.join(dir, 'second.jsonl') });
    expect(second.chains).toEqual([{ writer: 'arch', fromSeq: 6, toSeq: 10, records: 4 }]);
    expect((await verifyArchiveFile(path.join(dir, 'second.jsonl'), opts())).problems).toEqual([]);
    await alog.append('arch', [entry(11)]);
    expect((await verifyAccessLog(a.db, opts())).problems).toEqual([]);
  });

  it('finds an archive file that was edited', async () => {
    const out = path.join(dir, 'first.jsonl');
    const edited = path.join(dir, 'edited.jsonl');
    fs.writeFileSync(edited, fs.readFileSync(out, 'utf8').replace('civil-affairs', 'tax'));
    const check = await verifyArchiveFile(edited, opts());
    expect(check.problems.join()).toMatch(/altered/);
  });

  it('does not accept "archived" as a cover for deleted records', async () => {
    for (let i = 1; i <= 3; i++) await alog.append('hide', [entry(i)]);
    const second = await a.db.knex('access_log').where({ writer: 'hide', seq: 2 }).first();
    await a.db.knex('access_log').where({ writer: 'hide' }).andWhere('seq', '<=', 2).del();
    await a.db.knex('access_log_archive').insert({ writer: 'hide', seq: 2, hash: second.hash, archived_at: new Date().toISOString(), location: '/dev/null', sha256: '0'.repeat(64) });
    const report = await verifyAccessLog(a.db, { ...opts(), writer: 'hide' });
    expect(report.problems[0]).toMatchObject({ kind: 'bad-archive', seq: 2 });
    // …and a log that does not verify is never archived.
    await expect(archiveAccessLog(a.db, { ...opts(), before: new Date(Date.UTC(2030, 0, 1)), out: path.join(dir, 'never.jsonl') })).rejects.toThrow(/does not verify/);
    expect(fs.existsSync(path.join(dir, 'never.jsonl'))).toBe(false);
  });
});

describe('checkpoints under either cryptographic suite (GOVGRAPH_CRYPTO), across a switch', () => {
  let c: TestDatabase;
  let ed: SigningKeyPair;
  let sm: SigningKeyPair;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-switch-'));
  beforeAll(async () => {
    c = await openTestDatabase(AUDIT_DB);
    await new AccessLog(c.db, key).migrate();
    [ed, sm] = await Promise.all([generateKeyPairInMemory('intl'), generateKeyPairInMemory('sm')]);
  });
  afterAll(async () => {
    await c?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const bothKeys = () => checkpointVerifierKeys([ed.publicJwk, sm.publicJwk]);
  const anchorWith = (signer: SigningKeyPair) => new AuditAnchor(c.db, { key, signer, anchorKeys: bothKeys(), log: rootLogger });
  const problemsWith = async (anchorKeys = bothKeys()) => (await verifyAccessLog(c.db, { key, anchorKeys })).problems;
  const checkpoints = () => c.db.knex('access_log_checkpoint').orderBy('id');

  it('records the suite of each checkpoint, verifies each by its own, and a log switched from intl to sm verifies whole', async () => {
    const intlLog = new AccessLog(c.db, key, { suite: 'intl' });
    const smLog = new AccessLog(c.db, key, { suite: 'sm' });
    await intlLog.append('switch', [entry(1), entry(2)]);
    expect((await anchorWith(ed).round()).signed).toBe(1);
    // GOVGRAPH_CRYPTO=sm from here: HMAC-SM3 records, an SM2 anchor — the Ed25519 anchor key stays trusted.
    await smLog.append('switch', [entry(3), entry(4)]);
    expect((await anchorWith(sm).round()).signed).toBe(1);
    const rows = await checkpoints();
    expect(rows.map((r) => r.suite)).toEqual(['intl', 'sm']);
    expect(rows.map((r) => JSON.parse(Buffer.from(r.signature.split('.')[0], 'base64url').toString()).alg)).toEqual(['EdDSA', 'SM2SM3']);
    const report = await verifyAccessLog(c.db, { key, anchorKeys: bothKeys() });
    expect(report).toMatchObject({ records: 4, checkpoints: 2, problems: [] });
    // Each is verified by its own suite's key: without the old anchor key, the old checkpoint is not vouched for.
    expect((await problemsWith(checkpointVerifierKeys([sm.publicJwk])))[0]).toMatchObject({ kind: 'bad-checkpoint', seq: 2 });
  });

  it('a checkpoint whose recorded suite was changed, or re-signed in the other suite, is a bad checkpoint', async () => {
    const [first, second] = await checkpoints();
    await c.db.knex('access_log_checkpoint').where({ id: second.id }).update({ suite: 'intl' });
    expect((await problemsWith())[0]).toMatchObject({ kind: 'bad-checkpoint', seq: 4 });
    await c.db.knex('access_log_checkpoint').where({ id: second.id }).update({ suite: 'rot13' });
    expect((await problemsWith())[0]).toMatchObject({ kind: 'bad-checkpoint', seq: 4 });
    await c.db.knex('access_log_checkpoint').where({ id: second.id }).update({ suite: 'sm' });
    // The Ed25519 checkpoint's payload signed again with the SM2 key, the row still saying intl.
    const payload = { writer: first.writer, seq: Number(first.seq), hash: first.hash, at: new Date(first.at).toISOString() };
    await c.db.knex('access_log_checkpoint').where({ id: first.id }).update({ signature: await signCheckpoint(sm, payload) });
    expect((await problemsWith())[0]).toMatchObject({ kind: 'bad-checkpoint', seq: 2 });
    await c.db.knex('access_log_checkpoint').where({ id: first.id }).update({ signature: first.signature });
    expect(await problemsWith()).toEqual([]);
  });

  it('archives across the switch, and an archive written before the suite was recorded still verifies', async () => {
    const out = path.join(dir, 'switch.jsonl');
    const done = await archiveAccessLog(c.db, { key, anchorKeys: bothKeys(), before: new Date(Date.UTC(2030, 0, 1)), out });
    expect(done.chains).toEqual([{ writer: 'switch', fromSeq: 0, toSeq: 4, records: 4 }]);
    expect(await verifyArchiveFile(out, { key, anchorKeys: bothKeys() })).toMatchObject({ records: 4, problems: [] });
    // An archive of the intl part as the format was before suites were recorded: no "suite" anywhere.
    const [chainLine, ...records] = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const intlCheckpoint = chainLine.checkpoints.find((cp: { suite: string }) => cp.suite === 'intl');
    const { suite: _s, ...oldCheckpoint } = intlCheckpoint;
    const old = [
      { ...chainLine, to: { seq: oldCheckpoint.seq, hash: oldCheckpoint.hash }, checkpoints: [oldCheckpoint] },
      ...records.filter((r: { seq: number }) => r.seq <= oldCheckpoint.seq).map(({ suite: _r, ...r }: { suite: string }) => r),
    ];
    const oldFile = path.join(dir, 'before-suites.jsonl');
    fs.writeFileSync(oldFile, old.map((l) => `${JSON.stringify(l)}\n`).join(''));
    expect(await verifyArchiveFile(oldFile, { key, anchorKeys: bothKeys() })).toMatchObject({ records: 2, problems: [] });
    // The live log goes on from the boundary.
    expect(await problemsWith()).toEqual([]);
  });

  it('adds the suite column to a checkpoint table that predates it; its rows are intl', async () => {
    const d = await openTestDatabase(AUDIT_DB);
    try {
      const dlog = new AccessLog(d.db, key, { suite: 'intl' });
      await dlog.migrate();
      await d.db.knex.raw('ALTER TABLE access_log_checkpoint DROP COLUMN suite');
      await dlog.append('old', [entry(1)]);
      const head = await d.db.knex('access_log_head').where({ writer: 'old' }).first();
      const payload = { writer: 'old', seq: 1, hash: head.hash, at: new Date().toISOString() };
      await d.db.knex('access_log_checkpoint').insert({ ...payload, signature: await signCheckpoint(ed, payload) });
      await dlog.migrate();
      expect(await d.db.knex('access_log_checkpoint').pluck('suite')).toEqual(['intl']);
      expect(await verifyAccessLog(d.db, { key, anchorKeys: bothKeys() })).toMatchObject({ checkpoints: 1, problems: [] });
    } finally {
      await d.drop();
    }
  });
});
