/**
 * `govgraph audit verify` — recomputes every chain of the access log and checks every signed
 * checkpoint; prints the number of records checked, or the first bad record and exits 1.
 *
 * It reads the platform database directly (GOVGRAPH_SHARING_DB_URL, or the embedded one),
 * and holds every chain against the heads witnessed outside it (GOVGRAPH_AUDIT_WITNESS_DIR or
 * --witness): a chain cut short since its last checkpoint is reported. While `npm start` owns
 * the embedded database, it asks the running gateway instead, as a security officer (a demo
 * token, or --token); the gateway's process reads its witness itself.
 */
import { subgraphs } from '../../subgraphs';
import { openDepartmentDatabases } from '../../app/departmentDatabases';
import { auditKeysFromEnv } from '../../app/security';
import type { AuditKeys } from '../../lib/audit/keys';
import type { Database } from '../../lib/db';
import { archiveAccessLog, verifyAccessLog, verifyArchiveFile, type AuditProblem } from '../../lib/audit';
import { issueToken, loadOrCreateKeyPair } from '../../lib/identity';
import { auditWitnessDir, seedPersons } from '../../lib/config';
import { HeadWitness } from '../../lib/audit/witness';
import { callGateway, GatewayError } from '../gatewayClient';

export interface AuditVerifyOptions {
  url?: string;
  token?: string;
  /** Verify this archive file instead of the live log. */
  archive?: string;
  /** Head witness directories to hold the chains against. @default GOVGRAPH_AUDIT_WITNESS_DIR */
  witness?: string[];
}

interface Outcome {
  records: number;
  chains: number;
  checkpoints: number;
  problems: Array<Pick<AuditProblem, 'kind' | 'writer' | 'seq' | 'detail'> & { id?: number | string | null }>;
}

export async function auditVerifyCommand(opts: AuditVerifyOptions): Promise<void> {
  if (opts.archive) return verifyArchive(opts.archive);
  let outcome: Outcome;
  try {
    outcome = await verifyDirectly(opts.witness?.length ? opts.witness : [auditWitnessDir()]);
  } catch (err) {
    if (!/in use by process/.test((err as Error).message)) return fail(`audit verify: ${(err as Error).message.split('\n')[0]}`);
    try {
      outcome = await verifyThroughGateway(opts);
    } catch (e) {
      return fail(`audit verify: ${e instanceof GatewayError ? e.message : (e as Error).message.split('\n')[0]}`);
    }
  }
  if (!outcome.problems.length) {
    process.stdout.write(`access log intact: ${outcome.records} records checked in ${outcome.chains} chains, ${outcome.checkpoints} signed checkpoints\n`);
    return;
  }
  const [first, ...more] = outcome.problems;
  process.stdout.write(`access log checked: ${outcome.records} records in ${outcome.chains} chains, ${outcome.checkpoints} signed checkpoints\n`);
  fail(
    `TAMPERED: ${first.kind} — chain ${first.writer}, record ${first.seq}${first.id ? ` (row #${first.id})` : ''}: ${first.detail}` +
      (more.length ? ` (and ${more.length} other chain(s) broken)` : ''),
  );
}

/** Runs `fn` on the platform database (GOVGRAPH_SHARING_DB_URL, or the embedded one) with the log's keys. */
async function withPlatformDatabase<T>(fn: (db: Database, keys: AuditKeys) => Promise<T>): Promise<T> {
  const sharing = subgraphs.find((s) => s.name === 'sharing')!;
  const dbs = await openDepartmentDatabases([sharing], { persons: seedPersons() });
  try {
    return await fn(dbs.byName.get('sharing')!, await auditKeysFromEnv());
  } finally {
    await dbs.close();
  }
}

async function verifyDirectly(witnessDirs: string[]): Promise<Outcome> {
  return withPlatformDatabase(async (db, keys) => {
    const witnessed = await readWitnesses(witnessDirs, keys.key);
    const report = await verifyAccessLog(db, { key: keys.key, anchorKeys: keys.anchorKeys, witnessed });
    return { records: report.records, chains: report.writers.length, checkpoints: report.checkpoints, problems: report.problems };
  });
}

/**
 * The newest head of each chain over every witness directory given (copies from each host a
 * writer runs on, or the one shared directory of `npm start`). Says on stderr what it found:
 * without a witness, a tail cut since the last checkpoint shows only once a running writer
 * sets its head forward again (README, "The access log").
 */
async function readWitnesses(dirs: string[], key: Buffer): Promise<Map<string, { seq: number; hash: string; at: string; by: string }>> {
  const heads = new Map<string, { seq: number; hash: string; at: string; by: string }>();
  for (const dir of dirs) {
    const witness = await HeadWitness.read(dir, key);
    if (!witness) {
      process.stderr.write(`no head witness in ${dir}: records cut off since the last checkpoint are found only once their writer runs again\n`);
      continue;
    }
    if (witness.rejected) process.stderr.write(`${witness.file}: ${witness.rejected} line(s) without a valid MAC ignored (edited, or written under another log key)\n`);
    for (const [writer, h] of witness.heads()) {
      const known = heads.get(writer);
      if (!known || h.seq > known.seq) heads.set(writer, h);
    }
  }
  return heads;
}

async function verifyThroughGateway(opts: AuditVerifyOptions): Promise<Outcome> {
  process.stderr.write('the embedded database is in use by `npm start`: verifying through the running gateway\n');
  const token =
    opts.token ??
    process.env.GOVGRAPH_TOKEN ??
    (await issueToken(await loadOrCreateKeyPair('demo-issuer'), { user: 'audit-cli', dept: 'big-data-center', division: '320100', roles: ['security-officer'], ttlSeconds: 300 }));
  const data = await callGateway<{ accessLogIntegrity: { records: number; chains: number; checkpoints: number; problems: Outcome['problems'] } }>(
    { url: opts.url, token },
    '{ accessLogIntegrity { records chains checkpoints problems { kind writer seq recordId detail } } }',
  );
  const r = data.accessLogIntegrity;
  return { records: r.records, chains: r.chains, checkpoints: r.checkpoints, problems: r.problems };
}

async function verifyArchive(file: string): Promise<void> {
  try {
    const keys = await auditKeysFromEnv();
    const r = await verifyArchiveFile(file, { key: keys.key, anchorKeys: keys.anchorKeys });
    if (r.problems.length) return fail(`TAMPERED: ${file}: ${r.problems[0]}${r.problems.length > 1 ? ` (and ${r.problems.length - 1} more)` : ''}`);
    process.stdout.write(`archive intact: ${r.records} records in ${r.chains} chains, each ending at a signed checkpoint; SHA-256 ${r.sha256}\n`);
  } catch (err) {
    fail(`audit verify: ${(err as Error).message.split('\n')[0]}`);
  }
}

export interface AuditArchiveOptions {
  before: string;
  out: string;
}

/**
 * `govgraph audit archive --before <date> --out <file>`: moves the records older than the
 * date (up to each chain's newest signed checkpoint before it) into a file, and out of the
 * live table. Needs the platform database itself: stop `npm start` first when it is embedded.
 */
export async function auditArchiveCommand(opts: AuditArchiveOptions): Promise<void> {
  const before = new Date(opts.before);
  if (!/^\d{4}-\d{2}-\d{2}/.test(opts.before) || Number.isNaN(before.getTime())) return fail(`audit archive: --before "${opts.before}" is not a date (YYYY-MM-DD)`);
  try {
    const done = await withPlatformDatabase(async (db, keys) =>
      archiveAccessLog(db, { key: keys.key, anchorKeys: keys.anchorKeys, before, out: opts.out, witnessed: await readWitnesses([auditWitnessDir()], keys.key) }),
    );
    if (!done.chains.length) return void process.stdout.write(`nothing to archive: no chain has a signed checkpoint older than ${opts.before}\n`);
    for (const c of done.chains) process.stdout.write(`  ${c.writer.padEnd(14)} records ${c.fromSeq + 1}–${c.toSeq} (${c.records})\n`);
    process.stdout.write(`archived to ${done.file} (SHA-256 ${done.sha256}); keep it on write-once storage. Verify it with: govgraph audit verify --archive ${done.file}\n`);
  } catch (err) {
    fail(`audit archive: ${(err as Error).message.split('\n')[0]}`);
  }
}

function fail(line: string): void {
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}
