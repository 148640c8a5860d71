/**
 * The access log's tail under attack, with real processes: a department subgraph runs as its
 * own process writing its chain into the platform database; someone with write access to that
 * database (and no key) deletes the newest records and sets the chain head back — after a
 * signed checkpoint, and again while the subgraph is down, cutting everything since the last
 * checkpoint. `govgraph audit verify` (the real CLI) and the library find it from the head
 * witness; the running subgraph sets its head forward within GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS,
 * so even a reader of the database alone finds it; the anchor refuses to sign; a restarted
 * subgraph finds the cut made while it was down. Real PostgreSQL only (skipped without
 * GOVGRAPH_PG_URL: the embedded engine cannot be shared between processes).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { population } from '../../subgraphs/population/server';
import { openPlatformDatabase, openSeededDatabase, type TestDatabase } from '../support/databases';
import { testSecurity, PEOPLE, type TestSecurity } from '../support/security';
import { startSubgraphProcess, type SubgraphProcess } from '../support/standalone';
import { postGraphQL } from '../support/http';
import { AuditAnchor, HeadWitness, verifyAccessLog, type AuditProblem } from '../../lib/audit';
import { rootLogger } from '../../lib/log';
import { SHOWCASE } from '../../lib/synthetic';

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');
const real = Boolean(process.env.GOVGRAPH_PG_URL);
const describeReal = real ? describe : describe.skip;

const QUERY = `query Name($id: ID!) { person(idNumber: $id) { name } }`;
const WRITER = 'population';

let departments: TestDatabase;
let platform: TestDatabase;
let security: TestSecurity;
let subgraph: SubgraphProcess | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-tail-fault-'));
/** Where the subgraph process witnesses its heads (GOVGRAPH_DATA_DIR/audit-witness). */
const witnessDir = path.join(dataDir, 'audit-witness');

const start = () =>
  startSubgraphProcess('population', {
    databaseUrl: departments.url!,
    platformUrl: platform.url!,
    dataDir,
    security,
    env: { GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS: '1' },
  });

beforeAll(async () => {
  if (!real) return;
  [departments, platform, security] = await Promise.all([openSeededDatabase(population), openPlatformDatabase(), testSecurity()]);
  subgraph = await start();
});
afterAll(async () => {
  await subgraph?.stop('SIGKILL');
  await Promise.all([departments?.drop(), platform?.drop()]);
  security?.policy.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `n` requests through the subgraph, as the gateway sends them; each leaves one record. */
async function requests(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ query: QUERY, variables: { id: SHOWCASE.head } });
    const res = await postGraphQL(subgraph!.url, QUERY, { id: SHOWCASE.head }, await security.credentialFor('population', body, PEOPLE.publicSecurity));
    expect(res.data?.person?.name).toBe('李建国');
  }
}

const knex = () => platform.db.knex;

async function head(): Promise<number> {
  return Number((await knex()('access_log_head').where({ writer: WRITER }).first()).seq);
}

/** The attack, in SQL: delete the records after `keep` and set the head back to record `keep`. */
async function cut(keep: number): Promise<void> {
  const last = await knex()('access_log').where({ writer: WRITER, seq: keep }).first('hash');
  await knex().transaction(async (trx) => {
    await trx('access_log').where({ writer: WRITER }).andWhere('seq', '>', keep).del();
    await trx('access_log_head').where({ writer: WRITER }).update({ seq: keep, hash: last.hash });
  });
}

/** The platform operator's anchor, on its own host (a witness of its own, or none). */
function anchor(witness?: HeadWitness): AuditAnchor {
  return new AuditAnchor(platform.db, { key: security.auditKeys.key, signer: security.anchorKeyPair, anchorKeys: security.auditKeys.anchorKeys, log: rootLogger, witness });
}

async function problem(witnessed?: boolean): Promise<AuditProblem | undefined> {
  const heads = witnessed ? (await HeadWitness.read(witnessDir, security.auditKeys.key))!.heads() : undefined;
  const report = await verifyAccessLog(platform.db, { key: security.auditKeys.key, anchorKeys: security.auditKeys.anchorKeys, writer: WRITER, witnessed: heads });
  return report.problems[0];
}

/** `govgraph audit verify` on the platform database, reading the witness the subgraph keeps. */
async function cliVerify(): Promise<{ code: number; out: string }> {
  const env = {
    ...process.env,
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_SHARING_DB_URL: platform.url!,
    GOVGRAPH_AUDIT_KEY: security.auditKeys.key.toString('base64'),
    GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY: path.join(dataDir, 'audit-anchor.pub.json'),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'audit', 'verify'], { env });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function checkpoints(): Promise<number[]> {
  return (await knex()('access_log_checkpoint').where({ writer: WRITER }).orderBy('seq').pluck('seq')).map(Number);
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeReal('the access log’s tail, cut in the database', () => {
  const platformAnchor = () => anchor(); // on another host: no view of the subgraph's witness

  it('after a checkpoint, head set back, subgraph running: the CLI, the library, the subgraph and the anchor all find it', async () => {
    await requests(6);
    expect((await platformAnchor().round()).problems).toEqual([]);
    expect(await checkpoints()).toEqual([6]);
    await requests(4);
    expect(await head()).toBe(10);

    await cut(7);

    // Against the witness: found at once, whatever the subgraph does meanwhile.
    const cli = await cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/TAMPERED: truncated\b/);
    expect(await problem(true)).toMatchObject({ kind: 'truncated', seq: 8 });

    // The running subgraph sets its head forward within its check interval (1 s here): from
    // then on the database alone shows the gap, to verify and to the anchor.
    await until(async () => (await head()) === 10, 5000);
    expect(await problem(false)).toMatchObject({ kind: 'deleted', seq: 8 });
    expect(subgraph!.logs.some((l) => l.level >= 50 && l.writer === WRITER && l.found?.seq === 7 && l.known?.seq === 10)).toBe(true);
    const round = await platformAnchor().round();
    expect(round.problems.find((p) => p.writer === WRITER)).toMatchObject({ kind: 'deleted', seq: 8 });
    expect(await checkpoints()).toEqual([6]);

    // Personal data still flows, its records chained onto the true head; the gap stays.
    await requests(1);
    expect(await head()).toBe(11);
    expect(await problem(false)).toMatchObject({ kind: 'deleted', seq: 8 });
  });

  it('everything since the last checkpoint cut while the subgraph was down: found by the CLI, and by the subgraph as it restarts', async () => {
    expect(await subgraph!.stop()).toBe(0);
    subgraph = undefined;

    await cut(6); // back to the checkpoint: a perfect chain, signed where it ends
    expect(await problem(false)).toBeUndefined();
    const cli = await cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/TAMPERED: truncated\b/);
    expect(await problem(true)).toMatchObject({ kind: 'truncated', seq: 7 });
    // An anchor on the subgraph's host reads its witness (a restarted one: nothing in memory).
    const sameHost = await HeadWitness.open(witnessDir, security.auditKeys.key);
    try {
      const round = await anchor(sameHost).round();
      expect(round.problems.find((p) => p.writer === WRITER)).toMatchObject({ kind: 'truncated', seq: 7 });
    } finally {
      await sameHost.close();
    }

    // The restarted subgraph (new process, nothing in memory) finds it before serving anyone.
    subgraph = await start();
    await until(async () => (await head()) === 11, 5000);
    expect(await problem(false)).toMatchObject({ kind: 'deleted', seq: 7 });
    expect((await platformAnchor().round()).problems.find((p) => p.writer === WRITER)).toMatchObject({ kind: 'deleted', seq: 7 });
    expect(await checkpoints()).toEqual([6]);
  });
});
