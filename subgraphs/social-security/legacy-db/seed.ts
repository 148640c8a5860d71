/**
 * Writes the human-resources slice of the synthetic world into the legacy tables: the code
 * tables, 参保单位, 个人参保信息 and 缴费明细. Rows go in multi-row INSERTs inside one
 * transaction; contribution rows are derived from each enrolment (`contributionsOf`) one
 * chunk at a time, so a million-person world (≈14 million of them) never sits in memory.
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';
import type { SeedProgress } from '../../../lib/subgraph';
import { contributionCount, contributionsOf, ENROLMENT_STATUS, INSURANCE_TYPE, World, WorldContribution, WorldInsuranceEnrolment, WorldInsuredUnit } from '../../../lib/synthetic';
import type { SbDwxxRecord, SbGrcbxxRecord, SbJfmxRecord } from './records';

/**
 * Rows per INSERT. MySQL and PostgreSQL both cap a statement at 65,535 bound parameters;
 * 2,000 rows × 6 or 7 columns stay far below it, and the statements small enough for
 * MySQL's default max_allowed_packet.
 */
export const UNIT_CHUNK = 2_000;
export const ENROLMENT_CHUNK = 2_000;
export const CONTRIBUTION_CHUNK = 2_000;

/** Beijing has kept UTC+8 since 1991. */
const BEIJING_MS = 8 * 3_600_000;

/** An instant → the Beijing wall-clock text the legacy system stores in a DATETIME. */
export function beijingWallClock(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function unitRecord(u: WorldInsuredUnit): SbDwxxRecord {
  return { DWBH: u.unitNumber, DWMC: u.name, TYSHXYDM: u.uscc, XZQH: u.divisionCode, CBDJRQ: u.registeredOn, GXSJ: beijingWallClock(u.updatedAt) };
}

export function enrolmentRecord(e: WorldInsuranceEnrolment): SbGrcbxxRecord {
  return { GMSFHM: e.idNumber, XZLX: e.typeCode, DWBH: e.unitNumber, CBRQ: e.enrolledOn, CBZT: e.statusCode, JFYS: e.paidMonths, GXSJ: beijingWallClock(e.updatedAt) };
}

export function contributionRecord(c: WorldContribution): SbJfmxRecord {
  return { GMSFHM: c.idNumber, XZLX: c.typeCode, JFNY: c.month, JFJS: c.base, GRJF: c.personal, DWJF: c.unit };
}

async function insertChunked<R extends object>(trx: Knex.Transaction, table: string, rows: Iterable<R>, chunk: number, onChunk: (n: number) => void): Promise<void> {
  let batch: R[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await trx(table).insert(batch);
    onChunk(batch.length);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= chunk) await flush();
  }
  await flush();
}

function* contributionRecords(enrolments: readonly WorldInsuranceEnrolment[]): Generator<SbJfmxRecord> {
  for (const e of enrolments) for (const c of contributionsOf(e)) yield contributionRecord(c);
}

/**
 * `rows` in the order of `key`. MySQL's InnoDB stores a table in its primary key's order: rows
 * arriving in random key order land on random pages, and once the table outgrows the buffer
 * pool (MariaDB's default is 128 MB) nearly every row of a multi-row INSERT reads a page from
 * disk — a million-person world's 个人参保信息 went in at under a thousand rows a second so.
 * In key order each INSERT fills the table's last pages. Enrolments sorted by (身份号码, 险种)
 * also yield their 缴费明细 in SB_JFMX's key order (`contributionsOf` counts months up).
 */
function inKeyOrder<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return rows
    .map((row) => ({ row, k: key(row) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.row);
}

export async function seed(db: Database, world: World, progress?: SeedProgress): Promise<void> {
  const units = inKeyOrder(world.insuredUnits, (u) => u.unitNumber);
  const enrolments = inKeyOrder(world.insuranceEnrolments, (e) => `${e.idNumber} ${e.typeCode}`);
  const contributions = world.insuranceEnrolments.reduce((n, e) => n + contributionCount(e), 0);
  const total = world.insuredUnits.length + world.insuranceEnrolments.length + contributions;
  let done = 0;
  const tick = (label: string) => (n: number) => {
    done += n;
    progress?.tick(done, total, label);
  };
  await db.knex.transaction(async (trx) => {
    await trx('DM_XZLX').insert(Object.entries(INSURANCE_TYPE).map(([DM, MC]) => ({ DM, MC })));
    await trx('DM_CBZT').insert(Object.entries(ENROLMENT_STATUS).map(([DM, MC]) => ({ DM, MC })));
    await insertChunked(trx, 'SB_DWXX', units.map(unitRecord), UNIT_CHUNK, tick('SB_DWXX 参保单位信息'));
    await insertChunked(trx, 'SB_GRCBXX', enrolments.map(enrolmentRecord), ENROLMENT_CHUNK, tick('SB_GRCBXX 个人参保信息'));
    await insertChunked(trx, 'SB_JFMX', contributionRecords(enrolments), CONTRIBUTION_CHUNK, tick('SB_JFMX 缴费明细'));
  });
}

export async function isSeeded(db: Database): Promise<boolean> {
  if (!(await db.knex.schema.hasTable('SB_GRCBXX'))) return false;
  return (await db.knex('SB_GRCBXX').first('GMSFHM')) !== undefined;
}
