/**
 * The human-resources department's legacy schema (人社 社会保险经办系统), as its MySQL system
 * has it: upper-case pinyin-initial names, CHAR codes with their code tables, amounts in 分,
 * months as CHAR(6) `YYYYMM`, foreign keys, and a Chinese comment on every table and column —
 * `govgraph subgraph init` proposes the GraphQL names from them. The same builder calls create
 * it on PostgreSQL (PGlite in the zero-install demo).
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';

/** Tables in creation order (code tables and units before what refers to them); dropped in reverse. */
export const TABLES = ['DM_XZLX', 'DM_CBZT', 'SB_DWXX', 'SB_GRCBXX', 'SB_JFMX'] as const;

/** Storage options only MySQL understands (knex throws if they are used on another dialect). */
function mysqlOptions(db: Database, t: Knex.CreateTableBuilder): void {
  if (db.dialect === 'mysql') {
    t.engine('InnoDB');
    t.charset('utf8mb4');
  }
}

const CREATE: Record<(typeof TABLES)[number], (db: Database, t: Knex.CreateTableBuilder) => void> = {
  DM_XZLX(db, t) {
    mysqlOptions(db, t);
    t.comment('险种类型代码表');
    t.specificType('DM', 'CHAR(3)').notNullable().primary('PK_DM_XZLX').comment('险种类型代码');
    t.string('MC', 50).notNullable().comment('险种类型名称');
  },
  DM_CBZT(db, t) {
    mysqlOptions(db, t);
    t.comment('参保状态代码表');
    t.specificType('DM', 'CHAR(1)').notNullable().primary('PK_DM_CBZT').comment('参保状态代码');
    t.string('MC', 20).notNullable().comment('参保状态名称');
  },
  SB_DWXX(db, t) {
    mysqlOptions(db, t);
    t.comment('参保单位信息');
    t.specificType('DWBH', 'CHAR(12)').notNullable().primary('PK_SB_DWXX').comment('单位编号');
    t.string('DWMC', 200).notNullable().comment('单位名称');
    t.specificType('TYSHXYDM', 'CHAR(18)').comment('统一社会信用代码');
    t.specificType('XZQH', 'CHAR(6)').notNullable().comment('行政区划代码(GB/T 2260)');
    t.date('CBDJRQ').notNullable().comment('参保登记日期');
    t.datetime('GXSJ').notNullable().comment('更新时间');
    // LegalPerson.insuredEmployees finds a company's unit by its code.
    t.unique(['TYSHXYDM'], { indexName: 'UK_SB_DWXX_TYSHXYDM' });
  },
  SB_GRCBXX(db, t) {
    mysqlOptions(db, t);
    t.comment('个人参保信息');
    t.specificType('GMSFHM', 'CHAR(18)').notNullable().comment('公民身份号码');
    t.specificType('XZLX', 'CHAR(3)').notNullable().comment('险种类型(DM_XZLX)');
    t.specificType('DWBH', 'CHAR(12)').comment('单位编号(SB_DWXX); 城乡居民险种为空');
    t.date('CBRQ').notNullable().comment('参保日期');
    t.specificType('CBZT', 'CHAR(1)').notNullable().comment('参保状态(DM_CBZT)');
    t.integer('JFYS').notNullable().defaultTo(0).comment('缴费月数(累计)');
    t.datetime('GXSJ').notNullable().comment('更新时间');
    t.primary(['GMSFHM', 'XZLX'], 'PK_SB_GRCBXX');
    t.foreign('XZLX', 'FK_SB_GRCBXX_XZLX').references('DM').inTable('DM_XZLX');
    t.foreign('CBZT', 'FK_SB_GRCBXX_CBZT').references('DM').inTable('DM_CBZT');
    t.foreign('DWBH', 'FK_SB_GRCBXX_DWBH').references('DWBH').inTable('SB_DWXX');
    // LegalPerson.insuredEmployees counts a unit's insured persons.
    t.index(['DWBH', 'CBZT'], 'IDX_SB_GRCBXX_DWBH_CBZT');
  },
  SB_JFMX(db, t) {
    mysqlOptions(db, t);
    t.comment('缴费明细');
    t.specificType('GMSFHM', 'CHAR(18)').notNullable().comment('公民身份号码');
    t.specificType('XZLX', 'CHAR(3)').notNullable().comment('险种类型(DM_XZLX)');
    t.specificType('JFNY', 'CHAR(6)').notNullable().comment('缴费年月(YYYYMM); 城乡居民险种按年缴费, 记在当年12月');
    t.integer('JFJS').comment('缴费基数(分/月); 城乡居民险种为空');
    t.integer('GRJF').notNullable().defaultTo(0).comment('个人缴费金额(分)');
    t.integer('DWJF').notNullable().defaultTo(0).comment('单位缴费金额(分)');
    t.primary(['GMSFHM', 'XZLX', 'JFNY'], 'PK_SB_JFMX');
    t.foreign(['GMSFHM', 'XZLX'], 'FK_SB_JFMX_GRCBXX').references(['GMSFHM', 'XZLX']).inTable('SB_GRCBXX');
  },
};

/** Creates the missing tables; existing ones are left exactly as they are. */
export async function migrate(db: Database): Promise<void> {
  for (const name of TABLES) {
    if (!(await db.knex.schema.hasTable(name))) {
      await db.knex.schema.createTable(name, (t) => CREATE[name](db, t));
    }
  }
}

export async function drop(db: Database): Promise<void> {
  for (const name of [...TABLES].reverse()) await db.knex.schema.dropTableIfExists(name);
}
