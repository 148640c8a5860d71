/**
 * The physical limit (issue 13): the answers of the benchmark workloads from hand-written SQL
 * in one small Node HTTP server — a measurement device, not product code.
 *
 * WHAT IT DOES. One endpoint per workload (`POST /person1`, `/persons500`, `/flagship`,
 * `/legalPersons500`, `/parcelsNear100`), each taking the very body the GraphQL workload sends
 * (`{ query, variables }`; only `variables` is read) and answering `{"data": …}` whose `data` is
 * byte for byte what govgraph's gateway returns to the demo caller (the 玄武区 civil-affairs
 * caseworker, purpose dibao-verification, grant G-DEMO-0001): the same rows in the same order,
 * the same masking (lib/policy/mask.ts's `applyMask`, with the rule the demo policy gives each
 * field), the same legacy-value conversions (the departments' own helpers: genderOf,
 * fromLegacyTimestamp, yuanFromFen, monthOf). test/limit.test.ts proves the identity.
 * Every request runs its SQL against the departments' own legacy databases, with the
 * parameters of the request — nothing is cached — over the same drivers (knex over pg and
 * mysql2, lib/db's connectServer, pools of 10 as each subgraph has). The statements per
 * request: person1 2, persons500 2, flagship 6, legalPersons500 1, parcelsNear100 2.
 * Independent statements run concurrently; the answer is serialised compactly.
 *
 * WHAT IT DOES NOT DO — so the ratio govgraph/limit reads as the price of all of these:
 * no GraphQL (no parsing, validation, planning or execution: the response shape is code);
 * no token or per-call credential signed or verified; no policy decision — the demo caller's
 * decisions are constants here (which fields are shared and which mask applies), including
 * jurisdiction, which is not checked (every seeded person lives in 南京市, the grant's
 * jurisdiction, so govgraph withholds no row of these workloads either); no sealing of
 * foreign keys (legalPersons500's representative is masked directly); no access log (no
 * record written or waited for); no rate limits, no argument validation, no error masking, no
 * metrics or request logging; one process instead of a gateway and five subgraphs, so no
 * HTTP hop between them. It answers these five requests only.
 */
import http from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { connectServer, type Database } from '../../lib/db';
import type { BenchDatabases } from '../federation';
import { applyMask } from '../../lib/policy/mask';
import { RELATION_TO_HEAD } from '../../lib/synthetic';
import { genderOf } from '../../subgraphs/population/gender';
import { fromLegacyTimestamp, LEGACY_TIMESTAMP_FORMAT } from '../../subgraphs/population/legacyTime';
import { monthOf, yuanFromFen } from '../../subgraphs/social-security/money';
import { HOLDER_KIND_CODE } from '../../subgraphs/geospatial/holderKind';
import { GDLX_CODES } from '../../subgraphs/legal-person/legacy-db/tables';

/** The department databases by subgraph name (`population`, `legal-person`, `geospatial`, `social-security`). */
export type LimitDatabases = ReadonlyMap<string, Database>;

type Row = Record<string, any>;
type Vars = Record<string, any>;
type Scenario = (dbs: Departments, variables: Vars) => Promise<unknown>;

interface Departments {
  population: Knex;
  legalPerson: Knex;
  geospatial: Knex;
  socialSecurity: Knex;
}

/** CHAR(n) comes back space-padded from PostgreSQL and legacy rows hold '' for "unknown": both mean null, as in the subgraphs. */
function clean(v: string | null | undefined): string | null {
  const t = v == null ? '' : String(v).trim();
  return t === '' ? null : t;
}

// ---- population (PostgreSQL) -------------------------------------------------------------

/** The ten Person scalars of person1 and persons500, their code names joined, and the 户号 if RK_HJXX has it. */
function selectPersons(k: Knex): Knex.QueryBuilder {
  return k({ p: 'RK_JBXX' })
    .leftJoin({ mz: 'DM_MZ' }, 'mz.DM', 'p.MZ')
    .leftJoin({ hy: 'DM_HYZK' }, 'hy.DM', 'p.HYZK')
    .leftJoin({ h: 'RK_HJXX' }, 'h.HH', 'p.HH')
    .select({ id: 'p.GMSFHM', name: 'p.XM', xb: 'p.XB', birthDate: 'p.CSRQ', address: 'p.HJDZ', division: 'p.HJXZQH', phone: 'p.LXDH', swbs: 'p.SWBS', household: 'h.HH' })
    .select(k.raw('coalesce(??, ??) as ??', ['mz.MC', 'p.MZ', 'ethnicity']), k.raw('coalesce(??, ??) as ??', ['hy.MC', 'p.HYZK', 'marital']))
    .select(k.raw('to_char(??, ?) as ??', ['p.GXSJ', LEGACY_TIMESTAMP_FORMAT, 'updatedAt']));
}

/** Division names by code (geospatial XZQH): residenceDivision { name }. */
async function divisionNames(k: Knex, codes: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (!wanted.length) return new Map();
  const rows: Row[] = await k('XZQH').select({ code: 'XZQHDM', name: 'XZQHMC' }).whereIn('XZQHDM', wanted);
  return new Map(rows.map((r) => [clean(r.code)!, r.name]));
}

/** A Person as the workloads select it, keys in selection order; registeredAddress and phone masked (the demo policy's `address` and `phone`). */
function personOf(r: Row, names: Map<string, string>, withHousehold: boolean): Row {
  const division = clean(r.division);
  const out: Row = {
    idNumber: clean(r.id),
    name: clean(r.name),
    gender: genderOf(r.xb),
    birthDate: r.birthDate,
    ethnicity: clean(r.ethnicity),
    registeredAddress: applyMask('address', clean(r.address)),
    phone: applyMask('phone', clean(r.phone)),
    maritalStatus: clean(r.marital),
    deceased: String(r.swbs).trim() === '1',
    updatedAt: fromLegacyTimestamp(r.updatedAt),
    residenceDivision: division && names.has(division) ? { name: names.get(division) } : null,
  };
  if (withHousehold) out.household = clean(r.household) ? { number: clean(r.household) } : null;
  return out;
}

const person1: Scenario = async (d, v) => {
  const [row] = await selectPersons(d.population).where('p.GMSFHM', v.id);
  if (!row) return { person: null };
  return { person: personOf(row, await divisionNames(d.geospatial, [clean(row.division)]), false) };
};

const persons500: Scenario = async (d, v) => {
  const ids: string[] = v.ids;
  const rows: Row[] = await selectPersons(d.population).whereIn('p.GMSFHM', ids);
  const names = await divisionNames(d.geospatial, rows.map((r) => clean(r.division)));
  const byId = new Map(rows.map((r) => [clean(r.id)!, r]));
  // In the order asked, null for a number the register does not hold.
  return { persons: ids.map((id) => (byId.has(id) ? personOf(byId.get(id)!, names, true) : null)) };
};

// ---- legal-person (MySQL) ----------------------------------------------------------------

const legalPersons500: Scenario = async (d, v) => {
  const rows: Row[] = await d
    .legalPerson({ J: 'QY_JBXX' })
    .leftJoin({ Z: 'DM_DJZT' }, 'Z.DM', 'J.DJZT')
    .select({ name: 'J.QYMC', rep: 'J.FDDBR_SFZH' })
    .select(d.legalPerson.raw('coalesce(??, ??) as ??', ['Z.MC', 'J.DJZT', 'status']))
    .orderBy('J.TYSHXYDM')
    .limit(v.first);
  // The representative's 身份号码 leaves govgraph sealed and is shown masked (`idNumber`): here, masked directly.
  return { legalPersons: { edges: rows.map((r) => ({ node: { name: r.name, status: r.status, legalRepresentative: r.rep ? { idNumber: applyMask('idNumber', clean(r.rep)) } : null } })) } };
};

// ---- flagship: four departments --------------------------------------------------------

/** Groups rows by a key, keeping their order. */
function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const flagship: Scenario = async (d, v) => {
  // 1. The person, their household and its members in Household.members order (head first, then relation code, birth date, 身份号码).
  const rows: Row[] = await d
    .population({ p: 'RK_JBXX' })
    .leftJoin({ h: 'RK_HJXX' }, 'h.HH', 'p.HH')
    .leftJoin({ m: 'RK_JBXX' }, 'm.HH', 'h.HH')
    .leftJoin({ gx: 'DM_YHZGX' }, 'gx.DM', 'm.YHZGX')
    .select({ name: 'p.XM', household: 'h.HH', memberId: 'm.GMSFHM', memberName: 'm.XM' })
    .select(d.population.raw('coalesce(??, ??) as ??', ['gx.MC', 'm.YHZGX', 'relation']))
    .where('p.GMSFHM', v.id)
    .orderByRaw('CASE WHEN ?? = ?? THEN 0 ELSE 1 END', ['m.GMSFHM', 'h.HZSFHM'])
    .orderBy([{ column: 'm.YHZGX' }, { column: 'm.CSRQ' }, { column: 'm.GMSFHM' }]);
  if (!rows.length) return { person: null };
  if (!rows[0].household) return { person: { name: clean(rows[0].name), household: null } };
  const members = rows.filter((r) => r.memberId).map((r) => ({ id: clean(r.memberId)!, name: clean(r.memberName), relation: clean(r.relation) ?? RELATION_TO_HEAD['99'] }));
  const ids = members.map((m) => m.id);

  // 2–5. What the other three departments hold on the members, concurrently.
  const [represented, holdings, rights, enrolments] = await Promise.all([
    // 2. Companies they represent (legalRepresentativeOf, by 统一社会信用代码).
    d
      .legalPerson({ J: 'QY_JBXX' })
      .leftJoin({ Z: 'DM_DJZT' }, 'Z.DM', 'J.DJZT')
      .select({ rep: 'J.FDDBR_SFZH', name: 'J.QYMC' })
      .select(d.legalPerson.raw('coalesce(??, ??) as ??', ['Z.MC', 'J.DJZT', 'status']))
      .whereIn('J.FDDBR_SFZH', ids)
      .orderBy('J.TYSHXYDM') as Promise<Row[]>,
    // 3. Their shareholdings, with the company's name (QY_GD order).
    d
      .legalPerson({ G: 'QY_GD' })
      .join({ C: 'QY_JBXX' }, 'C.TYSHXYDM', 'G.TYSHXYDM')
      .select({ holder: 'G.GDZJHM', company: 'C.QYMC' })
      .where('G.GDLX', GDLX_CODES.PERSON)
      .whereIn('G.GDZJHM', ids)
      .orderBy('G.ID') as Promise<Row[]>,
    // 4. Their real-estate rights with parcel, street and encumbrances (rights oldest first, then each right's encumbrances oldest first).
    d
      .geospatial({ q: 'BDC_QL' })
      .leftJoin({ z: 'ZD_ZDJBXX' }, 'z.ZDDM', 'q.ZDDM')
      .leftJoin({ x: 'XZQH' }, 'x.XZQHDM', 'z.XZQHDM')
      .leftJoin({ e: 'BDC_TXQL' }, 'e.BDCQZH', 'q.BDCQZH')
      .leftJoin({ t: 'DM_TXQLLX' }, 't.DM', 'e.TXQLLX')
      .select({ holder: 'q.QLRZJHM', certificateNo: 'q.BDCQZH', parcel: 'z.ZDDM', division: 'x.XZQHMC', encumbrance: 'e.ID' })
      .select(d.geospatial.raw('coalesce(??, ??) as ??', ['t.MC', 'e.TXQLLX', 'kind']))
      .where('q.QLRLX', HOLDER_KIND_CODE.PERSON)
      .whereIn('q.QLRZJHM', ids)
      .orderBy(['q.DJSJ', 'q.BDCQZH', 'e.DJSJ', 'e.ID']) as Promise<Row[]>,
    // 5. Their social-insurance enrolments with the last month paid and its base (as the subgraph reads them).
    enrolmentsOf(d.socialSecurity, ids),
  ]);
  // 6. The employers' names (legal-person holds them).
  const usccs = [...new Set(enrolments.map((e) => clean(e.uscc)).filter((u): u is string => u !== null))];
  const employers = new Map<string, string>(
    usccs.length ? (await d.legalPerson('QY_JBXX').select({ uscc: 'TYSHXYDM', name: 'QYMC' }).whereIn('TYSHXYDM', usccs)).map((r: Row) => [clean(r.uscc)!, r.name]) : [],
  );

  const representedBy = groupBy(represented, (r) => clean(r.rep)!);
  const holdingsBy = groupBy(holdings, (r) => clean(r.holder)!);
  const rightsBy = groupBy(rights, (r) => clean(r.holder)!);
  const enrolmentsBy = groupBy(enrolments, (r) => clean(r.id)!);
  return {
    person: {
      name: clean(rows[0].name),
      household: {
        members: members.map((m) => ({
          relationToHead: m.relation,
          person: {
            name: m.name,
            legalRepresentativeOf: (representedBy.get(m.id) ?? []).map((c) => ({ name: c.name, status: c.status })),
            shareholdings: (holdingsBy.get(m.id) ?? []).map((s) => ({ company: { name: s.company } })),
            realEstateRights: [...groupBy(rightsBy.get(m.id) ?? [], (r) => r.certificateNo).values()].map((right) => ({
              certificateNo: right[0].certificateNo,
              parcel: right[0].parcel ? { code: clean(right[0].parcel), division: { name: right[0].division } } : null,
              encumbrances: right.filter((e) => e.encumbrance !== null).map((e) => ({ kind: e.kind })),
            })),
            socialInsurance: (enrolmentsBy.get(m.id) ?? []).map((e) => {
              const uscc = clean(e.uscc);
              return {
                insuranceType: clean(e.insuranceType),
                status: clean(e.status),
                employer: uscc && employers.has(uscc) ? { name: employers.get(uscc) } : null,
                monthlyContributionBase: e.base === null ? null : yuanFromFen(Number(e.base)),
                paidMonths: Number(e.paidMonths ?? 0),
                lastPaidMonth: clean(e.lastMonth) === null ? null : monthOf(clean(e.lastMonth)!),
              };
            }),
          },
        })),
      },
    },
  };
};

/** SB_GRCBXX of these persons with code names, the unit's code and the last SB_JFMX month and base — one statement. */
function enrolmentsOf(k: Knex, ids: string[]): Promise<Row[]> {
  const last = k('SB_JFMX').select('GMSFHM', 'XZLX').max({ JFNY: 'JFNY' }).whereIn('GMSFHM', ids).groupBy('GMSFHM', 'XZLX').as('L');
  return k({ G: 'SB_GRCBXX' })
    .leftJoin({ X: 'DM_XZLX' }, 'X.DM', 'G.XZLX')
    .leftJoin({ Z: 'DM_CBZT' }, 'Z.DM', 'G.CBZT')
    .leftJoin({ D: 'SB_DWXX' }, 'D.DWBH', 'G.DWBH')
    .leftJoin(last, function lastMonth() {
      this.on('L.GMSFHM', '=', 'G.GMSFHM').andOn('L.XZLX', '=', 'G.XZLX');
    })
    .leftJoin({ M: 'SB_JFMX' }, function lastRow() {
      this.on('M.GMSFHM', '=', 'L.GMSFHM').andOn('M.XZLX', '=', 'L.XZLX').andOn('M.JFNY', '=', 'L.JFNY');
    })
    .select({ id: 'G.GMSFHM', uscc: 'D.TYSHXYDM', paidMonths: 'G.JFYS', lastMonth: 'L.JFNY', base: 'M.JFJS' })
    .select(k.raw('coalesce(??, ??) as ??', ['X.MC', 'G.XZLX', 'insuranceType']), k.raw('coalesce(??, ??) as ??', ['Z.MC', 'G.CBZT', 'status']))
    .whereIn('G.GMSFHM', ids)
    .orderBy([{ column: 'G.GMSFHM' }, { column: 'G.XZLX' }]);
}

// ---- geospatial (PostGIS) ----------------------------------------------------------------

/** Most parcels parcelsNear returns (the subgraph's MAX_NEAR_PARCELS). */
const MAX_NEAR_PARCELS = 500;
const POINT = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography';

const parcelsNear100: Scenario = async (d, v) => {
  const k = d.geospatial;
  // 1. The parcels within the radius, nearest first (the GiST index on "GEOM"::geography), with land use and street.
  const parcels: Row[] = await k({ z: 'ZD_ZDJBXX' })
    .leftJoin({ t: 'DM_TDYT' }, 't.DM', 'z.TDYT')
    .leftJoin({ x: 'XZQH' }, 'x.XZQHDM', 'z.XZQHDM')
    .select({ code: 'z.ZDDM', landUse: 't.MC', division: 'x.XZQHMC' })
    .select(k.raw('z."ZDMJ"::float8 as area'))
    .whereRaw(`ST_DWithin(z."GEOM"::geography, ${POINT}, ?)`, [v.lng, v.lat, v.r])
    .orderByRaw(`ST_Distance(z."GEOM"::geography, ${POINT}), z."ZDDM"`, [v.lng, v.lat])
    .limit(MAX_NEAR_PARCELS);
  // 2. Their rights, oldest first, each with its encumbrances, oldest first.
  const rights: Row[] = parcels.length
    ? await k({ q: 'BDC_QL' })
        .leftJoin({ e: 'BDC_TXQL' }, 'e.BDCQZH', 'q.BDCQZH')
        .leftJoin({ t: 'DM_TXQLLX' }, 't.DM', 'e.TXQLLX')
        .select({ parcel: 'q.ZDDM', certificateNo: 'q.BDCQZH', holderName: 'q.QLRMC', registeredOn: 'q.DJSJ', encumbrance: 'e.ID', amount: 'e.JE' })
        .select(k.raw('coalesce(??, ??) as ??', ['t.MC', 'e.TXQLLX', 'kind']))
        .whereIn('q.ZDDM', parcels.map((p) => p.code))
        .orderBy(['q.DJSJ', 'q.BDCQZH', 'e.DJSJ', 'e.ID'])
    : [];
  const rightsBy = groupBy(rights, (r) => clean(r.parcel)!);
  return {
    parcelsNear: parcels.map((p) => ({
      code: clean(p.code),
      landUse: p.landUse,
      area: p.area,
      division: { name: p.division },
      rights: [...groupBy(rightsBy.get(clean(p.code)!) ?? [], (r) => r.certificateNo).values()].map((right) => ({
        certificateNo: right[0].certificateNo,
        // 权利人名称 is masked to the surname (the demo policy's `name`).
        holderName: applyMask('name', right[0].holderName),
        registeredOn: right[0].registeredOn,
        encumbrances: right.filter((e) => e.encumbrance !== null).map((e) => ({ kind: e.kind, amount: e.amount })),
      })),
    })),
  };
};

// ---- databases -----------------------------------------------------------------------------

/**
 * The limit server's own pools over the bench's seeded databases: on real servers a new pool
 * per department (lib/db's connectServer, 10 connections — the size each subgraph's pool has),
 * so the limit server never waits on govgraph's connections; embedded, the same handles (one
 * PGlite engine has one connection anyway). `close()` ends only the pools opened here.
 */
export function openLimitDatabases(dbs: BenchDatabases): { databases: LimitDatabases; close(): Promise<void> } {
  const own: Database[] = [];
  const databases = new Map<string, Database>();
  for (const [name, t] of dbs.databases) {
    if (t.url) {
      const db = connectServer(t.url);
      own.push(db);
      databases.set(name, db);
    } else databases.set(name, t.db);
  }
  return { databases, close: async () => void (await Promise.all(own.map((db) => db.close()))) };
}

// ---- the server ----------------------------------------------------------------------------

/** The scenarios, by the name of the workload (bench/workloads) they answer. */
export const LIMIT_SCENARIOS: Readonly<Record<string, Scenario>> = { person1, persons500, flagship, legalPersons500, parcelsNear100 };

export interface LimitServer {
  /** `http://127.0.0.1:<port>`; POST `${url}/<workload name>`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Set while the limit server answers a request, so that `npm run bench` counts the SQL
 * statements of its requests apart from background work (bench/backend.ts). It costs the limit
 * nothing it does not already pay there: the backend process runs govgraph's subgraphs, whose
 * request scope (lib/requestContext.ts) has turned on Node's promise hooks for the whole process.
 */
const limitScope = new AsyncLocalStorage<true>();

/** Whether the calling code runs for one of the limit server's requests. */
export const inLimitRequest = (): boolean => limitScope.getStore() === true;

/**
 * Listens on `port` (0: a free one) and answers the workloads from `databases`. The caller
 * owns the databases (opens and closes their pools).
 */
export async function startLimitServer(databases: LimitDatabases, port = 0): Promise<LimitServer> {
  const knexOf = (name: string) => {
    const db = databases.get(name);
    if (!db) throw new Error(`the limit server needs the ${name} database`);
    return db.knex;
  };
  const departments: Departments = {
    population: knexOf('population'),
    legalPerson: knexOf('legal-person'),
    geospatial: knexOf('geospatial'),
    socialSecurity: knexOf('social-security'),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => limitScope.run(true, async () => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      const scenario = req.method === 'POST' ? LIMIT_SCENARIOS[(req.url ?? '').slice(1)] : undefined;
      if (!scenario) return send(404, { errors: [{ message: `POST one of ${Object.keys(LIMIT_SCENARIOS).map((n) => `/${n}`).join(', ')}` }] });
      try {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        send(200, { data: await scenario(departments, variables ?? {}) });
      } catch (err) {
        send(500, { errors: [{ message: err instanceof Error ? err.message : String(err) }] });
      }
    }));
  });
  // Keep-alive (HTTP/1.1's default) across autocannon's runs: idle connections are kept a while.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
