/**
 * The geospatial subgraph (自然资源局/不动产登记中心) over its seeded legacy PostGIS register:
 * real PostgreSQL + PostGIS when GOVGRAPH_PG_URL is set, embedded PGlite otherwise.
 * Expected values come from the synthetic world (testWorld) and the SHOWCASE records,
 * never from the database under test.
 */
import { startSubgraph, RunningSubgraph } from '../support/subgraph';
import { openSeededDatabase, testWorld } from '../support/databases';
import { inlineExample, numericArguments } from '../support/readme';
import { codes } from '../support/http';
import { geospatial } from '../../subgraphs/geospatial/server';
import { parcelsNearQuery, type ParcelRow } from '../../subgraphs/geospatial/db';
import { MAX_NEAR_PARCELS } from '../../subgraphs/geospatial/args';
import { divisionBoundaries } from '../../subgraphs/geospatial/legacy-db/boundaries';
import { layoutCells, rectangle } from '../../subgraphs/geospatial/legacy-db/footprints';
import { multiPolygonEwkt, roundRing, signedArea } from '../../subgraphs/geospatial/legacy-db/planar';
import { ALL_DIVISIONS, DEFAULT_PERSONS, ENCUMBRANCE_KIND, generateWorld, LAND_USE, SHOWCASE, STREET_SEEDS, World } from '../../lib/synthetic';

let s: RunningSubgraph;
let world: World;

beforeAll(async () => {
  world = testWorld();
  s = await startSubgraph(geospatial);
});
afterAll(async () => {
  await s?.stop();
});

const knex = () => s.database.db.knex;

/** Rights the world registers for a holder, in the order the API serves them. */
function worldRights(kind: 'PERSON' | 'COMPANY', key: string) {
  return world.rights
    .filter((r) => r.holderKind === kind && r.holderKey === key)
    .sort((a, b) => (a.registeredOn === b.registeredOn ? (a.certificateNo < b.certificateNo ? -1 : 1) : a.registeredOn < b.registeredOn ? -1 : 1))
    .map((r) => r.certificateNo);
}

/** The response's error codes and how many SQL statements it cost. */
async function rejected(query: string, variables?: Record<string, unknown>) {
  const { result, sql } = await s.recordSql(() => s.query(query, variables));
  return { codes: codes(result), sql: sql.length, data: result.data };
}

describe('division', () => {
  it('serves a district with its parent, its streets in code order and its level', async () => {
    const res = await s.query(`{ division(code: "320102") { code name level levelName parent { code name level } children { code name level parent { code } } } }`);
    expect(res.errors).toBeUndefined();
    const streets = STREET_SEEDS.filter((x) => x.parentCode === '320102').sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(res.data!.division).toEqual({
      code: '320102',
      name: '玄武区',
      level: 3,
      levelName: '区县',
      parent: { code: '320100', name: '南京市', level: 2 },
      children: streets.map((x) => ({ code: x.code, name: x.name, level: 4, parent: { code: '320102' } })),
    });
  });

  it('walks the whole GB/T 2260 tree from the province', async () => {
    const res = await s.query(`{ division(code: "320000") { name level parent { code } children { code children { code children { code children { code } } } } } }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!.division;
    expect([d.name, d.level, d.parent]).toEqual(['江苏省', 1, null]);
    expect(d.children.map((c: any) => c.code)).toEqual(['320100']);
    const districts = d.children[0].children;
    expect(districts).toHaveLength(11);
    const served = districts.flatMap((x: any) => x.children.map((st: any) => st.code)).sort();
    expect(served).toEqual(STREET_SEEDS.map((x) => x.code).sort());
    expect(districts.flatMap((x: any) => x.children.flatMap((st: any) => st.children))).toEqual([]);
  });

  it('serves the synthetic boundary as a GeoJSON MultiPolygon, exactly as seeded', async () => {
    const res = await s.query(`{ division(code: "320102003") { boundary } }`);
    const ring = divisionBoundaries().get('320102003')!;
    expect(res.data!.division.boundary).toEqual({ type: 'MultiPolygon', coordinates: [[[...ring, ring[0]]]] });
  });

  it('serves every code of its division table (XZQH)', async () => {
    const query = `{ ${ALL_DIVISIONS.map((d, i) => `d${i}: division(code: "${d.code}") { code }`).join(' ')} }`;
    const res = await s.query(query);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!).map((d: any) => d.code)).toEqual(ALL_DIVISIONS.map((d) => d.code));
  });

  it.each(['110101', '320199', '320102999', '320000001'])(
    'refuses well-formed code %p that its division table does not hold: BAD_USER_INPUT on `code`, and no SQL once the table is loaded',
    async (code) => {
      await s.query(`{ division(code: "320100") { code } }`); // the code table is loaded by now
      const { result, sql } = await s.recordSql(() => s.query(`query($c: ID!) { division(code: $c) { name } }`, { c: code }));
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions).toMatchObject({ argumentName: 'code' });
      expect(result.data?.division ?? null).toBeNull();
      expect(sql).toEqual([]);
    },
  );

  it.each(['3201', '32010', 'abcdef', '990100', '3201020031', ''])('rejects division code %p before any SQL', async (code) => {
    const r = await rejected(`query($c: ID!) { division(code: $c) { name } }`, { c: code });
    expect(r.codes).toEqual(['BAD_USER_INPUT']);
    expect(r.sql).toBe(0);
  });
});

describe('the stored boundaries', () => {
  it('tile each parent: children cover it exactly and do not overlap', async () => {
    const rows = await knex().raw(`
      select p."XZQHDM" as code,
             ST_Area(p."GEOM") as parent_area,
             ST_Area(ST_Union(c."GEOM")) as union_area,
             sum(ST_Area(c."GEOM")) as sum_area,
             bool_and(ST_Within(ST_PointOnSurface(c."GEOM"), p."GEOM")) as inside
        from "XZQH" p join "XZQH" c on c."SJDM" = p."XZQHDM"
       where p."JB" >= 2
       group by p."XZQHDM", p."GEOM"`);
    expect(rows.rows).toHaveLength(12); // the city and its 11 districts
    for (const r of rows.rows) {
      expect(r.inside).toBe(true);
      expect(Math.abs(r.union_area / r.parent_area - 1)).toBeLessThan(1e-6); // no gap
      expect(Math.abs(r.sum_area / r.parent_area - 1)).toBeLessThan(1e-6); // no overlap
    }
  });

  it('stores every parcel inside its street, with its registered area', async () => {
    const rows = await knex().raw(`
      select z."ZDDM" as code, ST_Within(z."GEOM", x."GEOM") as within, ST_Area(z."GEOM"::geography) / z."ZDMJ" as ratio
        from "ZD_ZDJBXX" z join "XZQH" x on x."XZQHDM" = z."XZQHDM"`);
    expect(rows.rows).toHaveLength(world.parcels.length);
    for (const r of rows.rows) {
      expect(r.within).toBe(true);
      expect(Math.abs(r.ratio - 1)).toBeLessThan(0.01);
    }
  });
});

describe('divisionAt', () => {
  it('finds the deepest division: the street of every parcel, from the parcel centre', async () => {
    const geo = await s.query(`{ ${world.parcels.map((p, i) => `p${i}: parcel(code: "${p.code}") { geometry }`).join(' ')} }`);
    expect(geo.errors).toBeUndefined();
    const centres = world.parcels.map((_, i) => {
      const ring: number[][] = geo.data![`p${i}`].geometry.coordinates[0][0].slice(0, -1);
      return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
    });
    const res = await s.query(`{ ${centres.map(([lng, lat], i) => `d${i}: divisionAt(lng: ${lng}, lat: ${lat}) { code level parent { code } }`).join(' ')} }`);
    expect(res.errors).toBeUndefined();
    world.parcels.forEach((p, i) => expect(res.data![`d${i}`]).toEqual({ code: p.streetCode, level: 4, parent: { code: p.districtCode } }));
  });

  it('puts the showcase parcels in 玄武区 320102', async () => {
    const res = await s.query(`{ a: parcel(code: "${SHOWCASE.spouseParcel}") { division { parent { code name } } } b: parcel(code: "${SHOWCASE.headParcel}") { division { parent { code name } } } }`);
    expect(res.data).toEqual({
      a: { division: { parent: { code: '320102', name: '玄武区' } } },
      b: { division: { parent: { code: '320102', name: '玄武区' } } },
    });
  });

  it('answers the province outside the city, and null outside every division', async () => {
    const res = await s.query(`{ jiangsu: divisionAt(lng: 120.3, lat: 31.6) { code level } sea: divisionAt(lng: 0, lat: 0) { code } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ jiangsu: { code: '320000', level: 1 }, sea: null });
  });

  it.each([
    [181, 32],
    [-180.5, 32],
    [118.8, 90.01],
    [118.8, -91],
  ])('rejects lng %p lat %p before any SQL', async (lng, lat) => {
    const r = await rejected(`query($lng: Float!, $lat: Float!) { divisionAt(lng: $lng, lat: $lat) { code } }`, { lng, lat });
    expect(r.codes).toEqual(['BAD_USER_INPUT']);
    expect(r.sql).toBe(0);
  });
});

describe('parcel', () => {
  const PARCEL = `code landUse landUseCode area updatedAt geometry division { code name }
    rights { certificateNo holderName registeredOn updatedAt parcel { code }
      holder { __typename ... on Person { idNumber } ... on LegalPerson { uscc } }
      encumbrances { kind kindCode holderName registeredOn amount documentNo } }`;

  it("serves the spouse's showcase parcel with its right and its mortgage (抵押)", async () => {
    const res = await s.query(`{ parcel(code: "${SHOWCASE.spouseParcel}") { ${PARCEL} } }`);
    expect(res.errors).toBeUndefined();
    const p = res.data!.parcel;
    const wp = world.parcels.find((x) => x.code === SHOWCASE.spouseParcel)!;
    const wr = world.rights.find((x) => x.certificateNo === SHOWCASE.spouseCertificate)!;
    const we = world.encumbrances.find((x) => x.certificateNo === SHOWCASE.spouseCertificate)!;
    expect(p.code).toBe(SHOWCASE.spouseParcel);
    expect([p.landUseCode, p.landUse]).toEqual(['0701', LAND_USE['0701']]);
    expect(p.area).toBeCloseTo(wp.area, 2);
    expect(p.updatedAt).toBe(wp.updatedAt);
    expect(p.geometry.type).toBe('MultiPolygon');
    expect(p.division).toEqual({ code: '320102003', name: '新街口街道' });
    expect(p.rights).toEqual([
      {
        certificateNo: SHOWCASE.spouseCertificate,
        holderName: '王秀英',
        registeredOn: '2019-06-18',
        updatedAt: wr.updatedAt,
        parcel: { code: SHOWCASE.spouseParcel },
        holder: { __typename: 'Person', idNumber: SHOWCASE.spouse },
        encumbrances: [{ kind: '抵押', kindCode: '1', holderName: we.holderName, registeredOn: '2019-06-20', amount: we.amount, documentNo: we.documentNo }],
      },
    ]);
    expect(we.amount).toMatch(/^\d+\.\d{2}$/); // decimal kept as a string, to the cent
  });

  it("serves the head's showcase parcel with a seizure (查封) that has no amount", async () => {
    const res = await s.query(`{ parcel(code: "${SHOWCASE.headParcel}") { rights { certificateNo holder { ... on Person { idNumber } } encumbrances { kind holderName amount } } } }`);
    expect(res.data!.parcel.rights).toEqual([
      { certificateNo: SHOWCASE.headCertificate, holder: { idNumber: SHOWCASE.head }, encumbrances: [{ kind: '查封', holderName: '南京市玄武区人民法院', amount: null }] },
    ]);
  });

  it('serves every parcel of the world with its land use, area, street and rights', async () => {
    const res = await s.query(`{ ${world.parcels.map((p, i) => `p${i}: parcel(code: "${p.code}") { code landUse area division { code } rights { certificateNo encumbrances { kind } } }`).join(' ')} }`);
    expect(res.errors).toBeUndefined();
    world.parcels.forEach((p, i) => {
      const got = res.data![`p${i}`];
      const rights = world.rights.filter((r) => r.parcelCode === p.code);
      expect(got.code).toBe(p.code);
      expect(got.landUse).toBe(LAND_USE[p.landUseCode]);
      expect(got.area).toBeCloseTo(p.area, 2);
      expect(got.division.code).toBe(p.streetCode);
      expect(got.rights.map((r: any) => r.certificateNo).sort()).toEqual(rights.map((r) => r.certificateNo).sort());
      for (const r of got.rights) {
        const kinds = world.encumbrances.filter((e) => e.certificateNo === r.certificateNo).map((e) => ENCUMBRANCE_KIND[e.kindCode]);
        expect(r.encumbrances.map((e: any) => e.kind).sort()).toEqual(kinds.sort());
      }
    });
  });

  it('serves a company-held right with a LegalPerson holder', async () => {
    const wr = world.rights.find((r) => r.holderKind === 'COMPANY')!;
    const res = await s.query(`{ parcel(code: "${wr.parcelCode}") { rights { certificateNo holder { __typename ... on LegalPerson { uscc } } } } }`);
    expect(res.data!.parcel.rights).toContainEqual({ certificateNo: wr.certificateNo, holder: { __typename: 'LegalPerson', uscc: wr.holderKey } });
  });

  it('answers null for a well-formed code the register does not hold', async () => {
    const res = await s.query(`{ parcel(code: "320102003001GB99999") { code } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.parcel).toBeNull();
  });

  it.each(['320102003001gb00001', '320102003001GB0001', 'X20102003001GB00001', '320100003001GB00001', '990102003001GB00001'])(
    'rejects parcel code %p before any SQL',
    async (code) => {
      const r = await rejected(`query($c: ID!) { parcel(code: $c) { code } }`, { c: code });
      expect(r.codes).toEqual(['BAD_USER_INPUT']);
      expect(r.sql).toBe(0);
    },
  );

  it('does not read geometry unless it is selected', async () => {
    const { sql } = await s.recordSql(() => s.query(`{ parcel(code: "${SHOWCASE.spouseParcel}") { code area } }`));
    expect(sql).toHaveLength(1);
    expect(sql[0]).not.toMatch(/GEOM/);
  });
});

describe('parcelsNear', () => {
  it('finds the parcel under the point first, and only parcels within the radius', async () => {
    const geo = (await s.query(`{ parcel(code: "${SHOWCASE.spouseParcel}") { geometry } }`)).data!.parcel.geometry;
    const [lng, lat] = geo.coordinates[0][0][0]; // a corner: on the outline, distance 0
    const res = await s.query(`{ parcelsNear(lng: ${lng}, lat: ${lat}, radiusMeters: 5) { code } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.parcelsNear).toEqual([{ code: SHOWCASE.spouseParcel }]);
    const none = await s.query(`{ parcelsNear(lng: 120.3, lat: 31.6, radiusMeters: 1000) { code } }`);
    expect(none.data!.parcelsNear).toEqual([]);
  });

  it('returns exactly the parcels within the radius, nearest first', async () => {
    const [lng, lat, r] = [118.8, 32.0, 30_000];
    const res = await s.query(`{ parcelsNear(lng: ${lng}, lat: ${lat}, radiusMeters: ${r}) { code } }`);
    const served: string[] = res.data!.parcelsNear.map((p: any) => p.code);
    // Independently: ST_Distance over every row (no ST_DWithin, no index).
    const all = await knex().raw(`select "ZDDM" as code, ST_Distance("GEOM"::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as d from "ZD_ZDJBXX"`, [lng, lat]);
    const dist = new Map<string, number>(all.rows.map((x: any) => [x.code, x.d]));
    const expected = [...dist].filter(([, d]) => d <= r).map(([c]) => c);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(world.parcels.length);
    expect([...served].sort()).toEqual(expected.sort());
    for (let i = 1; i < served.length; i++) expect(dist.get(served[i])!).toBeGreaterThanOrEqual(dist.get(served[i - 1])!);
  });

  it.each([
    [118.8, 32, 0],
    [118.8, 32, -1],
    [118.8, 32, 50_001],
    [200, 32, 100],
    [118.8, -95, 100],
  ])('rejects lng %p lat %p radius %p before any SQL', async (lng, lat, radius) => {
    const r = await rejected(`query($lng: Float!, $lat: Float!, $r: Float!) { parcelsNear(lng: $lng, lat: $lat, radiusMeters: $r) { code } }`, { lng, lat, r: radius });
    expect(r.codes).toEqual(['BAD_USER_INPUT']);
    expect(r.sql).toBe(0);
  });

  it('is served by the geography GiST index', async () => {
    const q = parcelsNearQuery(knex(), 118.8, 32.0, 1000, MAX_NEAR_PARCELS).toSQL();
    const plan: string = await knex().transaction(async (trx) => {
      // The test register is tiny, so the planner would rightly scan it; forbid that to see
      // whether the statement as written can use the index at all.
      await trx.raw('SET LOCAL enable_seqscan = off');
      const rows = await trx.raw(`EXPLAIN ${q.sql}`, q.bindings);
      return rows.rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/ZD_ZDJBXX_GEOG_GIST/);
  });
});

describe("the README's parcelsNear example over the world npm start seeds", () => {
  // The tour speaks of the default demo world (DEFAULT_PERSONS), which has more parcels than
  // the test world; only this department's slice of it is seeded here.
  it("answers 李建国's parcel first, then three in 红山街道; the old example point (玄武区's centre) has none within 800 m", async () => {
    const demo = await openSeededDatabase(geospatial, generateWorld({ persons: DEFAULT_PERSONS }));
    try {
      const { lng, lat, radiusMeters } = numericArguments(inlineExample('parcelsNear('));
      const rows: ParcelRow[] = await parcelsNearQuery(demo.db.knex, lng, lat, radiusMeters, MAX_NEAR_PARCELS);
      expect(rows[0]).toMatchObject({ code: SHOWCASE.headParcel, landUse: '城镇住宅用地' });
      expect(rows.slice(1).map((r) => r.divisionCode)).toEqual(['320102006', '320102006', '320102006']);
      expect(await parcelsNearQuery(demo.db.knex, 118.8, 32.05, 800, MAX_NEAR_PARCELS)).toEqual([]);
    } finally {
      await demo.drop();
    }
  });
});

describe('entities (_entities)', () => {
  it('resolves every AdminDivision representation, null for an unknown code', async () => {
    const reps = [...ALL_DIVISIONS.map((d) => ({ __typename: 'AdminDivision', code: d.code })), { __typename: 'AdminDivision', code: '110101' }];
    const res = await s.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminDivision { code name level } } }`, { r: reps });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([...ALL_DIVISIONS.map((d) => ({ code: d.code, name: d.name, level: d.level })), null]);
  });

  it('resolves every Parcel representation', async () => {
    const reps = world.parcels.map((p) => ({ __typename: 'Parcel', code: p.code }));
    const res = await s.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Parcel { code division { code } } } }`, { r: reps });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual(world.parcels.map((p) => ({ code: p.code, division: { code: p.streetCode } })));
  });

  it("contributes every person's real-estate rights (Person.realEstateRights)", async () => {
    const reps = world.persons.map((p) => ({ __typename: 'Person', idNumber: p.idNumber }));
    const res = await s.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber realEstateRights { certificateNo } } } }`, { r: reps });
    expect(res.errors).toBeUndefined();
    const got = res.data!._entities;
    expect(got.filter((e: any) => e.realEstateRights.length).length).toBeGreaterThan(10);
    world.persons.forEach((p, i) => {
      expect(got[i].idNumber).toBe(p.idNumber);
      expect(got[i].realEstateRights.map((r: any) => r.certificateNo)).toEqual(worldRights('PERSON', p.idNumber));
    });
  });

  it("contributes every company's real-estate rights (LegalPerson.realEstateRights)", async () => {
    const reps = world.companies.map((c) => ({ __typename: 'LegalPerson', uscc: c.uscc }));
    const res = await s.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { uscc realEstateRights { certificateNo holder { ... on LegalPerson { uscc } } } } } }`, { r: reps });
    expect(res.errors).toBeUndefined();
    const got = res.data!._entities;
    expect(got.filter((e: any) => e.realEstateRights.length).length).toBeGreaterThan(3);
    world.companies.forEach((c, i) => {
      expect(got[i].realEstateRights.map((r: any) => r.certificateNo)).toEqual(worldRights('COMPANY', c.uscc));
      for (const r of got[i].realEstateRights) expect(r.holder).toEqual({ uscc: c.uscc });
    });
  });
});

describe('no N+1: SQL statements do not grow with the number of keys', () => {
  it('_entities with 50 and 500 Person representations', async () => {
    const op = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
      realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } } } } }`;
    const run = async (n: number) => {
      const reps = world.persons.slice(0, n).map((p) => ({ __typename: 'Person', idNumber: p.idNumber }));
      const { result, sql } = await s.recordSql(() => s.query(op, { r: reps }));
      expect(result.errors).toBeUndefined();
      const rights = result.data!._entities.flatMap((e: any) => e.realEstateRights);
      return { sql: sql.length, rights: rights.length, encumbrances: rights.flatMap((r: any) => r.encumbrances).length };
    };
    const small = await run(50);
    const large = await run(500);
    // Every level really ran at both sizes (the showcase spouse's mortgage is among the first 50).
    expect(small.encumbrances).toBeGreaterThan(0);
    expect(large.rights).toBeGreaterThan(small.rights * 3);
    expect(large.sql).toBe(small.sql);
    expect(small.sql).toBe(4); // rights, parcels, divisions, encumbrances
  });

  it('_entities with 5 and 41 AdminDivision (street) representations', async () => {
    const op = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AdminDivision { name parent { name } children { name } boundary } } }`;
    const run = async (n: number) => {
      // Streets only: a batch holding parents too would find them in the loader's cache.
      const reps = STREET_SEEDS.slice(-n).map((d) => ({ __typename: 'AdminDivision', code: d.code }));
      const { result, sql } = await s.recordSql(() => s.query(op, { r: reps }));
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.every((e: any) => e.boundary.type === 'MultiPolygon')).toBe(true);
      return sql.length;
    };
    const small = await run(5);
    const large = await run(STREET_SEEDS.length);
    expect(large).toBe(small);
    expect(small).toBe(4); // divisions, parents, children, boundaries
  });
});

/**
 * A block of extra parcels, each with a right and a mortgage, registered in a street the
 * test world left empty: enough rows for the 500 cap and for a 50-vs-500 list, which the
 * 600-person world (15 parcels) cannot give. Removed again after the block.
 */
describe('parcelsNear over a crowded block', () => {
  const BLOCK = 520;
  let street: string;
  let centre: [number, number];

  beforeAll(async () => {
    const used = new Set(world.parcels.map((p) => p.streetCode));
    const rings = divisionBoundaries();
    street = STREET_SEEDS.map((x) => x.code)
      .filter((c) => !used.has(c))
      .sort((a, b) => signedArea(rings.get(b)!) - signedArea(rings.get(a)!))[0];
    const { centres, cellMetres } = layoutCells(rings.get(street)!, BLOCK);
    centre = centres[0];
    const code = (i: number) => `${street}999GB${String(i + 1).padStart(5, '0')}`;
    const cert = (i: number) => `苏(2026)南京市不动产权第9${String(i).padStart(6, '0')}号`;
    await knex()('ZD_ZDJBXX').insert(
      centres.map((c, i) => ({ ZDDM: code(i), XZQHDM: street, TDYT: '0701', ZDMJ: '900.00', GEOM: multiPolygonEwkt(roundRing(rectangle(c, 900, i, cellMetres * 0.85))), GXSJ: '2026-01-01T00:00:00Z' })),
    );
    await knex()('BDC_QL').insert(
      centres.map((_, i) => ({ BDCQZH: cert(i), ZDDM: code(i), QLRLX: '1', QLRZJHM: world.persons[i].idNumber, QLRMC: world.persons[i].name, DJSJ: '2026-01-02', GXSJ: '2026-01-02T00:00:00Z' })),
    );
    await knex()('BDC_TXQL').insert(
      centres.map((_, i) => ({ ID: 900_000 + i, BDCQZH: cert(i), TXQLLX: '1', TXQLR: '测试银行', DJSJ: '2026-01-03', JE: '10.00', WH: `测试${i}` })),
    );
  });

  afterAll(async () => {
    await knex()('BDC_TXQL').where('ID', '>=', 900_000).del();
    await knex()('BDC_QL').where('BDCQZH', 'like', '苏(2026)南京市不动产权第9%').del();
    await knex()('ZD_ZDJBXX').where('ZDDM', 'like', `${street}999GB%`).del();
  });

  const op = `query($lng: Float!, $lat: Float!, $r: Float!) { parcelsNear(lng: $lng, lat: $lat, radiusMeters: $r) {
    code rights { holder { __typename } encumbrances { kind } } } }`;

  async function near(radius: number) {
    const { result, sql } = await s.recordSql(() => s.query(op, { lng: centre[0], lat: centre[1], r: radius }));
    expect(result.errors).toBeUndefined();
    return { parcels: result.data!.parcelsNear as any[], sql: sql.length };
  }

  it('caps the answer at 500 parcels, the nearest ones', async () => {
    const { parcels } = await near(20_000);
    expect(parcels).toHaveLength(MAX_NEAR_PARCELS);
    const dist = await knex().raw(
      `select "ZDDM" as code, ST_Distance("GEOM"::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as d from "ZD_ZDJBXX"`,
      [centre[0], centre[1]],
    );
    const d = new Map<string, number>(dist.rows.map((x: any) => [x.code, x.d]));
    const served = new Set(parcels.map((p) => p.code));
    const farthestServed = Math.max(...[...served].map((c) => d.get(c)!));
    const nearestLeftOut = Math.min(...[...d].filter(([c, v]) => !served.has(c) && v <= 20_000).map(([, v]) => v));
    expect(farthestServed).toBeLessThanOrEqual(nearestLeftOut);
  });

  it('costs the same statements for 50 and for 500 parcels with their rights and encumbrances', async () => {
    const small = await near(1_000);
    const large = await near(20_000);
    expect(small.parcels.length).toBeGreaterThanOrEqual(50);
    expect(small.parcels.length).toBeLessThan(200);
    expect(large.parcels).toHaveLength(500);
    for (const run of [small, large]) {
      expect(run.parcels.every((p) => p.rights.length === 1 && p.rights[0].holder.__typename === 'Person' && p.rights[0].encumbrances[0].kind === '抵押')).toBe(true);
    }
    expect(large.sql).toBe(small.sql);
    expect(small.sql).toBe(3); // parcels, rights, encumbrances
  });
});

describe('legacy database lifecycle', () => {
  it('migrates idempotently, drops, and re-seeds with progress', async () => {
    const { db } = s.database;
    const legacy = geospatial.legacyDb;
    await legacy.migrate(db); // tables exist: a no-op, not an error
    expect(await legacy.isSeeded(db)).toBe(true);
    await legacy.drop(db);
    expect(await legacy.isSeeded(db)).toBe(false);
    await legacy.migrate(db);
    expect(await legacy.isSeeded(db)).toBe(false);
    const ticks: Array<[number, number]> = [];
    await legacy.seed(db, world, { tick: (done, total) => ticks.push([done, total]) });
    expect(await legacy.isSeeded(db)).toBe(true);
    const total = ALL_DIVISIONS.length + world.parcels.length + world.rights.length + world.encumbrances.length;
    expect(ticks[ticks.length - 1]).toEqual([total, total]);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i][0]).toBeGreaterThan(ticks[i - 1][0]);
    const res = await s.query(`{ parcel(code: "${SHOWCASE.headParcel}") { rights { encumbrances { kind } } } }`);
    expect(res.data!.parcel.rights[0].encumbrances).toEqual([{ kind: '查封' }]);
  });
});
