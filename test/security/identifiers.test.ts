/**
 * Invalid and checksum-failing identifiers in every argument that takes one — 公民身份号码
 * (GB 11643), 统一社会信用代码 (GB 32100), division codes (GB/T 2260), 宗地代码, 户号, and
 * the grant id in X-Grant-Id — are BAD_USER_INPUT before any department database is asked:
 * the SQL every department database ran during the request is recorded, and must be none.
 * No personal data leaves with the refusal.
 */
import { sharedTestStack, type TestStack } from '../support/stack';
import { DIBAO, PEOPLE } from '../support/security';
import { personalDataIn } from '../support/personalLeaks';
import { testWorld } from '../support/databases';
import type { GraphQLResponse } from '../support/http';
import { SHOWCASE } from '../../lib/synthetic';
import { idNumberCheckChar, orgCodeCheckChar, usccCheckChar } from '../../lib/ids';
import type { Requester } from '../../lib/identity';

const OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
/** The department databases; the platform's (sharing) keeps the access log and the workflow. */
const DEPARTMENTS = ['population', 'legal-person', 'geospatial', 'social-security'];

/** A 身份号码 with a right check character for `first17`. */
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
/** The last character of `id` replaced by another from `alphabet`: the checksum fails. */
const wrongCheck = (id: string, alphabet: string) => id.slice(0, -1) + [...alphabet].find((c) => c !== id.at(-1))!;
/** A USCC whose organisation-code and final checks are right, with `body8` as organisation code. */
const uscc = (body8: string) => {
  const first17 = `913201${'02'}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
};

const HEAD = SHOWCASE.head;
const BAD_ID_NUMBERS: Array<[string, string]> = [
  ['a failing check digit', wrongCheck(HEAD, '0123456789X')],
  ['X where the check digit is a digit', `${HEAD.slice(0, 17)}X`],
  ['17 characters', HEAD.slice(0, 17)],
  ['19 characters', `${HEAD}0`],
  ['a letter in the body', `3201021980A1011238`],
  ['an impossible birth date (31 February), check digit right', withCheck('32010219800231123')],
  ['a birth date in the future, check digit right', withCheck('32010220990101123')],
  ['a birth date before 1900, check digit right', withCheck('32010218990101123')],
  ['an empty string', ''],
  ['the 15-digit form of before 1999', '320102800101123'],
];

const COMPANY = SHOWCASE.company;
const BAD_USCCS: Array<[string, string]> = [
  ['a failing check character', wrongCheck(COMPANY, '0123456789ABCDEFGHJKLMNPQRTUWXY')],
  ['a failing organisation-code check', `${COMPANY.slice(0, 16)}${COMPANY[16] === '0' ? '1' : '0'}${COMPANY[17]}`],
  ['17 characters', COMPANY.slice(0, 17)],
  ['letters GB 32100 leaves out (I, O, S, V, Z)', `${COMPANY.slice(0, 10)}IOSVZ${COMPANY.slice(15)}`],
  ['an O (left out by GB 32100) in an organisation code whose checks are right', uscc('MA1XK7O3')],
  ['an empty string', ''],
];

const BAD_DIVISIONS: Array<[string, string]> = [
  ['5 digits', '32010'],
  ['7 digits', '3201020'],
  ['a letter', '32010A'],
  ['a province that does not exist', '990102'],
  ['well formed, but not a division any department serves', '320199'],
];

/** Who sends which argument; `$v` is the value probed. */
interface Target {
  as: Requester;
  query: string;
  /** The variables around the probed value. */
  variables: (v: string) => Record<string, unknown>;
  /** The root field refused. */
  field: string;
}

const asCaseworker = (query: string, field: string, variables: Target['variables'] = (v) => ({ v })): Target => ({ as: PEOPLE.caseworker, query, field, variables });

const TARGETS: Record<string, Target> = {
  'person(idNumber:)': asCaseworker('query($v: ID!) { person(idNumber: $v) { idNumber name phone } }', 'person'),
  'persons(idNumbers:), next to a valid one': asCaseworker('query($v: [ID!]!) { persons(idNumbers: $v) { idNumber name phone } }', 'persons', (v) => ({ v: [HEAD, v] })),
  'accessHistory(idNumber:)': { as: OFFICER, query: 'query($v: ID!) { accessHistory(idNumber: $v) { requestId reads { subjects } } }', field: 'accessHistory', variables: (v) => ({ v }) },
  'legalPerson(uscc:)': asCaseworker('query($v: ID!) { legalPerson(uscc: $v) { uscc name legalRepresentative { name idNumber } } }', 'legalPerson'),
  'division(code:)': asCaseworker('query($v: ID!) { division(code: $v) { code name } }', 'division'),
  'legalPersons(divisionCode:)': asCaseworker('query($v: ID) { legalPersons(divisionCode: $v, first: 5) { totalCount edges { node { name legalRepresentative { name } } } } }', 'legalPersons'),
  'parcel(code:)': asCaseworker('query($v: ID!) { parcel(code: $v) { code rights { holder { ... on Person { name idNumber } } } } }', 'parcel'),
  'household(number:)': asCaseworker('query($v: ID!) { household(number: $v) { number address members { person { name idNumber } } } }', 'household'),
};

const CASES: Array<[string, string, string]> = [
  ...BAD_ID_NUMBERS.map(([why, v]) => ['person(idNumber:)', why, v] as [string, string, string]),
  ...BAD_ID_NUMBERS.slice(0, 2).map(([why, v]) => ['persons(idNumbers:), next to a valid one', why, v] as [string, string, string]),
  ...BAD_ID_NUMBERS.slice(0, 2).map(([why, v]) => ['accessHistory(idNumber:)', why, v] as [string, string, string]),
  ...BAD_USCCS.map(([why, v]) => ['legalPerson(uscc:)', why, v] as [string, string, string]),
  ...BAD_DIVISIONS.map(([why, v]) => ['division(code:)', why, v] as [string, string, string]),
  ...BAD_DIVISIONS.map(([why, v]) => ['legalPersons(divisionCode:)', why, v] as [string, string, string]),
  ['parcel(code:)', 'lower-case letters', SHOWCASE.headParcel.toLowerCase()],
  ['parcel(code:)', '18 characters', SHOWCASE.headParcel.slice(0, 18)],
  ['parcel(code:)', 'a city, not a county, in front', `320100${SHOWCASE.headParcel.slice(6)}`],
  ['parcel(code:)', 'a province that does not exist in front', `99${SHOWCASE.headParcel.slice(2)}`],
  ['household(number:)', '11 digits', SHOWCASE.householdNumber.slice(0, 11)],
  ['household(number:)', 'a letter', `${SHOWCASE.householdNumber.slice(0, 11)}A`],
  ['household(number:)', 'a province that does not exist in front', `99${SHOWCASE.householdNumber.slice(2)}`],
];

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
  // Each department reads its division code table once per process: read it now, so the
  // probes below measure what the argument costs, not that first read.
  for (const code of ['320102']) {
    await stack.query(`{ division(code: "${code}") { name } legalPersons(divisionCode: "${code}", first: 1) { totalCount } }`);
  }
});
afterAll(async () => {
  await stack?.stop();
});

/**
 * A department re-reads its whole division code table in the background once its copy is a
 * minute old (lib/ids/divisionRegister.ts), whichever request notices first: that read is no
 * lookup of the argument, and may fall in any request of a slow run.
 */
const CODE_TABLE_REFRESH = /^select .* from [`"]?(DM_)?XZQH[`"]?$/i;

/** Sends the request and returns the answer with the SQL each department ran meanwhile. */
async function refusedBeforeSql(send: () => Promise<GraphQLResponse>): Promise<{ res: GraphQLResponse; departmentSql: string[] }> {
  const { result: res, sql } = await stack.recordSql(send);
  return { res, departmentSql: DEPARTMENTS.flatMap((d) => sql[d] ?? []).filter((q) => !CODE_TABLE_REFRESH.test(q.trim())) };
}

describe('the personal-data scanner every probe uses (test/support/personalLeaks.ts)', () => {
  it('finds a 身份号码, a phone number and a name of the test world, in data or inside a message, and lets through what is allowed or masked', () => {
    const p = testWorld().persons.filter((x) => x.phone)[7];
    expect(personalDataIn({ data: { person: { name: p.name } } })).toEqual([`name of ${p.idNumber}`]);
    expect(personalDataIn({ errors: [{ message: `record ${p.idNumber} is withheld` }] })).toEqual([`身份号码 of ${p.idNumber}`]);
    expect(personalDataIn(`{"x":"tel ${p.phone}."}`)).toEqual([`phone of ${p.idNumber}`]);
    expect(personalDataIn({ data: { person: { name: p.name, idNumber: p.idNumber } } }, [p.name, p.idNumber])).toEqual([]);
    expect(personalDataIn({ data: { person: { phone: `${p.phone.slice(0, 3)}****${p.phone.slice(7)}`, name: `${p.name[0]}*` } } })).toEqual([]);
  });
});

describe('an invalid or checksum-failing identifier is BAD_USER_INPUT before any department SQL', () => {
  it('(the recorder sees the SQL of a valid request: a test that recorded nothing would pass)', async () => {
    const { res, departmentSql } = await refusedBeforeSql(() => stack.query(TARGETS['person(idNumber:)'].query, { v: HEAD }));
    expect(res.data!.person.name).toBe('李建国');
    expect(departmentSql.length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s: %s', async (target, _why, value) => {
    const t = TARGETS[target];
    const variables = t.variables(value);
    const { res, departmentSql } = await refusedBeforeSql(async () => stack.queryAs(t.as, DIBAO, t.query, variables));
    expect(res.status).toBe(200);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].path).toEqual([t.field]);
    expect(res.data?.[t.field] ?? null).toBeNull();
    expect(departmentSql).toEqual([]);
    expect(personalDataIn(res, [HEAD])).toEqual([]);
  });

  it.each([
    ['a space and a tautology', "G-DEMO-0001' OR '1'='1"],
    ['a comment', 'G-DEMO-0001/*'],
    ['a path', '../../policies/grants/demo.yaml'],
    ['65 characters', `G-${'0'.repeat(63)}`],
    ['an SQL wildcard', 'G-DEMO-%'],
    ['a NUL written out', 'G-DEMO-0001%00'],
  ])('X-Grant-Id with %s is BAD_USER_INPUT, before any SQL and any data', async (_why, grantId) => {
    const { res, departmentSql } = await refusedBeforeSql(() => stack.queryAs(PEOPLE.caseworker, { purpose: DIBAO.purpose, grantId }, `{ person(idNumber: "${HEAD}") { name phone } }`));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(departmentSql).toEqual([]);
    expect(personalDataIn(res)).toEqual([]);
  });

  it('a well-formed grant id that does not exist opens nothing: GRANT_REQUIRED on every conditional field', async () => {
    const res = await stack.queryAs(PEOPLE.caseworker, { purpose: DIBAO.purpose, grantId: 'G-DEMO-0002' }, `{ person(idNumber: "${HEAD}") { name phone maritalStatus } }`);
    expect(res.data!.person).toEqual({ name: '李建国', phone: null, maritalStatus: null });
    expect(res.errors?.map((e) => e.extensions?.reason)).toEqual(['GRANT_REQUIRED', 'GRANT_REQUIRED']);
    expect(personalDataIn(res, [HEAD, '李建国'])).toEqual([]);
  });

  it('a data-quality report on a person with a checksum-failing 身份号码 is BAD_USER_INPUT and stores nothing', async () => {
    const sharing = stack.databases.get('sharing')!.db.knex;
    const before = await sharing('data_issue').count({ n: '*' });
    const res = await stack.query(`mutation($k: ID!) { reportDataIssue(path: "Person.registeredAddress", subjectKey: $k, description: "门牌号") { id } }`, { k: BAD_ID_NUMBERS[0][1] });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.data ?? null).toBeNull();
    expect(await sharing('data_issue').count({ n: '*' })).toEqual(before);
  });
});
