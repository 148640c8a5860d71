/**
 * The legal-person subgraph (市场监管局) over its seeded legacy database: real MySQL when
 * GOVGRAPH_MYSQL_URL is set, embedded PGlite otherwise — the same knex code on both.
 */
import { legalPerson } from '../../subgraphs/legal-person/server';
import { startSubgraph, RunningSubgraph } from '../support/subgraph';
import { testWorld } from '../support/databases';
import { codes, GraphQLResponse } from '../support/http';
import { ALL_DIVISIONS, COMPANY_KIND, COMPANY_STATUS, generateWorld, SHOWCASE, World, WorldCompany } from '../../lib/synthetic';
import { isWithinDivision } from '../../lib/ids';

const COMPANY_FIELDS = `
  uscc name kind kindCode status statusCode establishedOn registeredCapital registeredAddress
  businessScope division { code } legalRepresentative { idNumber } updatedAt
  shareholders { holderName subscribedCapital company { uscc } holder { __typename ... on Person { idNumber } ... on LegalPerson { uscc name } } }
  shareholdings { company { uscc } subscribedCapital }
`;

const byUscc = (a: { uscc: string }, b: { uscc: string }) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0);

/** What the API must answer for a company of the synthetic world (every field, every list). */
function expectedCompany(world: World, c: WorldCompany) {
  const nameOf = new Map(world.companies.map((x) => [x.uscc, x.name]));
  return {
    uscc: c.uscc,
    name: c.name,
    kind: COMPANY_KIND[c.kindCode],
    kindCode: c.kindCode,
    status: COMPANY_STATUS[c.statusCode],
    statusCode: c.statusCode,
    establishedOn: c.establishedOn,
    registeredCapital: c.registeredCapital,
    registeredAddress: c.registeredAddress,
    businessScope: c.businessScope,
    division: { code: c.divisionCode },
    legalRepresentative: { idNumber: c.representativeIdNumber },
    updatedAt: c.updatedAt,
    shareholders: world.shareholdings
      .filter((s) => s.companyUscc === c.uscc)
      .map((s) => ({
        holderName: s.holderName,
        subscribedCapital: s.subscribedCapital,
        company: { uscc: c.uscc },
        holder: s.holderKind === 'PERSON' ? { __typename: 'Person', idNumber: s.holderKey } : { __typename: 'LegalPerson', uscc: s.holderKey, name: nameOf.get(s.holderKey) },
      })),
    shareholdings: world.shareholdings
      .filter((s) => s.holderKind === 'COMPANY' && s.holderKey === c.uscc)
      .map((s) => ({ company: { uscc: s.companyUscc }, subscribedCapital: s.subscribedCapital })),
  };
}

function companiesOfPerson(world: World, idNumber: string) {
  return {
    legalRepresentativeOf: world.companies
      .filter((c) => c.representativeIdNumber === idNumber)
      .map((c) => ({ uscc: c.uscc }))
      .sort(byUscc),
    shareholdings: world.shareholdings
      .filter((s) => s.holderKind === 'PERSON' && s.holderKey === idNumber)
      .map((s) => ({ company: { uscc: s.companyUscc }, subscribedCapital: s.subscribedCapital })),
  };
}

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ...F } }`;

let sg: RunningSubgraph;

beforeAll(async () => {
  sg = await startSubgraph(legalPerson);
});
afterAll(async () => {
  await sg?.stop();
});

describe('legal-person subgraph over the seeded test world', () => {
  const world = testWorld();

  /** Runs a query that must fail validation: returns its codes and asserts no SQL ran. */
  async function rejected(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
    expect(sql).toEqual([]);
    return codes(result);
  }

  describe('legalPerson', () => {
    it('serves the showcase company with every field mapped from the legacy tables', async () => {
      const res = await sg.query(`query($u: ID!) { legalPerson(uscc: $u) { ${COMPANY_FIELDS} } }`, { u: SHOWCASE.company });
      expect(res.errors).toBeUndefined();
      const c = world.companies.find((x) => x.uscc === SHOWCASE.company)!;
      expect(res.data!.legalPerson).toEqual(expectedCompany(world, c));
      expect(res.data!.legalPerson).toMatchObject({ name: '南京玄武示范科技有限公司', legalRepresentative: { idNumber: SHOWCASE.head } });
      expect(res.data!.legalPerson.shareholders).toEqual([expect.objectContaining({ holder: { __typename: 'Person', idNumber: SHOWCASE.spouse } })]);
    });

    it('serves the company the showcase head holds shares in, with the head among its shareholders', async () => {
      const res = await sg.query(`query($u: ID!) { legalPerson(uscc: $u) { name shareholders { holder { ... on Person { idNumber } } } } }`, { u: SHOWCASE.heldCompany });
      expect(res.data!.legalPerson.name).toBe('南京钟山示范贸易有限公司');
      expect(res.data!.legalPerson.shareholders).toContainEqual({ holder: { idNumber: SHOWCASE.head } });
    });

    it('accepts a lower-case code and returns the canonical one', async () => {
      const res = await sg.query(`query($u: ID!) { legalPerson(uscc: $u) { uscc } }`, { u: SHOWCASE.company.toLowerCase() });
      expect(res.data!.legalPerson).toEqual({ uscc: SHOWCASE.company });
    });

    it('is null for a valid code the register does not hold', async () => {
      const res = await sg.query(`{ legalPerson(uscc: "91110000600037341L") { uscc } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.legalPerson).toBeNull();
    });

    it('resolves corporate shareholders and corporate investments both ways', async () => {
      const corporate = world.shareholdings.filter((s) => s.holderKind === 'COMPANY');
      expect(corporate.length).toBeGreaterThan(0);
      for (const s of corporate.slice(0, 3)) {
        const res = await sg.query(`query($u: ID!, $h: ID!) { held: legalPerson(uscc: $u) { ${COMPANY_FIELDS} } holder: legalPerson(uscc: $h) { ${COMPANY_FIELDS} } }`, { u: s.companyUscc, h: s.holderKey });
        expect(res.errors).toBeUndefined();
        expect(res.data!.held).toEqual(expectedCompany(world, world.companies.find((c) => c.uscc === s.companyUscc)!));
        expect(res.data!.holder).toEqual(expectedCompany(world, world.companies.find((c) => c.uscc === s.holderKey)!));
        expect(res.data!.holder.shareholdings).toContainEqual({ company: { uscc: s.companyUscc }, subscribedCapital: s.subscribedCapital });
      }
    });

    it.each([
      ['a bad check character', '91320102MA1XK7Q37X'],
      ['a wrong length', '9132010'],
      ['forbidden letters', '91320102MA1XK7Q3IO'],
    ])('rejects %s as BAD_USER_INPUT before any SQL', async (_label, uscc) => {
      expect(await rejected(`query($u: ID!) { legalPerson(uscc: $u) { name } }`, { u: uscc })).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('legalPersons', () => {
    const sorted = [...world.companies].sort(byUscc);
    const list = (args: string, fields = 'uscc') =>
      sg.query(`{ legalPersons${args ? `(${args})` : ''} { edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } totalCount } }`);
    const usccsOf = (res: GraphQLResponse) => res.data!.legalPersons.edges.map((e: { node: { uscc: string } }) => e.node.uscc);

    it('serves every company of the register with every field, ordered by uscc', async () => {
      const res = await list('first: 1000', COMPANY_FIELDS);
      expect(res.errors).toBeUndefined();
      expect(res.data!.legalPersons.totalCount).toBe(world.companies.length);
      expect(res.data!.legalPersons.pageInfo.hasNextPage).toBe(false);
      expect(res.data!.legalPersons.edges.map((e: { node: unknown }) => e.node)).toEqual(sorted.map((c) => expectedCompany(world, c)));
    });

    it('returns 20 by default, the first ones in uscc order', async () => {
      const res = await list('');
      expect(usccsOf(res)).toEqual(sorted.slice(0, 20).map((c) => c.uscc));
      expect(res.data!.legalPersons.pageInfo).toEqual({ hasNextPage: true, endCursor: res.data!.legalPersons.edges[19].cursor });
    });

    it('pages through the whole register with cursors, each company exactly once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const res: GraphQLResponse = await sg.query(`query($after: String) { legalPersons(first: 7, after: $after) { edges { node { uscc } } pageInfo { hasNextPage endCursor } } }`, { after });
        expect(res.errors).toBeUndefined();
        seen.push(...usccsOf(res));
        const info = res.data!.legalPersons.pageInfo;
        if (!info.hasNextPage) break;
        after = info.endCursor;
      }
      expect(seen).toEqual(sorted.map((c) => c.uscc));
    });

    it('gives an empty last page after the last cursor', async () => {
      const all = await list('first: 1000');
      const last = all.data!.legalPersons.pageInfo.endCursor;
      const res = await sg.query(`query($a: String) { legalPersons(after: $a) { edges { node { uscc } } pageInfo { hasNextPage endCursor } totalCount } }`, { a: last });
      expect(res.data!.legalPersons).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: world.companies.length });
    });

    it.each(['320102', '320115', '320100', '320000'])('filters by division %s, districts included', async (code) => {
      const expected = sorted.filter((c) => isWithinDivision(c.divisionCode, code)).map((c) => c.uscc);
      const res = await list(`divisionCode: "${code}", first: 1000`);
      expect(usccsOf(res)).toEqual(expected);
      expect(res.data!.legalPersons.totalCount).toBe(expected.length);
      if (code === '320102') expect(expected.length).toBeGreaterThan(1);
      if (code === '320102') expect(expected.length).toBeLessThan(world.companies.length);
    });

    it.each(Object.entries(COMPANY_STATUS))('filters by status code %s by its name %s', async (code, name) => {
      const expected = sorted.filter((c) => c.statusCode === code).map((c) => c.uscc);
      const res = await list(`status: "${name}", first: 1000`);
      expect(usccsOf(res)).toEqual(expected);
      expect(res.data!.legalPersons.totalCount).toBe(expected.length);
    });

    it('matches no company for a status name the code table lacks', async () => {
      const res = await list('status: "营业"');
      expect(res.data!.legalPersons.totalCount).toBe(0);
    });

    it('filters by a substring of the name', async () => {
      const word = '示范';
      const expected = sorted.filter((c) => c.name.includes(word)).map((c) => c.uscc);
      expect(expected.length).toBe(2);
      const res = await list(`nameContains: "${word}", first: 1000`);
      expect(usccsOf(res)).toEqual(expected);
    });

    it.each(['%', '_', '!', '南京%公司'])('treats LIKE wildcards in nameContains %s literally', async (text) => {
      const res = await list(`nameContains: ${JSON.stringify(text)}`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.legalPersons.totalCount).toBe(world.companies.filter((c) => c.name.includes(text)).length);
      expect(res.data!.legalPersons.totalCount).toBe(0);
    });

    it('combines filters with AND and pages within them', async () => {
      const expected = sorted.filter((c) => isWithinDivision(c.divisionCode, '320100') && c.statusCode === '1' && c.name.includes('南京')).map((c) => c.uscc);
      const first = await list('divisionCode: "320100", status: "存续", nameContains: "南京", first: 3');
      expect(usccsOf(first)).toEqual(expected.slice(0, 3));
      expect(first.data!.legalPersons.totalCount).toBe(expected.length);
      const cursor = first.data!.legalPersons.pageInfo.endCursor;
      const second = await sg.query(`query($a: String) { legalPersons(divisionCode: "320100", status: "存续", nameContains: "南京", first: 3, after: $a) { edges { node { uscc } } } }`, { a: cursor });
      expect(usccsOf(second)).toEqual(expected.slice(3, 6));
    });

    it.each([
      ['first: 0', 'first: 0'],
      ['first: -5', 'first: -5'],
      ['first: 1001', 'first: 1001'],
      ['a malformed division code', 'divisionCode: "3201"'],
      ['an unknown province', 'divisionCode: "990100"'],
      ['a well-formed code of a district the register does not hold', 'divisionCode: "320199"'],
      ['a forged cursor', 'after: "bm90LWEtY3Vyc29y"'],
      ['a non-base64 cursor', 'after: "%%%"'],
      ['an over-long nameContains', `nameContains: "${'公'.repeat(101)}"`],
    ])('rejects %s as BAD_USER_INPUT before any SQL', async (_label, args) => {
      await list('divisionCode: "320100", first: 1'); // the division code table is loaded by now
      expect(await rejected(`{ legalPersons(${args}) { edges { node { uscc } } totalCount } }`)).toEqual(['BAD_USER_INPUT']);
    });

    // 110000 北京市 and 110101 are real GB/T 2260 codes, 320199 is well-formed; the register
    // files companies by county-level code, so a street (9 digits) is not in its table either.
    it.each(['110101', '110000', '320199', '320102002'])(
      'refuses division code %s, which its code table DM_XZQH does not hold: BAD_USER_INPUT on `divisionCode`, no SQL once the table is loaded',
      async (code) => {
        await list('divisionCode: "320100", first: 1');
        const { result, sql } = await sg.recordSql(() => sg.query(`query($d: ID) { legalPersons(divisionCode: $d) { totalCount } }`, { d: code }));
        expect(codes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors![0].extensions).toMatchObject({ argumentName: 'divisionCode' });
        expect(sql).toEqual([]);
      },
    );
  });

  describe('federation', () => {
    it('resolves LegalPerson representations, null for a company the register lacks', async () => {
      const reps = [SHOWCASE.heldCompany, '91110000600037341L', SHOWCASE.company].map((uscc) => ({ __typename: 'LegalPerson', uscc }));
      const res = await sg.query(ENTITIES + ` fragment F on LegalPerson { ${COMPANY_FIELDS} }`, { representations: reps });
      expect(res.errors).toBeUndefined();
      const find = (u: string) => expectedCompany(world, world.companies.find((c) => c.uscc === u)!);
      expect(res.data!._entities).toEqual([{ __typename: 'LegalPerson', ...find(SHOWCASE.heldCompany) }, null, { __typename: 'LegalPerson', ...find(SHOWCASE.company) }]);
    });

    it('adds legalRepresentativeOf and shareholdings to every Person of the world', async () => {
      const reps = world.persons.map((p) => ({ __typename: 'Person', idNumber: p.idNumber }));
      const res = await sg.query(ENTITIES + ` fragment F on Person { idNumber legalRepresentativeOf { uscc } shareholdings { company { uscc } subscribedCapital } }`, { representations: reps });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual(world.persons.map((p) => ({ __typename: 'Person', idNumber: p.idNumber, ...companiesOfPerson(world, p.idNumber) })));
      // The test is only meaningful if many persons do represent or hold something.
      expect(res.data!._entities.filter((p: { legalRepresentativeOf: unknown[] }) => p.legalRepresentativeOf.length).length).toBeGreaterThan(50);
    });

    it('answers the flagship part for the showcase household', async () => {
      const reps = [SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].map((idNumber) => ({ __typename: 'Person', idNumber }));
      const res = await sg.query(ENTITIES + ` fragment F on Person { legalRepresentativeOf { uscc name status } shareholdings { company { uscc name } } }`, { representations: reps });
      const [head, spouse, child] = res.data!._entities;
      expect(head.legalRepresentativeOf).toContainEqual({ uscc: SHOWCASE.company, name: '南京玄武示范科技有限公司', status: expect.any(String) });
      expect(head.shareholdings).toContainEqual({ company: { uscc: SHOWCASE.heldCompany, name: '南京钟山示范贸易有限公司' } });
      expect(spouse.shareholdings).toContainEqual({ company: { uscc: SHOWCASE.company, name: '南京玄武示范科技有限公司' } });
      expect(child).toEqual({ __typename: 'Person', legalRepresentativeOf: [], shareholdings: [] });
    });

    it.each([
      ['LegalPerson', { __typename: 'LegalPerson', uscc: '91320102MA1XK7Q37X' }, 'LegalPerson { name }'],
      ['Person', { __typename: 'Person', idNumber: '320102198001011239' }, 'Person { legalRepresentativeOf { name } }'],
    ])('rejects a %s representation with a bad key as BAD_USER_INPUT before any SQL', async (_t, rep, fragment) => {
      expect(await rejected(ENTITIES + ` fragment F on ${fragment}`, { representations: [rep] })).toEqual(['BAD_USER_INPUT']);
    });

    it('publishes its SDL with the entity keys', async () => {
      const res = await sg.query('{ _service { sdl } }');
      const sdl: string = res.data!._service.sdl;
      expect(sdl).toMatch(/type LegalPerson\s+@key\(fields: "uscc"\)/);
      expect(sdl).toMatch(/type Person\s+@key\(fields: "idNumber"\)/);
      expect(sdl).toMatch(/type AdminDivision\s+@key\(fields: "code", resolvable: false\)/);
    });
  });
});

describe('the division code table DM_XZQH', () => {
  it('holds 江苏省, 南京市 and its districts, and comes with migrate to a register seeded before it existed', async () => {
    const { db } = sg.database;
    const expected = ALL_DIVISIONS.filter((d) => d.code.length === 6).map((d) => ({ DM: d.code, MC: d.name })).sort((a, b) => (a.DM < b.DM ? -1 : 1));
    expect(await db.knex('DM_XZQH').select('DM', 'MC').orderBy('DM')).toEqual(expected);
    await db.knex.schema.dropTable('DM_XZQH'); // as in a demo database seeded before the table existed
    await legalPerson.legacyDb.migrate(db);
    expect(await db.knex('DM_XZQH').select('DM', 'MC').orderBy('DM')).toEqual(expected);
    expect(await legalPerson.legacyDb.isSeeded(db)).toBe(true);
  });
});

/**
 * N+1 guard: the same operation at 50 and at 500 keys must emit the same statements. The
 * test world has 120 companies, so this suite replaces the data with a world of 3,000
 * persons (600 companies) through the legacy database's own drop/migrate/seed — which is
 * why it must stay the last suite of the file. Reusing the running subgraph spares a second
 * embedded engine (each costs seconds and hundreds of MB).
 */
describe('legal-person SQL per operation does not grow with the number of rows', () => {
  const world = generateWorld({ persons: 3000 });

  beforeAll(async () => {
    const { db } = sg.database;
    await legalPerson.legacyDb.drop(db);
    expect(await legalPerson.legacyDb.isSeeded(db)).toBe(false);
    await legalPerson.legacyDb.migrate(db);
    await legalPerson.legacyDb.migrate(db); // idempotent: a second run changes nothing
    expect(await legalPerson.legacyDb.isSeeded(db)).toBe(false);
    await legalPerson.legacyDb.seed(db, world);
    expect(await legalPerson.legacyDb.isSeeded(db)).toBe(true);
  });

  async function measure(query: string, variables?: Record<string, unknown>) {
    const { result, sql } = await sg.recordSql(() => sg.query(query, variables));
    expect(result.errors).toBeUndefined();
    return { data: result.data!, sql };
  }

  it('has at least 500 companies to page through', async () => {
    expect(world.companies.length).toBeGreaterThanOrEqual(500);
    const res = await sg.query('{ legalPersons { totalCount } }');
    expect(res.data!.legalPersons.totalCount).toBe(world.companies.length);
  });

  it('legalPersons with shareholders, holders and companies: same statements at first 50 and 500', async () => {
    const query = (n: number) => `{ legalPersons(first: ${n}) { edges { node { name status legalRepresentative { idNumber } shareholders { subscribedCapital holder { __typename ... on LegalPerson { name } } company { name } } } } } }`;
    const small = await measure(query(50));
    const large = await measure(query(500));
    expect(small.data.legalPersons.edges).toHaveLength(50);
    expect(large.data.legalPersons.edges).toHaveLength(500);
    const corporate = large.data.legalPersons.edges.flatMap((e: { node: { shareholders: Array<{ holder: { __typename: string } }> } }) => e.node.shareholders).filter((s: { holder: { __typename: string } }) => s.holder.__typename === 'LegalPerson');
    expect(corporate.length).toBeGreaterThan(10);
    expect(large.sql.length).toBe(small.sql.length);
    // page + shareholders + corporate holders; the parent companies come from the page itself.
    expect(large.sql.length).toBeLessThanOrEqual(3);
  });

  it('_entities of LegalPerson: same statements for 50 and 500 representations', async () => {
    const query = ENTITIES + ` fragment F on LegalPerson { name legalRepresentative { idNumber } shareholders { holder { __typename ... on LegalPerson { name } } company { name } } shareholdings { company { name } } }`;
    const reps = (n: number) => world.companies.slice(0, n).map((c) => ({ __typename: 'LegalPerson', uscc: c.uscc }));
    const small = await measure(query, { representations: reps(50) });
    const large = await measure(query, { representations: reps(500) });
    expect(large.data._entities.filter((e: unknown) => e !== null)).toHaveLength(500);
    expect(large.sql.length).toBe(small.sql.length);
    expect(large.sql.length).toBeLessThanOrEqual(5);
  });

  it('_entities of Person: same statements for 50 and 500 representations', async () => {
    // Persons who do represent or hold something first, so the child lists are not empty.
    const involved = new Set([...world.companies.map((c) => c.representativeIdNumber), ...world.shareholdings.filter((s) => s.holderKind === 'PERSON').map((s) => s.holderKey)]);
    const ids = [...world.persons.map((p) => p.idNumber).filter((id) => involved.has(id)), ...world.persons.map((p) => p.idNumber).filter((id) => !involved.has(id))];
    const reps = (n: number) => ids.slice(0, n).map((idNumber) => ({ __typename: 'Person', idNumber }));
    const query = ENTITIES + ` fragment F on Person { legalRepresentativeOf { name } shareholdings { company { name } } }`;
    const small = await measure(query, { representations: reps(50) });
    const large = await measure(query, { representations: reps(500) });
    const withLists = large.data._entities.filter((p: { legalRepresentativeOf: unknown[]; shareholdings: unknown[] }) => p.legalRepresentativeOf.length + p.shareholdings.length > 0);
    expect(withLists.length).toBeGreaterThan(400);
    expect(large.sql.length).toBe(small.sql.length);
    expect(large.sql.length).toBeLessThanOrEqual(3);
  });
});
