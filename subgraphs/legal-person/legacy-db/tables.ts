/**
 * The market-regulation legacy tables as they are stored (one record type per table), so
 * the seed's inserts are type-checked against the DDL. Names are the legacy ones on purpose:
 * the subgraph maps them, it never renames them.
 */
import type { Knex } from 'knex';

/** DM_XZQH 行政区划代码表 (GB/T 2260, county level and up). */
export interface DmXzqhRecord {
  DM: string;
  MC: string;
}

/** DM_QYLX 企业类型代码表. */
export interface DmQylxRecord {
  DM: string;
  MC: string;
}

/** DM_DJZT 登记状态代码表. */
export interface DmDjztRecord {
  DM: string;
  MC: string;
}

/** QY_JBXX 企业基本信息. */
export interface QyJbxxRecord {
  TYSHXYDM: string;
  QYMC: string;
  QYLX: string;
  DJZT: string;
  /** DATE, read back as 'YYYY-MM-DD' on every engine. */
  CLRQ: string;
  /** DECIMAL(18,2) 万元, read back as a string. */
  ZCZB: string | null;
  ZS: string | null;
  JYFW: string | null;
  FDDBR_SFZH: string | null;
  XZQH: string | null;
  GXSJ: Date;
}

/** QY_GD 股东 (出资信息). */
export interface QyGdRecord {
  ID: number;
  TYSHXYDM: string;
  /** GDLX_CODES: '1' 自然人, '2' 法人. */
  GDLX: string;
  GDZJHM: string;
  GDMC: string;
  RJCZE: string | null;
}

declare module 'knex/types/tables' {
  interface Tables {
    DM_XZQH: DmXzqhRecord;
    DM_QYLX: DmQylxRecord;
    DM_DJZT: DmDjztRecord;
    QY_JBXX: QyJbxxRecord;
    QY_GD: Knex.CompositeTableType<QyGdRecord, Omit<QyGdRecord, 'ID'>>;
  }
}

/** 股东类型 (GDLX) codes. Other codes (e.g. foreign investors) are not served: they are neither a Person nor a LegalPerson. */
export const GDLX_CODES = { PERSON: '1', COMPANY: '2' } as const;
