/**
 * Row types (the codegen mappers) and every SQL statement the social-security subgraph runs
 * against the human-resources department's tables, as `govgraph subgraph init` wrote them.
 * The legacy names stay here and nowhere else: each field maps to its column below. Code
 * columns are read with their code table's name by join, in the same statement. Parameters
 * are always bound; zone-less timestamps are read as Beijing time (lib/legacyDb/values.ts).
 */
import type { Knex } from 'knex';
import type { Database } from '../../lib/db';
import { compositeKey, keyParts, values, type KeySpec } from '../../lib/legacyDb';

/** One 参保单位信息 (SB_DWXX) row, as the resolvers see it. */
export interface InsuredUnitRow {
  /** 单位编号 (DWBH, char(12)) */
  employerNumber: string;
  /** 单位名称 (DWMC, varchar(200)) */
  employerName: string | null;
  /** 统一社会信用代码 (TYSHXYDM, char(18)) */
  uscc: string | null;
  /** 行政区划代码(GB/T 2260) (XZQH, char(6)) */
  divisionCode: string | null;
  /** 参保登记日期 (CBDJRQ, date) */
  cbdjrq: string | null;
  /** 更新时间 (GXSJ, datetime) */
  updatedAt: string | null;
}

/** SB_DWXX's primary key: what a key must look like before it reaches SQL. */
export const SB_DWXX_KEY = {
  employerNumber: { column: 'DWBH', kind: 'text', maxLength: 12 },
} as const satisfies Record<string, KeySpec>;

function selectInsuredUnit(db: Database): Knex.QueryBuilder {
  return db
    .knex({ t: 'SB_DWXX' })
    .select({
      employerNumber: 't.DWBH',
      employerName: 't.DWMC',
      uscc: 't.TYSHXYDM',
      divisionCode: 't.XZQH',
      cbdjrq: 't.CBDJRQ',
    })
    .select(values.wallClock(db, 't.GXSJ', 'updatedAt'));
}

function toInsuredUnitRow(r: Record<string, unknown>): InsuredUnitRow {
  return {
    employerNumber: values.key(r.employerNumber),
    employerName: values.text(r.employerName),
    uscc: values.chars(r.uscc),
    divisionCode: values.chars(r.divisionCode),
    cbdjrq: values.date(r.cbdjrq),
    updatedAt: values.fromWallClock(r.updatedAt),
  };
}

/** SB_DWXX rows by key (loader keys, lib/legacyDb/keys.ts), in no particular order: one statement however many keys. */
export async function insuredUnitByKeys(db: Database, keys: readonly string[]): Promise<InsuredUnitRow[]> {
  const rows: Array<Record<string, unknown>> = await selectInsuredUnit(db).whereIn('t.DWBH', keys as string[]);
  return rows.map(toInsuredUnitRow);
}

/** A row's loader key. */
export const insuredUnitKey = (r: InsuredUnitRow): string => r.employerNumber;

/** One 个人参保信息 (SB_GRCBXX) row, as the resolvers see it. */
export interface SocialInsuranceEnrolmentRow {
  /** 公民身份号码 (GMSFHM, char(18)) */
  idNumber: string;
  /** 险种类型(DM_XZLX) (XZLX, char(3)) */
  insuranceType: string;
  /** 单位编号(SB_DWXX); 城乡居民险种为空 (DWBH, char(12)) */
  employerNumber: string | null;
  /** 参保日期 (CBRQ, date) */
  enrolledOn: string | null;
  /** 参保状态(DM_CBZT), as its name in 参保状态代码表 (DM_CBZT): DM_CBZT.MC by CBZT */
  enrolmentStatus: string | null;
  /** 参保状态(DM_CBZT): the code (CBZT, char(1)) */
  enrolmentStatusCode: string | null;
  /** 缴费月数(累计) (JFYS, int(11)) */
  paidMonths: number | null;
  /** 更新时间 (GXSJ, datetime) */
  updatedAt: string | null;
}

/** SB_GRCBXX's primary key: what a key must look like before it reaches SQL. */
export const SB_GRCBXX_KEY = {
  idNumber: { column: 'GMSFHM', kind: 'text', maxLength: 18 },
  insuranceType: { column: 'XZLX', kind: 'text', maxLength: 3 },
} as const satisfies Record<string, KeySpec>;

function selectSocialInsuranceEnrolment(db: Database): Knex.QueryBuilder {
  return db
    .knex({ t: 'SB_GRCBXX' })
    .leftJoin({ c1: 'DM_CBZT' }, 'c1.DM', 't.CBZT')
    .select({
      idNumber: 't.GMSFHM',
      insuranceType: 't.XZLX',
      employerNumber: 't.DWBH',
      enrolledOn: 't.CBRQ',
      enrolmentStatusCode: 't.CBZT',
      paidMonths: 't.JFYS',
    })
    .select(values.codeName(db, 'c1.MC', 't.CBZT', 'enrolmentStatus'), values.wallClock(db, 't.GXSJ', 'updatedAt'));
}

function toSocialInsuranceEnrolmentRow(r: Record<string, unknown>): SocialInsuranceEnrolmentRow {
  return {
    idNumber: values.key(r.idNumber),
    insuranceType: values.key(r.insuranceType),
    employerNumber: values.chars(r.employerNumber),
    enrolledOn: values.date(r.enrolledOn),
    enrolmentStatus: values.chars(r.enrolmentStatus),
    enrolmentStatusCode: values.chars(r.enrolmentStatusCode),
    paidMonths: values.int(r.paidMonths),
    updatedAt: values.fromWallClock(r.updatedAt),
  };
}

/** SB_GRCBXX rows by key (loader keys, lib/legacyDb/keys.ts), in no particular order: one statement however many keys. */
export async function socialInsuranceEnrolmentByKeys(db: Database, keys: readonly string[]): Promise<SocialInsuranceEnrolmentRow[]> {
  const rows: Array<Record<string, unknown>> = await selectSocialInsuranceEnrolment(db).whereIn(['t.GMSFHM', 't.XZLX'], keys.map(keyParts));
  return rows.map(toSocialInsuranceEnrolmentRow);
}

/** A row's loader key. */
export const socialInsuranceEnrolmentKey = (r: SocialInsuranceEnrolmentRow): string => compositeKey([r.idNumber, r.insuranceType]);

/** One 缴费明细 (SB_JFMX) row, as the resolvers see it. */
export interface ContributionRow {
  /** 公民身份号码 (GMSFHM, char(18)) */
  idNumber: string;
  /** 险种类型(DM_XZLX) (XZLX, char(3)) */
  insuranceType: string;
  /** 缴费年月(YYYYMM); 城乡居民险种按年缴费, 记在当年12月 (JFNY, char(6)) */
  jfny: string;
  /** 缴费基数(分/月); 城乡居民险种为空 (JFJS, int(11)) */
  contributionBase: number | null;
  /** 个人缴费金额(分) (GRJF, int(11)) */
  grjf: number | null;
  /** 单位缴费金额(分) (DWJF, int(11)) */
  dwjf: number | null;
}

/** SB_JFMX's primary key: what a key must look like before it reaches SQL. */
export const SB_JFMX_KEY = {
  idNumber: { column: 'GMSFHM', kind: 'text', maxLength: 18 },
  insuranceType: { column: 'XZLX', kind: 'text', maxLength: 3 },
  jfny: { column: 'JFNY', kind: 'text', maxLength: 6 },
} as const satisfies Record<string, KeySpec>;

function selectContribution(db: Database): Knex.QueryBuilder {
  return db
    .knex({ t: 'SB_JFMX' })
    .select({
      idNumber: 't.GMSFHM',
      insuranceType: 't.XZLX',
      jfny: 't.JFNY',
      contributionBase: 't.JFJS',
      grjf: 't.GRJF',
      dwjf: 't.DWJF',
    });
}

function toContributionRow(r: Record<string, unknown>): ContributionRow {
  return {
    idNumber: values.key(r.idNumber),
    insuranceType: values.key(r.insuranceType),
    jfny: values.key(r.jfny),
    contributionBase: values.int(r.contributionBase),
    grjf: values.int(r.grjf),
    dwjf: values.int(r.dwjf),
  };
}

/** SB_JFMX rows by key (loader keys, lib/legacyDb/keys.ts), in no particular order: one statement however many keys. */
export async function contributionByKeys(db: Database, keys: readonly string[]): Promise<ContributionRow[]> {
  const rows: Array<Record<string, unknown>> = await selectContribution(db).whereIn(['t.GMSFHM', 't.XZLX', 't.JFNY'], keys.map(keyParts));
  return rows.map(toContributionRow);
}

/** A row's loader key. */
export const contributionKey = (r: ContributionRow): string => compositeKey([r.idNumber, r.insuranceType, r.jfny]);
