/**
 * The human-resources department (人社, subgraph social-security) end to end through the
 * gateway: the showcase household's social insurance in the flagship 低保 check, the demo
 * policy (contribution bases conditional, the rest unconditional but personal), jurisdiction,
 * a company's insured-employee count, and the access records the department writes.
 */
import { randomBytes } from 'node:crypto';
import { sharedTestStack, TestStack } from '../support/stack';
import { codes, GraphQLResponse } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';
import { parseEntryBody, type AccessEntry } from '../../lib/audit';

const HOUSEHOLD_INSURANCE = `query HouseholdInsurance($id: ID!) {
  person(idNumber: $id) {
    name
    household {
      members {
        relationToHead
        person {
          idNumber
          socialInsurance { insuranceType status employer { uscc name } monthlyContributionBase startedOn paidMonths lastPaidMonth }
        }
      }
    }
  }
}`;

const HEAD_INSURANCE = `query HeadInsurance($id: ID!) { person(idNumber: $id) { name socialInsurance { insuranceType status monthlyContributionBase paidMonths } } }`;

let stack: TestStack;
const run = randomBytes(4).toString('hex');
let counter = 0;

beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** The FORBIDDEN reasons of a response by path, e.g. `person.socialInsurance.0.monthlyContributionBase` → GRANT_REQUIRED. */
function denials(res: GraphQLResponse): Record<string, string> {
  return Object.fromEntries((res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => [(e.path ?? []).join('.'), e.extensions!.reason as string]));
}

async function recordsOf(requestId: string): Promise<AccessEntry[]> {
  const rows: Array<{ body: string }> = await stack.databases.get('sharing')!.db.knex('access_log').where('request_id', requestId).orderBy('id').select('body');
  return rows.map((r) => parseEntryBody(r.body));
}

describe('social insurance in the flagship 低保 check (civil affairs, 玄武区, demo grant)', () => {
  it("tells the household's story: the head insured through his company with his base, the spouse as a resident, the child not at all", async () => {
    const res = await stack.query(HOUSEHOLD_INSURANCE, { id: SHOWCASE.head });
    expect(res.errors).toBeUndefined();
    const byId = Object.fromEntries(res.data!.person.household.members.map((m: { person: { idNumber: string } }) => [m.person.idNumber, m.person]));
    const employer = { uscc: SHOWCASE.company, name: '南京玄武示范科技有限公司' };
    const employee = { status: '参保缴费', employer, monthlyContributionBase: '6800.00', startedOn: '2003-07-01', paidMonths: 262, lastPaidMonth: '2025-12' };
    expect(byId[SHOWCASE.head].socialInsurance).toEqual([
      { insuranceType: '城镇职工基本养老保险', ...employee },
      { insuranceType: '失业保险', ...employee },
      { insuranceType: '职工基本医疗保险', ...employee },
    ]);
    expect(byId[SHOWCASE.spouse].socialInsurance).toEqual([
      { insuranceType: '城乡居民基本养老保险', status: '参保缴费', employer: null, monthlyContributionBase: null, startedOn: '2015-03-01', paidMonths: 132, lastPaidMonth: '2025-12' },
    ]);
    expect(byId[SHOWCASE.child].socialInsurance).toEqual([]);
  });

  it("counts the company's insured employees, without naming them and without a purpose (not personal)", async () => {
    const res = await stack.queryAs(PEOPLE.taxOfficer, {}, `query($u: ID!) { legalPerson(uscc: $u) { name insuredEmployees } }`, { u: SHOWCASE.company });
    expect(res.errors).toBeUndefined();
    expect(res.data!.legalPerson.name).toBe('南京玄武示范科技有限公司');
    expect(res.data!.legalPerson.insuredEmployees).toBeGreaterThanOrEqual(1);
  });

  it('writes one access record for what the department released, naming each person whose enrolments it read', async () => {
    const requestId = `ss-${run}-${++counter}`;
    const res = await stack.query(HOUSEHOLD_INSURANCE, { id: SHOWCASE.head }, { 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    const records = (await recordsOf(requestId)).filter((r) => r.service === 'social-security');
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ provider: 'human-resources', dept: 'civil-affairs', purpose: DIBAO.purpose, grantId: DIBAO.grantId });
    const base = record.reads.find((r) => r.paths.includes('SocialInsuranceEnrolment.monthlyContributionBase'));
    expect(base).toMatchObject({ decision: 'full', subjects: [SHOWCASE.head, SHOWCASE.spouse].sort() });
    const list = record.reads.find((r) => r.paths.includes('Person.socialInsurance'));
    expect(list?.subjects).toEqual([SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].sort());
  });
});

describe('the demo policy', () => {
  it('withholds every contribution base without the grant (GRANT_REQUIRED) and still answers the rest', async () => {
    const res = await stack.queryAs(PEOPLE.caseworker, { purpose: DIBAO.purpose }, HEAD_INSURANCE, { id: SHOWCASE.head });
    expect(res.data!.person.name).toBe('李建国');
    expect(res.data!.person.socialInsurance).toEqual(
      ['城镇职工基本养老保险', '失业保险', '职工基本医疗保险'].map((insuranceType) => ({ insuranceType, status: '参保缴费', monthlyContributionBase: null, paidMonths: 262 })),
    );
    expect(denials(res)).toEqual({
      'person.socialInsurance.0.monthlyContributionBase': 'GRANT_REQUIRED',
      'person.socialInsurance.1.monthlyContributionBase': 'GRANT_REQUIRED',
      'person.socialInsurance.2.monthlyContributionBase': 'GRANT_REQUIRED',
    });
    expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
  });

  it('refuses enrolments without a stated purpose (PURPOSE_REQUIRED), costing only that field', async () => {
    const res = await stack.queryAs(PEOPLE.caseworker, {}, `query($id: ID!, $u: ID!) { person(idNumber: $id) { socialInsurance { status } } legalPerson(uscc: $u) { insuredEmployees } }`, { id: SHOWCASE.head, u: SHOWCASE.company });
    expect(res.data!.person.socialInsurance).toBeNull();
    expect(denials(res)).toEqual({ 'person.socialInsurance': 'PURPOSE_REQUIRED' });
    expect(res.data!.legalPerson.insuredEmployees).toBeGreaterThanOrEqual(1);
  });

  it('judges a person by where the person lives: a 江宁区 officer cannot read a 玄武区 resident (OUT_OF_JURISDICTION)', async () => {
    const res = await stack.queryAs(PEOPLE.taxOfficer, { purpose: 'tax-audit' }, HEAD_INSURANCE, { id: SHOWCASE.head });
    expect(res.data!.person.socialInsurance).toBeNull();
    expect(denials(res)['person.socialInsurance']).toBe('OUT_OF_JURISDICTION');
  });

  it('shows the provider its own data in full, grant or not', async () => {
    const hr = { user: 'rs-0001', dept: 'human-resources', division: '320100', roles: ['provider:human-resources'] };
    const res = await stack.queryAs(hr, { purpose: 'social-insurance-administration' }, HEAD_INSURANCE, { id: SHOWCASE.head });
    expect(res.data!.person.socialInsurance.map((e: { monthlyContributionBase: string }) => e.monthlyContributionBase)).toEqual(['6800.00', '6800.00', '6800.00']);
    expect(denials(res)['person.socialInsurance.0.monthlyContributionBase']).toBeUndefined();
  });
});
