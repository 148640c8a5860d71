/**
 * The population subgraph against its seeded legacy database: real PostgreSQL when
 * GOVGRAPH_PG_URL is set, embedded PGlite otherwise. Expected values come from the test
 * World and the showcase records, never from the database under test.
 */
import { population } from '../../subgraphs/population/server';
import { startSubgraph, RunningSubgraph } from '../support/subgraph';
import { testWorld } from '../support/databases';
import { codes } from '../support/http';
import { CASE_FLAG, ETHNICITY, MARITAL_STATUS, RELATION_TO_HEAD, SHOWCASE, WorldPerson } from '../../lib/synthetic';
import { makeIdNumber } from '../../lib/ids';
import { toLegacyTimestamp } from '../../subgraphs/population/legacyTime';

const world = testWorld();
let sg: RunningSubgraph;

beforeAll(async () => {
  sg = await startSubgraph(population);
});
afterAll(async () => {
  await sg?.stop();
});

const PERSON_FIELDS = `
  idNumber name gender birthDate ethnicity registeredAddress residenceDivision { code }
  phone maritalStatus household { number } relationToHead deceased caseFlags updatedAt`;

/** What the API must say about a World person. */
function expected(p: WorldPerson) {
  return {
    idNumber: p.idNumber,
    name: p.name,
    gender: p.genderCode === '1' ? 'MALE' : 'FEMALE',
    birthDate: p.birthDate,
    ethnicity: ETHNICITY[p.ethnicityCode],
    registeredAddress: p.registeredAddress,
    residenceDivision: { code: p.divisionCode },
    phone: p.phone || null,
    maritalStatus: MARITAL_STATUS[p.maritalCode],
    household: { number: p.householdNumber },
    relationToHead: RELATION_TO_HEAD[p.relationCode],
    deceased: p.deceased,
    caseFlags: p.caseFlags.map((f) => CASE_FLAG[f]),
    updatedAt: p.updatedAt,
  };
}

/** Household.members order: head first, then relation code, birth date, 身份号码. */
function expectedMembers(number: string) {
  const head = world.households.find((h) => h.number === number)!.headIdNumber;
  return world.persons
    .filter((p) => p.householdNumber === number)
    .sort((a, b) =>
      Number(b.idNumber === head) - Number(a.idNumber === head) ||
      a.relationCode.localeCompare(b.relationCode) ||
      a.birthDate.localeCompare(b.birthDate) ||
      (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0),
    )
    .map((p) => ({ relationToHead: RELATION_TO_HEAD[p.relationCode], person: { idNumber: p.idNumber } }));
}

/** An 身份号码 that passes every check but belongs to nobody in the World. */
function unregisteredId(seq = 1): string {
  const ids = new Set(world.persons.map((p) => p.idNumber));
  for (let s = seq; ; s += 2) {
    const id = makeIdNumber('320104', '1990-05-05', s);
    if (!ids.has(id)) return id;
  }
}

describe(`population subgraph on ${process.env.GOVGRAPH_PG_URL ? 'postgres' : 'pglite'}`, () => {
  describe('person', () => {
    it('serves the showcase household head with every field', async () => {
      const res = await sg.query(`query($id: ID!) { person(idNumber: $id) { ${PERSON_FIELDS} } }`, { id: SHOWCASE.head });
      expect(res.errors).toBeUndefined();
      expect(res.data!.person).toEqual({
        idNumber: SHOWCASE.head,
        name: '李建国',
        gender: 'MALE',
        birthDate: '1980-01-01',
        ethnicity: '汉族',
        registeredAddress: '江苏省南京市玄武区龙蟠路88号3幢502室',
        residenceDivision: { code: '320102' },
        phone: '13805170001',
        maritalStatus: '已婚',
        household: { number: SHOWCASE.householdNumber },
        relationToHead: '户主',
        deceased: false,
        caseFlags: [],
        updatedAt: '2025-11-03T09:12:00.000Z',
      });
    });

    it('accepts a lower-case check character x', async () => {
      const res = await sg.query(`query($id: ID!) { person(idNumber: $id) { idNumber name gender phone } }`, { id: SHOWCASE.child.toLowerCase() });
      expect(res.data!.person).toEqual({ idNumber: SHOWCASE.child, name: '李明轩', gender: 'MALE', phone: null });
    });

    it('returns null for a valid but unregistered number', async () => {
      const res = await sg.query(`query($id: ID!) { person(idNumber: $id) { name } }`, { id: unregisteredId() });
      expect(res.errors).toBeUndefined();
      expect(res.data!.person).toBeNull();
    });
  });

  describe('persons', () => {
    it('matches the World for every person, field by field', async () => {
      // The test world must exercise the rarer values, or this comparison proves little.
      expect(world.persons.some((p) => p.caseFlags.length)).toBe(true);
      expect(world.persons.some((p) => p.genderCode === '2')).toBe(true);
      expect(world.persons.some((p) => !p.phone)).toBe(true);
      const res = await sg.query(`query($ids: [ID!]!) { persons(idNumbers: $ids) { ${PERSON_FIELDS} } }`, {
        ids: world.persons.map((p) => p.idNumber),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.persons).toEqual(world.persons.map(expected));
    });

    it('keeps the input order, repeats duplicates and answers null for unregistered numbers', async () => {
      const [a, b] = [world.persons[10].idNumber, world.persons[400].idNumber];
      const missing = unregisteredId();
      const res = await sg.query(`query($ids: [ID!]!) { persons(idNumbers: $ids) { idNumber } }`, { ids: [b, missing, a, b] });
      expect(res.errors).toBeUndefined();
      expect(res.data!.persons).toEqual([{ idNumber: b }, null, { idNumber: a }, { idNumber: b }]);
    });

    it('answers an empty list with an empty list', async () => {
      const res = await sg.query(`{ persons(idNumbers: []) { idNumber } }`);
      expect(res.data!.persons).toEqual([]);
    });
  });

  describe('household', () => {
    it('serves the showcase household: head first, then spouse, then child', async () => {
      const res = await sg.query(
        `query($n: ID!) { household(number: $n) {
           number address division { code } memberCount updatedAt head { idNumber name }
           members { relationToHead person { idNumber name birthDate } } } }`,
        { n: SHOWCASE.householdNumber },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.household).toEqual({
        number: SHOWCASE.householdNumber,
        address: '江苏省南京市玄武区龙蟠路88号3幢502室',
        division: { code: '320102' },
        memberCount: 3,
        updatedAt: '2025-11-03T09:12:00.000Z',
        head: { idNumber: SHOWCASE.head, name: '李建国' },
        members: [
          { relationToHead: '户主', person: { idNumber: SHOWCASE.head, name: '李建国', birthDate: '1980-01-01' } },
          { relationToHead: '配偶', person: { idNumber: SHOWCASE.spouse, name: '王秀英', birthDate: '1982-03-15' } },
          { relationToHead: '子', person: { idNumber: SHOWCASE.child, name: '李明轩', birthDate: '2010-07-08' } },
        ],
      });
    });

    it('lists the members of every household in the promised order', async () => {
      const reps = world.households.map((h) => ({ __typename: 'Household', number: h.number }));
      const res = await sg.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { number address head { idNumber } memberCount members { relationToHead person { idNumber } } } } }`,
        { r: reps },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual(
        world.households.map((h) => ({
          number: h.number,
          address: h.address,
          head: { idNumber: h.headIdNumber },
          memberCount: world.persons.filter((p) => p.householdNumber === h.number).length,
          members: expectedMembers(h.number),
        })),
      );
    });

    it('returns null for an unregistered household number', async () => {
      const res = await sg.query(`{ household(number: "320102999999") { number } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.household).toBeNull();
    });
  });

  describe('_entities', () => {
    it('resolves Person representations aligned to their order, null for unknown', async () => {
      const ids = [SHOWCASE.spouse, unregisteredId(), world.persons[100].idNumber];
      const res = await sg.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name household { number } } } }`,
        { r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        { idNumber: SHOWCASE.spouse, name: '王秀英', household: { number: SHOWCASE.householdNumber } },
        null,
        { idNumber: world.persons[100].idNumber, name: world.persons[100].name, household: { number: world.persons[100].householdNumber } },
      ]);
    });

    it('resolves Household representations, null for unknown', async () => {
      const res = await sg.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { number head { name } } } }`,
        { r: [{ __typename: 'Household', number: '320102999999' }, { __typename: 'Household', number: SHOWCASE.householdNumber }] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([null, { number: SHOWCASE.householdNumber, head: { name: '李建国' } }]);
    });

    it('publishes the contract types in its SDL, and AdminDivision only as a reference', async () => {
      const res = await sg.query(`{ _service { sdl } }`);
      const sdl: string = res.data!._service.sdl;
      expect(sdl).toMatch(/type Person\s+@key\(fields: "idNumber"\)/);
      expect(sdl).toMatch(/type Household\s+@key\(fields: "number"\)/);
      expect(sdl).toMatch(/type AdminDivision\s+@key\(fields: "code", resolvable: false\)/);
      expect(sdl).not.toMatch(/legalRepresentativeOf|shareholdings|realEstateRights/);
    });
  });

  describe('legacy data quirks', () => {
    // A row as old systems hold them: unstated gender, a code missing from its code table,
    // an empty phone, no relation, and a 户号 with no RK_HJXX record.
    const oddId = unregisteredId(3);
    beforeAll(async () => {
      await sg.database.db.knex('RK_JBXX').insert({
        GMSFHM: oddId, XM: '测试', XB: '9', CSRQ: '1990-05-05', MZ: '99', HJDZ: '', HJXZQH: '320104',
        LXDH: '', HYZK: '90', HH: '320104999999', YHZGX: null, SWBS: '1', GXSJ: toLegacyTimestamp('2024-06-30T16:00:00.000Z'),
      });
    });

    it('maps them without inventing data', async () => {
      const res = await sg.query(`query($id: ID!) { person(idNumber: $id) { ${PERSON_FIELDS} } }`, { id: oddId });
      expect(res.errors).toBeUndefined();
      expect(res.data!.person).toEqual({
        idNumber: oddId, name: '测试', gender: 'UNKNOWN', birthDate: '1990-05-05', ethnicity: '99', registeredAddress: null,
        residenceDivision: { code: '320104' }, phone: null, maritalStatus: '未说明的婚姻状况', household: null,
        relationToHead: null, deceased: true, caseFlags: [], updatedAt: '2024-06-30T16:00:00.000Z',
      });
    });
  });

  describe('bad input is BAD_USER_INPUT before any SQL', () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['a wrong check character', 'query($id: ID!) { person(idNumber: $id) { name } }', { id: '320102198001011239' }],
      ['an impossible birth date', 'query($id: ID!) { person(idNumber: $id) { name } }', { id: makeIdNumber('320102', '1980-02-30', 1) }],
      ['a short number', 'query($id: ID!) { person(idNumber: $id) { name } }', { id: '32010219800101123' }],
      ['one bad number among good ones', 'query($ids: [ID!]!) { persons(idNumbers: $ids) { name } }', { ids: [SHOWCASE.head, '320102198001011230'] }],
      ['more than 1000 numbers', 'query($ids: [ID!]!) { persons(idNumbers: $ids) { name } }', { ids: Array.from({ length: 1001 }, () => SHOWCASE.head) }],
      ['an 11-digit household number', '{ household(number: "32010200000") { number } }', {}],
      ['a household number with a letter', '{ household(number: "32010200000A") { number } }', {}],
      ['a household number outside any province', '{ household(number: "990102000001") { number } }', {}],
      ['a malformed Person representation', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: [{ __typename: 'Person', idNumber: '123' }] }],
      ['a Person representation whose key is a number', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: [{ __typename: 'Person', idNumber: 320102198001011238 }] }],
      ['a Person representation without its key', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: [{ __typename: 'Person' }] }],
      ['a malformed Household representation', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { number } } }', { r: [{ __typename: 'Household', number: 'abc' }] }],
    ];

    it.each(cases)('%s', async (_title, query, variables) => {
      const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(sql).toEqual([]);
    });

    it('1000 numbers are still accepted', async () => {
      const ids = Array.from({ length: 1000 }, (_, i) => world.persons[i % world.persons.length].idNumber);
      const res = await sg.query('query($ids: [ID!]!) { persons(idNumbers: $ids) { idNumber } }', { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data!.persons).toHaveLength(1000);
    });
  });

  describe('no N+1: the statement count does not grow with the number of keys', () => {
    const ids = (n: number) => world.persons.slice(0, n).map((p) => p.idNumber);

    async function statements(query: string, variables: Record<string, unknown>): Promise<string[]> {
      const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
      expect(result.errors).toBeUndefined();
      return sql;
    }

    it('_entities: 50 and 500 Person representations', async () => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name caseFlags household { number members { relationToHead person { name } } } } } }`;
      const rep = (n: number) => ({ r: ids(n).map((idNumber) => ({ __typename: 'Person', idNumber })) });
      const small = await statements(query, rep(50));
      const large = await statements(query, rep(500));
      // persons, case flags, households, members: one statement each
      expect(small).toHaveLength(4);
      expect(large).toHaveLength(small.length);
    });

    it('persons(idNumbers): 50 and 500 with households, members and case flags', async () => {
      const query = `query($ids: [ID!]!) { persons(idNumbers: $ids) { name household { members { person { name } relationToHead } } caseFlags } }`;
      const small = await statements(query, { ids: ids(50) });
      const large = await statements(query, { ids: ids(500) });
      expect(small).toHaveLength(4);
      expect(large).toHaveLength(small.length);
    });

    it('_entities: 20 and 200 Household representations with heads and members', async () => {
      expect(world.households.length).toBeGreaterThanOrEqual(200);
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { number head { name caseFlags } memberCount members { relationToHead person { name caseFlags } } } } }`;
      const rep = (n: number) => ({ r: world.households.slice(0, n).map((h) => ({ __typename: 'Household', number: h.number })) });
      const small = await statements(query, rep(20));
      const large = await statements(query, rep(200));
      // households, members (which also supply the heads), and case flags — heads' and
      // members' flags sit at different depths, so they may take one statement each
      expect(small.length).toBeLessThanOrEqual(4);
      expect(large).toHaveLength(small.length);
    });
  });
});
