/**
 * The human-resources legacy tables as they are stored (one record type per table), so the
 * seed's inserts are type-checked against the DDL. Names are the legacy ones on purpose: the
 * subgraph maps them, it never renames them.
 */

/** DM_XZLX 险种类型代码表, DM_CBZT 参保状态代码表. */
export interface CodeRecord {
  DM: string;
  MC: string;
}

/** SB_DWXX 参保单位信息. */
export interface SbDwxxRecord {
  DWBH: string;
  DWMC: string;
  TYSHXYDM: string | null;
  XZQH: string;
  /** DATE, 'YYYY-MM-DD'. */
  CBDJRQ: string;
  /** DATETIME in Beijing wall-clock time, 'YYYY-MM-DD HH:MM:SS' (as the legacy system writes it). */
  GXSJ: string;
}

/** SB_GRCBXX 个人参保信息: one person in one 险种. */
export interface SbGrcbxxRecord {
  GMSFHM: string;
  XZLX: string;
  DWBH: string | null;
  CBRQ: string;
  CBZT: string;
  /** 累计缴费月数. */
  JFYS: number;
  GXSJ: string;
}

/** SB_JFMX 缴费明细: one month's contribution; amounts in 分. */
export interface SbJfmxRecord {
  GMSFHM: string;
  XZLX: string;
  /** 'YYYYMM'. */
  JFNY: string;
  /** 分 per month; null in the 城乡居民 schemes. */
  JFJS: number | null;
  GRJF: number;
  DWJF: number;
}
