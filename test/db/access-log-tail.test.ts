/**
 * The access log's tail on real PostgreSQL (embedded PGlite without GOVGRAPH_PG_URL): someone
 * who can write the platform database but holds neither key deletes the newest records — with
 * or without setting the chain head back, before or after a checkpoint — and `verify`, the
 * anchor and the writers must each find it. The cuts are made directly in SQL; a "process" is
 * an AccessLog with its own memory over the witness directory of its host, so a restart is a
 * new one over the same directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase, TestDatabase } from '../support/databases';
import { AccessLog, AccessEntryInput, AuditAnchor, AuditUnavailable, AuditWriter, HeadWitness, WITNESS_FILE, checkpointVerifierKeys, verifyAccessLog } from '../../lib/audit';
import { chainHash } from '../../lib/audit/entry';
import { generateKeyPairInMemory, type SigningKeyPair } from '../../lib/identity';
import { rootLogger } from '../../lib/log';
import { connectServer } from '../../lib/db';

const AUDIT_DB = { name: 'access-log-tail', dialect: 'postgres' as const, legacyDb: { embeddedSchema: 'sharing' } as never };

let t: TestDatabase;
let anchorKey: SigningKeyPair;
const key = crypto.randomBytes(32);
const dirs: string[] = [];
const opened: HeadWitness[] = [];

beforeAll(async () => {
  t = await openTestDatabase(AUDIT_DB);
  await new AccessLog(t.db, key).migrate();
  anchorKey = await generateKeyPairInMemory();
});
afterAll(async () => {
  await Promise.all(opened.map((w) => w.close()));
  await t?.drop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const anchorKeys = () => checkpointVerifierKeys([anchorKey.publicJwk]);

function newDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-tail-'));
  dirs.push(d);
  return d;
}

/** A writing process: its own memory, the witness of its host's directory. */
async function processOn(dir: string): Promise<{ log: AccessLog; witness: HeadWitness }> {
  const witness = await HeadWitness.open(dir, key);
  opened.push(witness);
  return { log: new AccessLog(t.db, key, { witness }), witness };
}

function entry(n: number): AccessEntryInput {
  return {
    requestId: `tail-${n}-${crypto.randomUUID()}`,
    at: new Date(Date.UTC(2026, 10, 23, 9, 0, n)).toISOString(),
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
    reads: [{ decision: 'full', paths: ['Person.name'], subjects: ['320102198001011238'] }],
  };
}

/** Appends records `from`..`to`, one commit each (as an idle subgraph writes them). */
async function write(log: AccessLog, writer: string, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await log.append(writer, [entry(n)]);
}

/** The attack: delete the records after `keep` and, unless told not to, set the head back to record `keep`. */
async function cut(writer: string, keep: number, { rewind = true } = {}): Promise<void> {
  await t.db.knex('access_log').where({ writer }).andWhere('seq', '>', keep).del();
  if (!rewind) return;
  const last = await t.db.knex('access_log').where({ writer, seq: keep }).first('hash');
  await t.db.knex('access_log_head').where({ writer }).update({ seq: keep, hash: last?.hash ?? '0'.repeat(64) });
}

async function verify(writer: string, witnessed?: Map<string, { seq: number; hash: string }>) {
  return (await verifyAccessLog(t.db, { key, anchorKeys: anchorKeys(), writer, witnessed })).problems[0];
}

/** What `govgraph audit verify` reads: the witness file of a directory, as another process. */
async function witnessedIn(dir: string) {
  return (await HeadWitness.read(dir, key))!.heads();
}

function anchorOf(witness?: HeadWitness) {
  return new AuditAnchor(t.db, { key, signer: anchorKey, anchorKeys: anchorKeys(), log: rootLogger, witness });
}

async function checkpointsOf(writer: string): Promise<number[]> {
  return (await t.db.knex('access_log_checkpoint').where({ writer }).orderBy('seq').pluck('seq')).map(Number);
}

describe('the head witness', () => {
  it('holds each committed head on disk before the append resolves', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    const writer = new AuditWriter(log, 'w-witnessed');
    await Promise.all(Array.from({ length: 30 }, (_, i) => writer.append(entry(i))));
    const head = await t.db.knex('access_log_head').where({ writer: 'w-witnessed' }).first();
    expect((await witnessedIn(dir)).get('w-witnessed')).toMatchObject({ seq: 30, hash: head.hash, by: 'writer' });
  });

  it('fails the append when it cannot be written (the request withholds its data); the record stays committed', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    const writer = new AuditWriter(log, 'w-unwritable');
    await writer.append(entry(1));
    fs.rmSync(dir, { recursive: true, force: true }); // the volume is gone
    await expect(writer.append(entry(2))).rejects.toBeInstanceOf(AuditUnavailable);
    expect((await t.db.knex('access_log').where({ writer: 'w-unwritable' }).orderBy('seq').pluck('seq')).map(Number)).toEqual([1, 2]);
    expect(await verify('w-unwritable')).toBeUndefined();
  });

  it('ignores lines that do not carry the log key’s MAC', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    await write(log, 'w-forged', 1, 2);
    fs.appendFileSync(path.join(dir, WITNESS_FILE), `${JSON.stringify({ writer: 'w-forged', seq: 99, hash: 'a'.repeat(64), at: new Date().toISOString(), by: 'writer', mac: 'b'.repeat(64) })}\n`);
    const read = (await HeadWitness.read(dir, key))!;
    expect(read.rejected).toBe(1);
    expect(read.head('w-forged')?.seq).toBe(2);
  });

  it('stays one small file: compacted to the newest head per chain, lines of another process kept', async () => {
    const dir = newDir();
    const a = await HeadWitness.open(dir, key, 2048);
    const b = await HeadWitness.open(dir, key, 1 << 30);
    for (let seq = 1; seq <= 60; seq++) {
      await a.note([{ writer: 'w-a', seq, hash: chainHash(key, 'x', String(seq)), by: 'writer' }]);
      if (seq % 10 === 0) await b.note([{ writer: 'w-b', seq, hash: chainHash(key, 'y', String(seq)), by: 'writer' }]);
    }
    expect(fs.statSync(path.join(dir, WITNESS_FILE)).size).toBeLessThan(4096);
    const read = (await HeadWitness.read(dir, key))!;
    expect(read.head('w-a')?.seq).toBe(60);
    expect(read.head('w-b')?.seq).toBe(60);
    expect(read.rejected).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('cutting the newest records is found', () => {
  it('without setting the head back: verify and the anchor', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    await write(log, 'c-plain', 1, 6);
    await cut('c-plain', 4, { rewind: false });
    expect(await verify('c-plain')).toMatchObject({ kind: 'deleted', seq: 5 });
    const round = await anchorOf().round();
    expect(round.problems.find((p) => p.writer === 'c-plain')).toMatchObject({ kind: 'deleted' });
    expect(await checkpointsOf('c-plain')).toEqual([]);
  });

  it('with the head set back, before any checkpoint: verify against the witness, the anchor, and the running writer', async () => {
    const dir = newDir();
    const { log, witness } = await processOn(dir);
    await write(log, 'c-rewind', 1, 6);
    await cut('c-rewind', 4);
    // The database alone now holds a perfect, shorter chain …
    expect(await verify('c-rewind')).toBeUndefined();
    // … which the heads witnessed outside it give away.
    expect(await verify('c-rewind', await witnessedIn(dir))).toMatchObject({ kind: 'truncated', seq: 5 });
    const round = await anchorOf(witness).round();
    expect(round.problems.find((p) => p.writer === 'c-rewind')).toMatchObject({ kind: 'truncated', seq: 5 });
    expect(await checkpointsOf('c-rewind')).toEqual([]);

    // The writer, still running, finds its head gone back on its next append and sets it
    // forward: the new record chains onto record 6, the gap stays for anyone to see.
    await write(log, 'c-rewind', 7, 7);
    expect(log.restoredHeads).toEqual([expect.objectContaining({ writer: 'c-rewind', found: expect.objectContaining({ seq: 4 }), restored: expect.objectContaining({ seq: 6 }) })]);
    expect((await t.db.knex('access_log').where({ writer: 'c-rewind' }).orderBy('seq').pluck('seq')).map(Number)).toEqual([1, 2, 3, 4, 7]);
    expect(await verify('c-rewind')).toMatchObject({ kind: 'deleted', seq: 5 });
  });

  it('with the head set back, after a checkpoint: verify, and an anchor that remembers what it signed', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    const anchor = anchorOf(); // no witness: its memory alone
    await write(log, 'c-after', 1, 5);
    await anchor.round(); // signs 5
    await write(log, 'c-after', 6, 9);
    await anchor.round(); // signs 9
    expect(await checkpointsOf('c-after')).toEqual([5, 9]);
    // Delete the newest checkpoint too, and cut back to a record after the older one.
    await t.db.knex('access_log_checkpoint').where({ writer: 'c-after', seq: 9 }).del();
    await cut('c-after', 7);
    expect(await verify('c-after')).toBeUndefined();
    expect(await verify('c-after', await witnessedIn(dir))).toMatchObject({ kind: 'truncated', seq: 8 });
    const round = await anchor.round();
    expect(round.problems.find((p) => p.writer === 'c-after')).toMatchObject({ kind: 'truncated', seq: 8 });
    expect(await checkpointsOf('c-after')).toEqual([5]);
  });

  it('everything since the last checkpoint: verify, and a restarted anchor that reads the witness', async () => {
    const dir = newDir();
    const { log, witness } = await processOn(dir);
    await write(log, 'c-since', 1, 4);
    await anchorOf(witness).round(); // signs 4
    await write(log, 'c-since', 5, 8);
    await cut('c-since', 4);
    expect(await verify('c-since')).toBeUndefined();
    expect(await verify('c-since', await witnessedIn(dir))).toMatchObject({ kind: 'truncated', seq: 5 });
    // A new anchor (restarted, nothing in memory) on this host.
    const restarted = anchorOf((await processOn(dir)).witness);
    const round = await restarted.round();
    expect(round.signed).toBe(0);
    expect(round.problems.find((p) => p.writer === 'c-since')).toMatchObject({ kind: 'truncated', seq: 5 });
    expect(await checkpointsOf('c-since')).toEqual([4]);
  });

  it('reaching below the last checkpoint, the checkpoint left in place: the anchor’s incremental walk too', async () => {
    const { log } = await processOn(newDir());
    await write(log, 'c-below', 1, 6);
    const anchor = anchorOf();
    await anchor.round(); // signs 6
    await cut('c-below', 3);
    expect(await verify('c-below')).toMatchObject({ kind: 'truncated', seq: 4 });
    expect((await anchorOf().round()).problems.find((p) => p.writer === 'c-below')).toMatchObject({ kind: 'truncated', seq: 6 });
  });

  it('rewritten by someone holding the log key: the record at the witnessed head is another', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    await write(log, 'c-rekeyed', 1, 5);
    // Re-chain records 4 and 5 with other content, correctly keyed, and move the head along.
    let prev = (await t.db.knex('access_log').where({ writer: 'c-rekeyed', seq: 3 }).first()).hash;
    for (const seq of [4, 5]) {
      const row = await t.db.knex('access_log').where({ writer: 'c-rekeyed', seq }).first();
      const body = row.body.replace('dibao-verification', 'curiosity');
      // Keyed in the record's own suite (HMAC-SM3 under GOVGRAPH_CRYPTO=sm), as the log key's holder would.
      const hash = chainHash(key, prev, body, row.suite);
      await t.db.knex('access_log').where({ id: row.id }).update({ body, purpose: 'curiosity', prev_hash: prev, hash });
      prev = hash;
    }
    await t.db.knex('access_log_head').where({ writer: 'c-rekeyed' }).update({ hash: prev });
    expect(await verify('c-rekeyed')).toBeUndefined();
    expect(await verify('c-rekeyed', await witnessedIn(dir))).toMatchObject({ kind: 'altered', seq: 5 });
  });

  it('a chain deleted outright — records, head and all', async () => {
    const dir = newDir();
    const { log } = await processOn(dir);
    await write(log, 'c-gone', 1, 3);
    await t.db.knex('access_log').where({ writer: 'c-gone' }).del();
    await t.db.knex('access_log_head').where({ writer: 'c-gone' }).del();
    const report = await verifyAccessLog(t.db, { key, anchorKeys: anchorKeys(), witnessed: await witnessedIn(dir) });
    expect(report.problems.find((p) => p.writer === 'c-gone')).toMatchObject({ kind: 'truncated', seq: 1 });
  });
});

describe('a writer restarted after a cut made while it was down', () => {
  it('finds it at start from its witness, before it writes, and leaves the gap in the database', async () => {
    const dir = newDir();
    const before = await processOn(dir);
    await write(before.log, 'r-down', 1, 5);
    await before.log.close(); // the process ends
    await cut('r-down', 2);

    const after = await processOn(dir); // new process state, same host
    const restored = await after.log.checkHeads();
    expect(restored).toEqual([expect.objectContaining({ writer: 'r-down', found: expect.objectContaining({ seq: 2 }), restored: expect.objectContaining({ seq: 5 }) })]);
    // Now the database itself tells: the head is at 5, the records after 2 are missing.
    expect(await verify('r-down')).toMatchObject({ kind: 'deleted', seq: 3 });
    await write(after.log, 'r-down', 6, 6);
    expect(await verify('r-down')).toMatchObject({ kind: 'deleted', seq: 3 });
    expect((await t.db.knex('access_log').where({ writer: 'r-down' }).orderBy('seq').pluck('seq')).map(Number)).toEqual([1, 2, 6]);
  });

  it('finds it on its first append too, without a check first', async () => {
    const dir = newDir();
    const before = await processOn(dir);
    await write(before.log, 'r-append', 1, 4);
    await cut('r-append', 1);
    const after = await processOn(dir);
    await write(after.log, 'r-append', 5, 5);
    expect(after.log.restoredHeads.map((r) => [r.writer, r.found.seq, r.restored.seq])).toEqual([['r-append', 1, 4]]);
    expect(await verify('r-append')).toMatchObject({ kind: 'deleted', seq: 2 });
  });
});

describe('no false alarms', () => {
  it('replicas of one writer on two hosts, checking heads while they append, set nothing forward', async () => {
    const other = t.url ? connectServer(t.url) : t.db;
    try {
      const dirA = newDir();
      const dirB = newDir();
      const a = await processOn(dirA);
      const witnessB = await HeadWitness.open(dirB, key);
      opened.push(witnessB);
      const b = new AccessLog(other, key, { witness: witnessB });
      const wa = new AuditWriter(a.log, 'n-replicas');
      const wb = new AuditWriter(b, 'n-replicas');
      const checks: Array<Promise<unknown>> = [];
      await Promise.all(
        Array.from({ length: 80 }, (_, i) => {
          if (i % 10 === 0) checks.push(a.log.checkHeads(), b.checkHeads());
          return (i % 2 ? wa : wb).append(entry(i));
        }),
      );
      await Promise.all(checks);
      await Promise.all([a.log.checkHeads(), b.checkHeads()]);
      expect([...a.log.restoredHeads, ...b.restoredHeads]).toEqual([]);
      const heads = new Map([...(await witnessedIn(dirA))]);
      const fromB = (await witnessedIn(dirB)).get('n-replicas')!;
      if (fromB.seq > heads.get('n-replicas')!.seq) heads.set('n-replicas', fromB);
      expect(await verify('n-replicas', heads)).toBeUndefined();
      expect(heads.get('n-replicas')!.seq).toBe(80);
      const round = await anchorOf(a.witness).round();
      expect(round.problems.filter((p) => p.writer === 'n-replicas')).toEqual([]);
      expect(await checkpointsOf('n-replicas')).toEqual([80]);
    } finally {
      if (other !== t.db) await other.close();
    }
  });
});
