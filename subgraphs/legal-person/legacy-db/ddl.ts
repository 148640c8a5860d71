/**
 * The market-regulation department's legacy schema, as its MySQL system has it: upper-case
 * pinyin-initial names, CHAR code columns, code tables, a comment on every table and column.
 * The same builder calls create it on PostgreSQL (PGlite in the zero-install demo).
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';
import { ALL_DIVISIONS } from '../../../lib/synthetic';

/** Tables in creation order; dropped in reverse. */
export const TABLES = ['DM_XZQH', 'DM_QYLX', 'DM_DJZT', 'QY_JBXX', 'QY_GD'] as const;

/** Storage options only MySQL understands (knex throws if they are used on another dialect). */
function mysqlOptions(db: Database, t: Knex.CreateTableBuilder): void {
  if (db.dialect === 'mysql') {
    t.engine('InnoDB');
    t.charset('utf8mb4');
  }
}

const CREATE: Record<(typeof TABLES)[number], (db: Database, t: Knex.CreateTableBuilder) => void> = {
  DM_XZQH(db, t) {
    mysqlOptions(db, t);
    t.comment('行政区划代码表 (GB/T 2260, 区县级及以上: 企业按区县登记)');
    t.specificType('DM', 'CHAR(6)').notNullable().primary().comment('行政区划代码');
    t.string('MC', 100).notNullable().comment('行政区划名称');
  },
  DM_QYLX(db, t) {
    mysqlOptions(db, t);
    t.comment('企业类型代码表');
    t.specificType('DM', 'CHAR(4)').notNullable().primary().comment('企业类型代码');
    t.string('MC', 50).notNullable().comment('企业类型名称');
  },
  DM_DJZT(db, t) {
    mysqlOptions(db, t);
    t.comment('登记状态代码表');
    t.specificType('DM', 'CHAR(1)').notNullable().primary().comment('登记状态代码');
    t.string('MC', 20).notNullable().comment('登记状态名称');
  },
  QY_JBXX(db, t) {
    mysqlOptions(db, t);
    t.comment('企业基本信息');
    t.specificType('TYSHXYDM', 'CHAR(18)').notNullable().primary().comment('统一社会信用代码');
    t.string('QYMC', 200).notNullable().comment('企业名称');
    t.specificType('QYLX', 'CHAR(4)').notNullable().comment('企业类型(DM_QYLX)');
    t.specificType('DJZT', 'CHAR(1)').notNullable().comment('登记状态(DM_DJZT)');
    t.date('CLRQ').notNullable().comment('成立日期');
    t.decimal('ZCZB', 18, 2).comment('注册资本(万元)');
    t.string('ZS', 300).comment('住所');
    t.text('JYFW').comment('经营范围');
    t.specificType('FDDBR_SFZH', 'CHAR(18)').comment('法定代表人公民身份号码');
    t.specificType('XZQH', 'CHAR(6)').comment('行政区划代码(GB/T 2260)');
    t.datetime('GXSJ').notNullable().comment('更新时间');
    // Person.legalRepresentativeOf looks companies up by representative; legalPersons filters by division prefix.
    t.index(['FDDBR_SFZH'], 'IDX_QY_JBXX_FDDBR_SFZH');
    t.index(['XZQH'], 'IDX_QY_JBXX_XZQH');
  },
  QY_GD(db, t) {
    mysqlOptions(db, t);
    t.comment('股东出资信息');
    t.increments('ID').primary().comment('流水号');
    t.specificType('TYSHXYDM', 'CHAR(18)').notNullable().comment('企业统一社会信用代码');
    t.specificType('GDLX', 'CHAR(1)').notNullable().comment('股东类型: 1 自然人, 2 法人');
    t.string('GDZJHM', 32).notNullable().comment('股东证件号码(公民身份号码或统一社会信用代码)');
    t.string('GDMC', 200).notNullable().comment('股东名称');
    t.decimal('RJCZE', 18, 2).comment('认缴出资额(万元)');
    // LegalPerson.shareholders reads by company; Person/LegalPerson.shareholdings by holder.
    t.index(['TYSHXYDM'], 'IDX_QY_GD_TYSHXYDM');
    t.index(['GDZJHM'], 'IDX_QY_GD_GDZJHM');
  },
};

/**
 * The division code table comes with its codes — the GB/T 2260 codes of the demo's area, down
 * to county level (QY_JBXX.XZQH is CHAR(6)) — when migrate creates it, not with the demo
 * seed: a register seeded before the table existed must still be able to check codes.
 */
const CODE_ROWS: Partial<Record<(typeof TABLES)[number], () => Array<Record<string, string>>>> = {
  DM_XZQH: () => ALL_DIVISIONS.filter((d) => d.code.length === 6).map((d) => ({ DM: d.code, MC: d.name })),
};

/** Creates the missing tables (a missing code table with its codes); existing ones are left exactly as they are. */
export async function migrate(db: Database): Promise<void> {
  for (const name of TABLES) {
    if (!(await db.knex.schema.hasTable(name))) {
      await db.knex.schema.createTable(name, (t) => CREATE[name](db, t));
      const rows = CODE_ROWS[name]?.();
      if (rows?.length) await db.knex(name).insert(rows);
    }
  }
}

export async function drop(db: Database): Promise<void> {
  for (const name of [...TABLES].reverse()) await db.knex.schema.dropTableIfExists(name);
}
