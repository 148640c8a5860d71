/**
 * The 公安局 population database as it exists today (PostgreSQL): upper-case pinyin-initial
 * names, national code tables (DM_*), fixed-width CHAR codes. The subgraph reads this shape
 * as it is; nothing here may be changed to suit GraphQL.
 */
import type { Knex } from 'knex';
import type { Database } from '../../../lib/db';

/** Every table, in drop order (data before the code tables it references by value). */
export const TABLES = ['RK_AJBJ', 'RK_JBXX', 'RK_HJXX', 'DM_XB', 'DM_MZ', 'DM_HYZK', 'DM_YHZGX', 'DM_AJBJ'] as const;

type TableBuilder = (t: Knex.CreateTableBuilder) => void;

/** A code table: code (DM) and name (MC), the shape every 代码表 in the department has. */
function codeTable(comment: string, codeType: string): TableBuilder {
  return (t) => {
    t.comment(comment);
    t.specificType('DM', codeType).primary().comment('代码');
    t.string('MC', 60).notNullable().comment('名称');
  };
}

const DEFINITIONS: Array<[string, TableBuilder]> = [
  ['DM_XB', codeTable('性别代码表 (GB/T 2261.1)', 'CHAR(1)')],
  ['DM_MZ', codeTable('民族代码表 (GB/T 3304)', 'CHAR(2)')],
  ['DM_HYZK', codeTable('婚姻状况代码表 (GB/T 2261.2)', 'CHAR(2)')],
  ['DM_YHZGX', codeTable('与户主关系代码表 (GB/T 4761)', 'CHAR(2)')],
  ['DM_AJBJ', codeTable('案件标记代码表', 'VARCHAR(8)')],
  [
    'RK_HJXX',
    (t) => {
      t.comment('户籍信息');
      t.specificType('HH', 'CHAR(12)').primary().comment('户号');
      t.specificType('HZSFHM', 'CHAR(18)').comment('户主公民身份号码');
      t.string('HJDZ', 200).comment('户籍地址');
      t.specificType('HJXZQH', 'CHAR(6)').comment('户籍行政区划代码 (GB/T 2260)');
      t.timestamp('GXSJ', { useTz: false }).notNullable().comment('更新时间 (北京时间)');
    },
  ],
  [
    'RK_JBXX',
    (t) => {
      t.comment('人口基本信息');
      t.specificType('GMSFHM', 'CHAR(18)').primary().comment('公民身份号码');
      t.string('XM', 50).notNullable().comment('姓名');
      t.specificType('XB', 'CHAR(1)').notNullable().comment('性别代码 (GB/T 2261.1)');
      t.date('CSRQ').notNullable().comment('出生日期');
      t.specificType('MZ', 'CHAR(2)').comment('民族代码 (GB/T 3304)');
      t.string('HJDZ', 200).comment('户籍地址');
      t.specificType('HJXZQH', 'CHAR(6)').comment('户籍行政区划代码 (GB/T 2260)');
      t.string('LXDH', 20).comment('联系电话');
      t.specificType('HYZK', 'CHAR(2)').comment('婚姻状况代码 (GB/T 2261.2)');
      t.specificType('HH', 'CHAR(12)').comment('户号');
      t.specificType('YHZGX', 'CHAR(2)').comment('与户主关系代码 (GB/T 4761)');
      t.specificType('SWBS', 'CHAR(1)').notNullable().defaultTo('0').comment("死亡标识: '0' 健在, '1' 死亡");
      t.timestamp('GXSJ', { useTz: false }).notNullable().comment('更新时间 (北京时间)');
      // Household members are read by 户号 (Household.members).
      t.index(['HH'], 'IDX_RK_JBXX_HH');
    },
  ],
  [
    'RK_AJBJ',
    (t) => {
      t.comment('案件标记');
      t.specificType('GMSFHM', 'CHAR(18)').notNullable().comment('公民身份号码');
      t.string('BJLX', 8).notNullable().comment('标记类型代码');
      t.timestamp('DJSJ', { useTz: false }).notNullable().comment('登记时间 (北京时间)');
      // Person.caseFlags reads by 身份号码; the key also forbids duplicate flags.
      t.primary(['GMSFHM', 'BJLX'], { constraintName: 'PK_RK_AJBJ' });
    },
  ],
];

/** Creates the tables that do not exist yet (idempotent). */
export async function migrate(db: Database): Promise<void> {
  for (const [table, build] of DEFINITIONS) {
    if (!(await db.knex.schema.hasTable(table))) await db.knex.schema.createTable(table, build);
  }
}

export async function drop(db: Database): Promise<void> {
  for (const table of TABLES) await db.knex.schema.dropTableIfExists(table);
}
