/**
 * The natural-resources department's legacy schema as it exists (不动产登记数据库): upper-case
 * pinyin-initial names, code tables DM_*, comments on everything. PostgreSQL + PostGIS only.
 * The subgraph reads this schema as it is and never requires it to change.
 */
import type { Knex } from 'knex';

/** Tables in creation order (code tables first); dropped in reverse. */
export const TABLES = ['DM_TDYT', 'DM_TXQLLX', 'XZQH', 'ZD_ZDJBXX', 'BDC_QL', 'BDC_TXQL'] as const;

const CREATE: Record<(typeof TABLES)[number], (t: Knex.CreateTableBuilder) => void> = {
  DM_TDYT: (t) => {
    t.comment('土地用途代码表 (GB/T 21010 土地利用现状分类)');
    t.specificType('DM', 'char(4)').primary().comment('土地用途代码');
    t.string('MC', 50).notNullable().comment('土地用途名称');
  },
  DM_TXQLLX: (t) => {
    t.comment('他项权利类型代码表');
    t.specificType('DM', 'char(1)').primary().comment('他项权利类型代码');
    t.string('MC', 20).notNullable().comment('他项权利类型名称');
  },
  XZQH: (t) => {
    t.comment('行政区划 (GB/T 2260; 乡镇街道为9位代码)');
    t.string('XZQHDM', 12).primary().comment('行政区划代码');
    t.string('XZQHMC', 100).notNullable().comment('行政区划名称');
    t.smallint('JB').notNullable().comment('级别: 1省 2市 3区县 4乡镇街道');
    t.string('SJDM', 12).nullable().index('XZQH_SJDM_IDX').comment('上级行政区划代码');
    t.specificType('GEOM', 'geometry(MultiPolygon, 4326)').nullable().comment('边界 (WGS 84)');
  },
  ZD_ZDJBXX: (t) => {
    t.comment('宗地基本信息');
    t.string('ZDDM', 19).primary().comment('宗地代码 (GB/T 13923)');
    t.string('XZQHDM', 12).notNullable().index('ZD_ZDJBXX_XZQHDM_IDX').comment('所在乡镇街道代码');
    t.specificType('TDYT', 'char(4)').nullable().comment('土地用途代码 (DM_TDYT)');
    t.decimal('ZDMJ', 12, 2).nullable().comment('宗地面积 (平方米)');
    t.specificType('GEOM', 'geometry(MultiPolygon, 4326)').nullable().comment('宗地图形 (WGS 84)');
    t.timestamp('GXSJ', { useTz: true }).notNullable().comment('更新时间');
  },
  BDC_QL: (t) => {
    t.comment('不动产权 (不动产权证书)');
    t.string('BDCQZH', 60).primary().comment('不动产权证书号');
    t.string('ZDDM', 19).notNullable().index('BDC_QL_ZDDM_IDX').comment('宗地代码');
    t.specificType('QLRLX', 'char(1)').notNullable().comment('权利人类型: 1个人 2单位');
    t.string('QLRZJHM', 18).notNullable().index('BDC_QL_QLRZJHM_IDX').comment('权利人证件号码 (公民身份号码或统一社会信用代码)');
    t.string('QLRMC', 200).nullable().comment('权利人名称');
    t.date('DJSJ').nullable().comment('登记时间');
    t.timestamp('GXSJ', { useTz: true }).notNullable().comment('更新时间');
  },
  BDC_TXQL: (t) => {
    t.comment('他项权利 (抵押、查封)');
    t.integer('ID').primary().comment('他项权利编号');
    t.string('BDCQZH', 60).notNullable().index('BDC_TXQL_BDCQZH_IDX').comment('不动产权证书号');
    t.specificType('TXQLLX', 'char(1)').notNullable().comment('他项权利类型代码 (DM_TXQLLX)');
    t.string('TXQLR', 200).nullable().comment('他项权利人 (抵押权人或查封机关)');
    t.date('DJSJ').nullable().comment('登记时间');
    t.decimal('JE', 14, 2).nullable().comment('金额 (万元)');
    t.string('WH', 100).nullable().comment('文号');
  },
};

/**
 * Spatial indexes knex's builder cannot express. The geography one serves metre radii
 * (`ST_DWithin("GEOM"::geography, …)`), which the planar index cannot.
 */
const SPATIAL_INDEXES = [
  'CREATE INDEX IF NOT EXISTS "XZQH_GEOM_GIST" ON "XZQH" USING gist ("GEOM")',
  'CREATE INDEX IF NOT EXISTS "ZD_ZDJBXX_GEOM_GIST" ON "ZD_ZDJBXX" USING gist ("GEOM")',
  'CREATE INDEX IF NOT EXISTS "ZD_ZDJBXX_GEOG_GIST" ON "ZD_ZDJBXX" USING gist (("GEOM"::geography))',
];

export async function migrate(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  for (const name of TABLES) {
    if (!(await knex.schema.hasTable(name))) await knex.schema.createTable(name, CREATE[name]);
  }
  for (const sql of SPATIAL_INDEXES) await knex.raw(sql);
}

export async function drop(knex: Knex): Promise<void> {
  for (const name of [...TABLES].reverse()) await knex.schema.dropTableIfExists(name);
}
