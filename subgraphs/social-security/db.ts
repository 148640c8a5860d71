/**
 * The social-security subgraph's view of the human-resources tables: the row types the
 * GraphQL mappers point at, and every SQL statement the subgraph runs. Legacy codes become
 * names here (joins on the DM_* code tables), 分 become 元 and YYYYMM becomes YYYY-MM here,
 * and nowhere else. Parameters are always bound.
 */
import type { Database } from '../../lib/db';
import { values } from '../../lib/legacyDb';
import { monthOf, yuanFromFen } from './money';

/** A SocialInsuranceEnrolment as the resolvers see it (SB_GRCBXX, its codes, its unit and its last month paid). */
export interface EnrolmentRow {
  /** 公民身份号码 (GMSFHM). */
  idNumber: string;
  /** 险种类型 name (DM_XZLX.MC), or the code when the code table lacks it. */
  insuranceType: string;
  insuranceTypeCode: string;
  /** 参保状态 name (DM_CBZT.MC), or the code. */
  status: string;
  statusCode: string;
  /** The unit's 统一社会信用代码 (SB_DWXX.TYSHXYDM); null without a unit or a code. */
  employerUscc: string | null;
  /** 参保日期, YYYY-MM-DD. */
  startedOn: string;
  /** 累计缴费月数 (JFYS). */
  paidMonths: number;
  /** YYYY-MM of the last SB_JFMX row; null when it holds none. */
  lastPaidMonth: string | null;
  /** 元 per month of the last SB_JFMX row, a decimal string; null in the 城乡居民 schemes. */
  monthlyContributionBase: string | null;
  /**
   * Where the person lives (GB/T 2260), from the gateway (`@requires`) through Person.socialInsurance:
   * an enrolment is judged by its person's jurisdiction. Absent = unknown, which denies.
   */
  residenceDivisionCode?: string | null;
}

/** A Person owned by the population subgraph: only its key lives here. */
export interface PersonRef {
  idNumber: string;
  /** Present when the gateway resolved it for a @requires field (jurisdiction). */
  residenceDivision?: { code: string } | null;
}

/** A LegalPerson owned by the legal-person subgraph: only its key lives here. */
export interface LegalPersonRef {
  uscc: string;
}

/** `insuredEmployees` per company code: only companies registered as 参保单位 have an entry. */
export interface InsuredCountRow {
  uscc: string;
  count: number;
}

/** 参保状态 参保缴费: the enrolments `insuredEmployees` counts. */
export const PAYING = '1';

/**
 * SB_GRCBXX rows of these persons, each with its code names, its unit's 统一社会信用代码 and
 * its last month paid — one statement: the last month comes from a grouped read of SB_JFMX
 * for the same persons (its primary key starts with GMSFHM, XZLX), joined back for its base.
 */
export async function enrolmentsByPersons(db: Database, idNumbers: readonly string[]): Promise<EnrolmentRow[]> {
  const knex = db.knex;
  const ids = idNumbers as string[];
  const last = knex('SB_JFMX').select('GMSFHM', 'XZLX').max({ JFNY: 'JFNY' }).whereIn('GMSFHM', ids).groupBy('GMSFHM', 'XZLX').as('L');
  const rows: Array<Record<string, unknown>> = await knex('SB_GRCBXX as G')
    .leftJoin('DM_XZLX as X', 'X.DM', 'G.XZLX')
    .leftJoin('DM_CBZT as Z', 'Z.DM', 'G.CBZT')
    .leftJoin('SB_DWXX as D', 'D.DWBH', 'G.DWBH')
    .leftJoin(last, function lastMonth() {
      this.on('L.GMSFHM', '=', 'G.GMSFHM').andOn('L.XZLX', '=', 'G.XZLX');
    })
    .leftJoin('SB_JFMX as M', function lastRow() {
      this.on('M.GMSFHM', '=', 'L.GMSFHM').andOn('M.XZLX', '=', 'L.XZLX').andOn('M.JFNY', '=', 'L.JFNY');
    })
    .select({ idNumber: 'G.GMSFHM', insuranceTypeCode: 'G.XZLX', statusCode: 'G.CBZT', employerUscc: 'D.TYSHXYDM', startedOn: 'G.CBRQ', paidMonths: 'G.JFYS', lastMonth: 'L.JFNY', base: 'M.JFJS' })
    // A code missing from its code table still shows, as the code itself.
    .select(values.codeName(db, 'X.MC', 'G.XZLX', 'insuranceType'), values.codeName(db, 'Z.MC', 'G.CBZT', 'status'))
    .whereIn('G.GMSFHM', ids)
    .orderBy([{ column: 'G.GMSFHM' }, { column: 'G.XZLX' }]);
  return rows.map(enrolmentRow);
}

function enrolmentRow(r: Record<string, unknown>): EnrolmentRow {
  const lastMonth = values.chars(r.lastMonth);
  const base = values.int(r.base);
  return {
    idNumber: values.key(r.idNumber),
    insuranceType: values.chars(r.insuranceType)!,
    insuranceTypeCode: values.key(r.insuranceTypeCode),
    status: values.chars(r.status)!,
    statusCode: values.key(r.statusCode),
    employerUscc: values.chars(r.employerUscc),
    startedOn: values.date(r.startedOn)!,
    paidMonths: values.int(r.paidMonths) ?? 0,
    lastPaidMonth: lastMonth === null ? null : monthOf(lastMonth),
    monthlyContributionBase: base === null ? null : yuanFromFen(base),
  };
}

/**
 * How many persons pay (参保缴费) through each of these companies' units, in one statement;
 * a company that is not a 参保单位 has no row.
 */
export async function insuredCountsByCompanies(db: Database, usccs: readonly string[]): Promise<InsuredCountRow[]> {
  const rows: Array<Record<string, unknown>> = await db
    .knex('SB_DWXX as D')
    .leftJoin('SB_GRCBXX as G', function paying() {
      this.on('G.DWBH', '=', 'D.DWBH').andOn('G.CBZT', '=', db.knex.raw('?', [PAYING]));
    })
    .select({ uscc: 'D.TYSHXYDM' })
    .countDistinct({ count: 'G.GMSFHM' })
    .whereIn('D.TYSHXYDM', usccs as string[])
    .groupBy('D.TYSHXYDM');
  return rows.map((r) => ({ uscc: values.key(r.uscc), count: Number(r.count) }));
}
