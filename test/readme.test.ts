/**
 * The README, held to what it says: its error table is generated from the registry, and the
 * five-minute tour's examples — taken verbatim from README.md — answer what the tour says they
 * answer, through the gateway, as the GraphiQL user of `npm start` (the 玄武区 caseworker with
 * purpose dibao-verification and grant G-DEMO-0001) unless the tour says otherwise.
 */
import { errorTableMarkdown } from '../lib/errorTable';
import { SHOWCASE } from '../lib/synthetic';
import { startTestStack, TestStack } from './support/stack';
import { codes } from './support/http';
import { inlineExample, README } from './support/readme';

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
