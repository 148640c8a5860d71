/**
 * The README, held to what it says: its error table is generated from the registry, and the
 * five-minute tour's examples — taken verbatim from README.md — answer what the tour says they
 * answer, through the gateway, as the GraphiQL user of `npm start` (the 玄武区 caseworker with
 * purpose dibao-verification and grant G-DEMO-0001) unless the tour says otherwise.
 */
import { errorTableMarkdown } from '../lib/errorTable';
import { SHOWCASE } from '../lib/synthetic';
import type { Requester } from '../lib/identity';
import { parseTokenOptions } from '../cli/commands/token';
import { applicationApprove, applicationShow, applicationSubmit } from '../cli/commands/workflow';
import { startTestStack, TestStack } from './support/stack';
import { testWorld } from './support/databases';
import { codes, GraphQLResponse } from './support/http';
import { cliOptions, fencedBlock, inlineExample, README } from './support/readme';

/** The identity a README `npx govgraph token …` command makes (as the CLI parses it). */
function tokenOf(start: string): Requester {
  const parsed = parseTokenOptions(cliOptions(start) as unknown as Parameters<typeof parseTokenOptions>[0]);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const { user, dept, division, roles, citizen } = parsed.value;
  return { user, dept, division, roles, ...(citizen ? { citizen } : {}) };
}

/** The GraphQL document in the README's `-d '{"query":"…"}'` of the curl command that contains `marker`. */
function curlQuery(marker: string): string {
  const body = /-d '(\{.*\})'/.exec(fencedBlock(marker))?.[1];
  if (!body) throw new Error(`README's curl with ${marker} has no -d body`);
  return (JSON.parse(body) as { query: string }).query;
}

/** The GraphiQL user of `npm start` (cli/commands/start.ts): a 玄武区 civil-affairs caseworker. */
const PEOPLE_CASEWORKER: Requester = { user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'] };

/** The reasons of every FORBIDDEN error, in order. */
const reasons = (res: GraphQLResponse) => (res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => String(e.extensions!.reason));

/** Runs a CLI command function and returns what it printed. */
async function printed(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  if (process.exitCode) {
    process.exitCode = 0;
    throw new Error(`the command failed: ${chunks.join('')}`);
  }
  return chunks.join('');
}

it('README error table matches lib/errors.ts (regenerate with `npx govgraph errors`)', () => {
  const table = README.split('<!-- errors:start -->')[1]?.split('<!-- errors:end -->')[0]?.trim();
  expect(table).toBe(errorTableMarkdown());
});

describe(`the five-minute tour, as written (${process.env.GOVGRAPH_PG_URL ? 'PostgreSQL + PostGIS' : 'PGlite'})`, () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  }, 300_000); // seeding four embedded databases on a busy 2-core machine
  afterAll(async () => {
    await stack?.stop();
  });

  /** The tour's curl for 李建国, as the README sends it. */
  const CURL = () => curlQuery('x-grant-id: G-DEMO-0001');
  const DIBAO = { purpose: 'dibao-verification', grantId: 'G-DEMO-0001' };

  describe('the flagship query and the curl', () => {
    it('answers the household as the README abridges it', async () => {
      const res = await stack.query(fencedBlock('query DibaoHousehold'));
      expect(res.errors).toBeUndefined();
      const members: any[] = res.data!.person.household.members;
      const byName = Object.fromEntries(members.map((m) => [m.person.name, m]));
      expect(res.data!.person.name).toBe('李建国');
      expect(Object.keys(byName).sort()).toEqual(['李建国', '李明轩', '王秀英'].sort());
      expect(byName['李建国'].relationToHead).toBe('户主');
      expect(byName['李建国'].person.legalRepresentativeOf.map((c: any) => c.name)).toContain('南京玄武示范科技有限公司');
      expect(byName['李建国'].person.shareholdings.map((h: any) => h.company.name)).toContain('南京钟山示范贸易有限公司');
      expect(byName['李建国'].person.realEstateRights).toEqual([
        { certificateNo: SHOWCASE.headCertificate, parcel: { code: SHOWCASE.headParcel, division: { name: '锁金村街道' } }, encumbrances: [{ kind: '查封' }] },
      ]);
      expect(byName['王秀英'].relationToHead).toBe('配偶');
      expect(byName['王秀英'].person.realEstateRights).toEqual([
        { certificateNo: SHOWCASE.spouseCertificate, parcel: { code: SHOWCASE.spouseParcel, division: { name: '新街口街道' } }, encumbrances: [{ kind: '抵押' }] },
      ]);
      expect(byName['李明轩'].relationToHead).toBe('子');
      expect(byName['李明轩'].person.realEstateRights).toEqual([]);
      expect(byName['李明轩'].person.legalRepresentativeOf).toEqual([]);
      expect(byName['李明轩'].person.shareholdings).toEqual([]);
      // Social insurance (人社): the head through his company, the spouse as a resident, the child none.
      const employee = { status: '参保缴费', employer: { name: '南京玄武示范科技有限公司' }, monthlyContributionBase: '6800.00', paidMonths: 262, lastPaidMonth: '2025-12' };
      expect(byName['李建国'].person.socialInsurance).toEqual(['城镇职工基本养老保险', '失业保险', '职工基本医疗保险'].map((insuranceType) => ({ insuranceType, ...employee })));
      expect(byName['王秀英'].person.socialInsurance).toEqual([
        { insuranceType: '城乡居民基本养老保险', status: '参保缴费', employer: null, monthlyContributionBase: null, paidMonths: 132, lastPaidMonth: '2025-12' },
      ]);
      expect(byName['李明轩'].person.socialInsurance).toEqual([]);
      // …as the answer's text says.
      for (const claim of ['城镇职工基本养老保险, 失业保险 and 职工基本医疗保险', '`6800.00` 元 a month, 262 months paid, the last `2025-12`', '城乡居民基本养老保险', '132 months']) {
        expect(README.replace(/\s+/g, ' ')).toContain(claim);
      }
    });

    it('the curl: phone and address masked, caseFlags NOT_SHARED', async () => {
      const res = await stack.queryAs(tokenOf('npx govgraph token --dept\ncivil-affairs'), DIBAO, CURL());
      expect(res.data!.person).toEqual({ name: '李建国', phone: '138****0001', registeredAddress: '江苏省南京市玄武区****', caseFlags: null });
      expect(reasons(res)).toEqual(['NOT_SHARED']);
    });
  });

  describe('Things to try next', () => {
    it('Take the grant away: name and companies come, every conditional field is GRANT_REQUIRED', async () => {
      const res = await stack.queryAs(PEOPLE_CASEWORKER, { purpose: DIBAO.purpose }, `{ ${inlineExample('person(idNumber: "320102198001011238") { name legalRepresentativeOf')} }`);
      expect(res.data!.person).toMatchObject({ name: '李建国', legalRepresentativeOf: [{ name: '南京玄武示范科技有限公司' }], phone: null, household: null, shareholdings: null, realEstateRights: null });
      expect(reasons(res).sort()).toEqual(['GRANT_REQUIRED', 'GRANT_REQUIRED', 'GRANT_REQUIRED', 'GRANT_REQUIRED']);
    });

    it('… drop X-Purpose too: his personal data is PURPOSE_REQUIRED, non-personal data still flows', async () => {
      const personal = await stack.queryAs(PEOPLE_CASEWORKER, {}, `{ ${inlineExample('person(idNumber: "320102198001011238") { name legalRepresentativeOf')} }`);
      expect(reasons(personal)).toContain('PURPOSE_REQUIRED');
      expect(personal.data?.person?.name ?? null).toBeNull();
      const open = await stack.queryAs(PEOPLE_CASEWORKER, {}, `{ ${inlineExample('division(code: "320102") { name }')} }`);
      expect(open.errors).toBeUndefined();
      expect(open.data).toEqual({
        division: { name: '玄武区' },
        legalPerson: { name: '南京玄武示范科技有限公司', status: expect.any(String) },
        parcel: { landUse: '城镇住宅用地', area: expect.any(Number) },
      });
    });

    it('Cross a border: a 江宁区 tax officer asking for 李建国 gets OUT_OF_JURISDICTION', async () => {
      const res = await stack.queryAs(tokenOf('npx govgraph token --dept tax --user t1'), { purpose: 'tax-audit' }, CURL());
      expect(reasons(res)).toContain('OUT_OF_JURISDICTION');
      expect(res.data?.person?.phone ?? null).toBeNull();
      expect(res.data?.person?.name ?? null).toBeNull();
    });

    it('Bad input: a wrong check digit, a malformed USCC and a division code that is not served are BAD_USER_INPUT', async () => {
      for (const example of ['person(idNumber: "320102198001011239")', 'legalPerson(uscc: "91320102MA1XK7Q37X")', 'division(code: "320199")']) {
        expect(README).toContain(example);
        const res = await stack.query(`{ ${example} { __typename } }`);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('Companies: 存续 companies of 玄武区, five to a page, with a cursor', async () => {
      const res = await stack.query(`{ ${inlineExample('legalPersons(divisionCode: "320102"')} }`);
      expect(res.errors).toBeUndefined();
      const page = res.data!.legalPersons;
      expect(page.totalCount).toBeGreaterThan(0);
      expect(page.edges.length).toBe(Math.min(5, page.totalCount));
      expect(page.pageInfo.endCursor).toEqual(expect.any(String));
    });
  });

  describe('Who read my data? — the citizen portal for 王秀英', () => {
    it("shows her the household query's reads of her data, to the caseworker, and nothing about her husband", async () => {
      const citizen = tokenOf('npx govgraph token --dept citizen-portal');
      expect(citizen.citizen).toBe(SHOWCASE.spouse);
      const res = await stack.queryAs(citizen, {}, curlQuery('accessHistory(idNumber:'));
      expect(res.errors).toBeUndefined();
      const records: any[] = res.data!.accessHistory;
      const reads = records.filter((r) => r.department === 'civil-affairs' && r.user === PEOPLE_CASEWORKER.user);
      expect(reads.length).toBeGreaterThan(0);
      const disclosed = reads.flatMap((r) => r.reads.flatMap((x: any) => x.fields.map((f: string) => `${f} → ${x.decision}`)));
      for (const claim of README.split('**Who read my data?**')[1].split('**Apply for conditional data.**')[0].matchAll(/`([A-Za-z]+\.[a-zA-Z]+)` → `([^`]+)`/g)) {
        expect(disclosed).toContain(`${claim[1]} → ${claim[2]}`);
      }
      const subjects = await stack.queryAs(citizen, {}, `{ accessHistory(idNumber: "${SHOWCASE.spouse}") { reads { subjects } } }`);
      expect(new Set(subjects.data!.accessHistory.flatMap((r: any) => r.reads.flatMap((x: any) => x.subjects)))).toEqual(new Set([SHOWCASE.spouse]));
      const other = await stack.queryAs(citizen, {}, `{ accessHistory(idNumber: "${SHOWCASE.head}") { at } }`);
      expect(reasons(other)).toEqual(['ROLE_REQUIRED']);
    });
  });

  describe('Apply for conditional data — the tax office and 毛倩莹', () => {
    const resident = testWorld().persons.find((p) => p.idNumber === '320115195807030305')!;
    const curl = () => curlQuery('x-purpose: tax-audit');
    const TAX = () => tokenOf('npx govgraph token --dept tax --user sw-jn-0101');
    const cli = async (who: Requester) => ({ url: `${stack.gatewayUrl}/graphql`, token: await stack.security.token(who) });

    it('names a 江宁区 resident of the seeded world who has a phone', () => {
      expect(README).toContain(resident.idNumber);
      expect(README).toContain(resident.name);
      expect(README).toContain(resident.phone);
      expect(resident).toMatchObject({ divisionCode: '320115', deceased: false, householdNumber: '320115010001' });
      expect(curl()).toContain(resident.idNumber);
    });

    let grantId = '';

    it('before approval: name, masked address, phone GRANT_REQUIRED; then submit, two approvals, a grant', async () => {
      const before = await stack.queryAs(TAX(), { purpose: 'tax-audit' }, curl());
      expect(before.data!.person).toEqual({ name: resident.name, registeredAddress: '江苏省南京市江宁区****', phone: null });
      expect(reasons(before)).toEqual(['GRANT_REQUIRED']);

      const submit = cliOptions('npx govgraph application submit');
      const submitted = await printed(async () =>
        applicationSubmit({ ...(await cli(TAX())), fields: submit.fields, unmasked: submit.unmasked, purpose: submit.purpose, justification: submit.justification }),
      );
      const applicationId = /^(A-\d{4}-\d{6})\s+PENDING/.exec(submitted)![1];
      await printed(async () => applicationApprove(applicationId, await cli(tokenOf('npx govgraph token --dept public-security --user ga-aq-01'))));
      const narrowed = cliOptions('npx govgraph application approve A-2026-000001 --fields');
      await printed(async () =>
        applicationApprove(applicationId, { ...(await cli(tokenOf('npx govgraph token --dept natural-resources --user zr-aq-01'))), fields: narrowed.fields, validUntil: narrowed.validUntil }),
      );
      const shown = await printed(async () => applicationShow(applicationId, await cli(TAX())));
      expect(shown).toMatch(/^A-\d{4}-\d{6}\s+APPROVED/);
      grantId = /grant:\s+(G-\d{4}-\d{6})/.exec(shown)![1];
    });

    it('after approval, with X-Grant-Id, her phone arrives unmasked', async () => {
      const after = await stack.queryAs(TAX(), { purpose: 'tax-audit', grantId }, curl());
      expect(after.errors).toBeUndefined();
      expect(after.data!.person.phone).toBe(resident.phone);
    });

    it('the tax office gives the grant up: GRANT_EXPIRED', async () => {
      const res = await stack.queryAs(TAX(), {}, `mutation { revokeGrant(id: "${grantId}", reason: "核查完毕") { active } }`);
      expect(res.data!.revokeGrant.active).toBe(false);
      let last: GraphQLResponse | undefined;
      for (let i = 0; i < 40 && !reasons(last ?? ({} as GraphQLResponse)).includes('GRANT_EXPIRED'); i++) {
        if (i) await new Promise((r) => setTimeout(r, 100));
        last = await stack.queryAs(TAX(), { purpose: 'tax-audit', grantId }, curl());
      }
      expect(reasons(last!)).toEqual(['GRANT_EXPIRED']);
      expect(last!.data!.person.phone).toBeNull();
    });
  });

  describe('The catalog and a data-quality report', () => {
    it("lists public security's conditional items, and routes the caseworker's report on 李建国's address to public security", async () => {
      const catalog = await stack.query(`{ ${inlineExample('catalog(provider: "public-security"')} }`);
      expect(catalog.errors).toBeUndefined();
      expect(catalog.data!.catalog.map((e: any) => e.path)).toContain('Person.phone');
      const report = await stack.query(`mutation { ${inlineExample('reportDataIssue(path:')} }`);
      expect(report.errors).toBeUndefined();
      expect(report.data!.reportDataIssue).toMatchObject({ provider: 'public-security', status: 'OPEN' });
    });
  });

  describe('Space', () => {
    it('divisionAt at the example point is 锁金村街道 in 玄武区', async () => {
      const res = await stack.query(`{ ${inlineExample('divisionAt(')} }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.divisionAt).toEqual({ name: '锁金村街道', parent: { name: '玄武区' } });
    });

    // The test world is smaller than npm start's, so it has fewer neighbours; the demo world's
    // answer is checked in test/db/geospatial.test.ts.
    it("parcelsNear lists parcels, nearest first: 李建国's parcel with his certificate first", async () => {
      const res = await stack.query(`{ ${inlineExample('parcelsNear(')} }`);
      expect(res.errors).toBeUndefined();
      const parcels: Array<{ code: string; landUse: string; area: number; rights: Array<{ certificateNo: string }> }> = res.data!.parcelsNear;
      expect(parcels.length).toBeGreaterThan(0);
      expect(parcels[0]).toMatchObject({ code: SHOWCASE.headParcel, landUse: '城镇住宅用地', rights: [{ certificateNo: SHOWCASE.headCertificate }] });
      // The neighbours lie in 红山街道 (320102006), as the tour says.
      for (const p of parcels.slice(1)) expect(p.code.startsWith('320102006')).toBe(true);
      expect(codes(res)).toEqual([]);
    });
  });
});
