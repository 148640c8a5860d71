/**
 * The social-security subgraph (人力资源和社会保障局) over its seeded legacy database: real
 * MySQL/MariaDB when GOVGRAPH_MYSQL_URL is set, embedded PGlite otherwise — the same knex code
 * on both. Expected values come from the synthetic world.
 */
import { socialSecurity } from '../../subgraphs/social-security/server';
import { startSubgraph, RunningSubgraph } from '../support/subgraph';
import { testWorld } from '../support/databases';
import { codes } from '../support/http';
import {
  contributionsOf,
  ENROLMENT_STATUS,
  generateWorld,
  INSURANCE_TYPE,
  SHOWCASE,
  SHOWCASE_INSURANCE,
  World,
  WorldInsuranceEnrolment,
} from '../../lib/synthetic';
import { readCatalog } from '../../lib/legacyDb';
import { TABLES } from '../../subgraphs/social-security/legacy-db/ddl';

const ENROLMENT_FIELDS = 'insuranceType insuranceTypeCode status statusCode employer { uscc } monthlyContributionBase startedOn paidMonths lastPaidMonth';
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ...F } }`;

/** 分 → 元 string, independently of the subgraph's own conversion. */
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** What the API must answer for an enrolment of the synthetic world. */
function expectedEnrolment(world: World, e: WorldInsuranceEnrolment) {
  const unit = e.unitNumber ? world.insuredUnits.find((u) => u.unitNumber === e.unitNumber)! : null;
  const last = contributionsOf(e).at(-1)!;
  return {
    insuranceType: INSURANCE_TYPE[e.typeCode],
    insuranceTypeCode: e.typeCode,
    status: ENROLMENT_STATUS[e.statusCode],
    statusCode: e.statusCode,
    employer: unit ? { uscc: unit.uscc } : null,
    monthlyContributionBase: last.base === null ? null : yuan(last.base),
    startedOn: e.enrolledOn,
    paidMonths: e.paidMonths,
    lastPaidMonth: `${last.month.slice(0, 4)}-${last.month.slice(4)}`,
  };
}

function expectedEnrolments(world: World, idNumber: string) {
  return world.insuranceEnrolments
    .filter((e) => e.idNumber === idNumber)
    .sort((a, b) => (a.typeCode < b.typeCode ? -1 : 1))
    .map((e) => expectedEnrolment(world, e));
}

/** Persons paying (参保缴费) through the company's unit; null for a company that is not a unit. */
function expectedInsuredEmployees(world: World, uscc: string): number | null {
  const unit = world.insuredUnits.find((u) => u.uscc === uscc);
  if (!unit) return null;
  return new Set(world.insuranceEnrolments.filter((e) => e.unitNumber === unit.unitNumber && e.statusCode === '1').map((e) => e.idNumber)).size;
}

let sg: RunningSubgraph;

beforeAll(async () => {
  sg = await startSubgraph(socialSecurity);
});
afterAll(async () => {
  await sg?.stop();
});

describe('social-security subgraph over the seeded test world', () => {
  const world = testWorld();

  async function rejected(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
    expect(sql).toEqual([]);
    return codes(result);
  }

  it('keeps the legacy schema in the department style: every table and column commented, codes in code tables, keys and foreign keys', async () => {
    const catalog = await readCatalog(sg.database.db.knex, sg.database.db.dialect);
    const tables = new Map(catalog.tables.map((t) => [t.name, t]));
    expect([...tables.keys()].sort()).toEqual([...TABLES].sort());
    for (const t of tables.values()) {
      expect(t.comment).toMatch(/\p{Script=Han}/u);
      for (const c of t.columns) expect([t.name, c.name, c.comment]).toEqual([t.name, c.name, expect.stringMatching(/\p{Script=Han}/u)]);
      expect(t.primaryKey.length).toBeGreaterThan(0);
    }
    expect(tables.get('SB_GRCBXX')!.primaryKey).toEqual(['GMSFHM', 'XZLX']);
    expect(tables.get('SB_JFMX')!.primaryKey).toEqual(['GMSFHM', 'XZLX', 'JFNY']);
    const refs = tables.get('SB_GRCBXX')!.foreignKeys.map((fk) => `${fk.columns.join(',')}→${fk.references.table}`).sort();
    expect(refs).toEqual(['CBZT→DM_CBZT', 'DWBH→SB_DWXX', 'XZLX→DM_XZLX']);
    const jfmx = tables.get('SB_JFMX')!;
    expect(jfmx.columns.find((c) => c.name === 'JFJS')!.comment).toContain('分');
  });

  it('tells the showcase household its story', async () => {
    const reps = [SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].map((idNumber) => ({ __typename: 'Person', idNumber }));
    const res = await sg.query(ENTITIES + ` fragment F on Person { idNumber socialInsurance { ${ENROLMENT_FIELDS} } }`, { representations: reps });
    expect(res.errors).toBeUndefined();
    const [head, spouse, child] = res.data!._entities;
    const employee = { status: '参保缴费', statusCode: '1', employer: { uscc: SHOWCASE.company }, monthlyContributionBase: '6800.00', startedOn: '2003-07-01', paidMonths: SHOWCASE_INSURANCE.headPaidMonths, lastPaidMonth: '2025-12' };
    expect(head.socialInsurance).toEqual([
      { insuranceType: '城镇职工基本养老保险', insuranceTypeCode: '110', ...employee },
      { insuranceType: '失业保险', insuranceTypeCode: '210', ...employee },
      { insuranceType: '职工基本医疗保险', insuranceTypeCode: '310', ...employee },
    ]);
    expect(spouse.socialInsurance).toEqual([
      { insuranceType: '城乡居民基本养老保险', insuranceTypeCode: '170', status: '参保缴费', statusCode: '1', employer: null, monthlyContributionBase: null, startedOn: '2015-03-01', paidMonths: 132, lastPaidMonth: '2025-12' },
    ]);
    expect(child).toEqual({ __typename: 'Person', idNumber: SHOWCASE.child, socialInsurance: [] });
  });

  it('serves every enrolment of the world with every field, in one statement for all persons', async () => {
    const reps = world.persons.map((p) => ({ __typename: 'Person', idNumber: p.idNumber }));
    const { result: res, sql } = await sg.recordSql(() => sg.query(ENTITIES + ` fragment F on Person { idNumber socialInsurance { ${ENROLMENT_FIELDS} } }`, { representations: reps }));
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual(world.persons.map((p) => ({ __typename: 'Person', idNumber: p.idNumber, socialInsurance: expectedEnrolments(world, p.idNumber) })));
    expect(sql).toHaveLength(1);
    // Meaningful only if the world has all kinds: employees and residents, every status.
    const all = res.data!._entities.flatMap((p: { socialInsurance: Array<{ statusCode: string; insuranceTypeCode: string }> }) => p.socialInsurance);
    expect(new Set(all.map((e: { statusCode: string }) => e.statusCode))).toEqual(new Set(['1', '2', '3']));
    expect(new Set(all.map((e: { insuranceTypeCode: string }) => e.insuranceTypeCode))).toEqual(new Set(['110', '170', '210', '310', '390']));
  });

  it('counts the insured employees of every company, null for a company that is not a 参保单位', async () => {
    const reps = world.companies.map((c) => ({ __typename: 'LegalPerson', uscc: c.uscc }));
    const { result: res, sql } = await sg.recordSql(() => sg.query(ENTITIES + ' fragment F on LegalPerson { uscc insuredEmployees }', { representations: reps }));
    expect(res.errors).toBeUndefined();
    const expected = world.companies.map((c) => ({ __typename: 'LegalPerson', uscc: c.uscc, insuredEmployees: expectedInsuredEmployees(world, c.uscc) }));
    expect(res.data!._entities).toEqual(expected);
    expect(sql).toHaveLength(1);
    expect(expected.find((c) => c.uscc === SHOWCASE.company)!.insuredEmployees).toBeGreaterThan(1);
    expect(expected.some((c) => c.insuredEmployees === null)).toBe(true);
    expect(expected.some((c) => c.insuredEmployees === 0)).toBe(true);
  });

  it.each([
    ['Person', { __typename: 'Person', idNumber: '320102198001011239' }, 'Person { socialInsurance { status } }'],
    ['LegalPerson', { __typename: 'LegalPerson', uscc: '91320102MA1XK7Q37X' }, 'LegalPerson { insuredEmployees }'],
  ])('rejects a %s representation with a bad key as BAD_USER_INPUT before any SQL', async (_t, rep, fragment) => {
    expect(await rejected(ENTITIES + ` fragment F on ${fragment}`, { representations: [rep] })).toEqual(['BAD_USER_INPUT']);
  });

  it('publishes its SDL with the entity keys and the jurisdiction requirement', async () => {
    const res = await sg.query('{ _service { sdl } }');
    const sdl: string = res.data!._service.sdl;
    expect(sdl).toMatch(/type Person\s+@key\(fields: "idNumber"\)/);
    expect(sdl).toMatch(/type LegalPerson\s+@key\(fields: "uscc"\)/);
    expect(sdl).toMatch(/socialInsurance: \[SocialInsuranceEnrolment!\] @requires\(fields: "residenceDivision \{ code \}"\)/);
  });
});

/**
 * N+1 guard: the same operation at 50 and at 500 keys must emit the same statements. The
 * test world is replaced by a larger one through the legacy database's own drop/migrate/seed
 * — which is why this must stay the last suite of the file.
 */
describe('social-security SQL per operation does not grow with the number of rows', () => {
  const world = generateWorld({ persons: 3000 });

  beforeAll(async () => {
    const { db } = sg.database;
    await socialSecurity.legacyDb.drop(db);
    expect(await socialSecurity.legacyDb.isSeeded(db)).toBe(false);
    await socialSecurity.legacyDb.migrate(db);
    await socialSecurity.legacyDb.migrate(db); // idempotent: a second run changes nothing
    expect(await socialSecurity.legacyDb.isSeeded(db)).toBe(false);
    await socialSecurity.legacyDb.seed(db, world);
    expect(await socialSecurity.legacyDb.isSeeded(db)).toBe(true);
  });

  async function measure(query: string, variables: Record<string, unknown>) {
    const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
    expect(result.errors).toBeUndefined();
    return { data: result.data!, sql };
  }

  it('_entities of Person: one statement for 50 and for 500 persons', async () => {
    const insured = [...new Set(world.insuranceEnrolments.map((e) => e.idNumber))];
    const reps = (n: number) => insured.slice(0, n).map((idNumber) => ({ __typename: 'Person', idNumber }));
    const query = ENTITIES + ` fragment F on Person { socialInsurance { ${ENROLMENT_FIELDS} } }`;
    const small = await measure(query, { representations: reps(50) });
    const large = await measure(query, { representations: reps(500) });
    expect(large.data._entities.filter((p: { socialInsurance: unknown[] }) => p.socialInsurance.length > 0)).toHaveLength(500);
    expect(small.sql).toHaveLength(1);
    expect(large.sql).toHaveLength(1);
  });

  it('_entities of LegalPerson: one statement for 50 and for 500 companies', async () => {
    const reps = (n: number) => world.companies.slice(0, n).map((c) => ({ __typename: 'LegalPerson', uscc: c.uscc }));
    const query = ENTITIES + ' fragment F on LegalPerson { insuredEmployees }';
    const small = await measure(query, { representations: reps(50) });
    const large = await measure(query, { representations: reps(500) });
    expect(large.data._entities).toHaveLength(500);
    expect(small.sql).toHaveLength(1);
    expect(large.sql).toHaveLength(1);
  });
});
