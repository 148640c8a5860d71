/**
 * Writes the market-regulation slice of the synthetic world into the legacy tables: the
 * code tables, 企业基本信息 and 股东出资信息. Rows go in multi-row INSERTs inside one
 * transaction, so a million-person world (≈200,000 companies, ≈500,000 shareholdings) is a
 * few hundred round trips, and the world's rows are converted one chunk at a time.
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';
import type { SeedProgress } from '../../../lib/subgraph';
import { COMPANY_KIND, COMPANY_STATUS, World, WorldCompany, WorldShareholding } from '../../../lib/synthetic';
import { GDLX_CODES, QyGdRecord, QyJbxxRecord } from './tables';

/**
 * Rows per INSERT. MySQL and PostgreSQL both cap a statement at 65,535 bound parameters;
 * 1,000 × 11 columns (QY_JBXX) and 2,000 × 5 columns (QY_GD) stay far below it while
 * keeping statements small enough for MySQL's default max_allowed_packet.
 */
export const COMPANY_CHUNK = 1_000;
export const SHAREHOLDING_CHUNK = 2_000;

export function companyRecord(c: WorldCompany): QyJbxxRecord {
  return {
    TYSHXYDM: c.uscc,
    QYMC: c.name,
    QYLX: c.kindCode,
    DJZT: c.statusCode,
    CLRQ: c.establishedOn,
    ZCZB: c.registeredCapital,
    ZS: c.registeredAddress,
    JYFW: c.businessScope,
    FDDBR_SFZH: c.representativeIdNumber,
    XZQH: c.divisionCode,
    // A Date, not the ISO string: MySQL DATETIME rejects the 'Z' suffix, and the drivers
    // write a Date in UTC on every engine.
    GXSJ: new Date(c.updatedAt),
  };
}

export function shareholdingRecord(s: WorldShareholding): Omit<QyGdRecord, 'ID'> {
  return {
    TYSHXYDM: s.companyUscc,
    GDLX: s.holderKind === 'PERSON' ? GDLX_CODES.PERSON : GDLX_CODES.COMPANY,
    GDZJHM: s.holderKey,
    GDMC: s.holderName,
    RJCZE: s.subscribedCapital,
  };
}

async function insertChunked<S, R extends object>(
  trx: Knex.Transaction,
  table: string,
  source: readonly S[],
  chunk: number,
  toRecord: (s: S) => R,
  onChunk: (n: number) => void,
): Promise<void> {
  for (let i = 0; i < source.length; i += chunk) {
    const rows = source.slice(i, i + chunk).map(toRecord);
    await trx(table).insert(rows);
    onChunk(rows.length);
  }
}

export async function seed(db: Database, world: World, progress?: SeedProgress): Promise<void> {
  const total = world.companies.length + world.shareholdings.length;
  let done = 0;
  await db.knex.transaction(async (trx) => {
    await trx('DM_QYLX').insert(Object.entries(COMPANY_KIND).map(([DM, MC]) => ({ DM, MC })));
    await trx('DM_DJZT').insert(Object.entries(COMPANY_STATUS).map(([DM, MC]) => ({ DM, MC })));
    await insertChunked(trx, 'QY_JBXX', world.companies, COMPANY_CHUNK, companyRecord, (n) => {
      done += n;
      progress?.tick(done, total, 'QY_JBXX 企业基本信息');
    });
    await insertChunked(trx, 'QY_GD', world.shareholdings, SHAREHOLDING_CHUNK, shareholdingRecord, (n) => {
      done += n;
      progress?.tick(done, total, 'QY_GD 股东出资信息');
    });
  });
}

export async function isSeeded(db: Database): Promise<boolean> {
  if (!(await db.knex.schema.hasTable('QY_JBXX'))) return false;
  return (await db.knex('QY_JBXX').first('TYSHXYDM')) !== undefined;
}
