import { companyRecord, shareholdingRecord, COMPANY_CHUNK, SHAREHOLDING_CHUNK } from './seed';
import { holderKindOf } from '../db';
import { generateWorld } from '../../../lib/synthetic';

const world = generateWorld({ persons: 50 });

describe('legal-person seed records', () => {
  it('map a company to QY_JBXX columns with GXSJ as a Date of the same instant', () => {
    const c = world.companies[0];
    const r = companyRecord(c);
    expect(r).toMatchObject({ TYSHXYDM: c.uscc, QYMC: c.name, QYLX: c.kindCode, DJZT: c.statusCode, CLRQ: c.establishedOn, ZCZB: c.registeredCapital, FDDBR_SFZH: c.representativeIdNumber, XZQH: c.divisionCode });
    expect(r.GXSJ).toBeInstanceOf(Date);
    expect(r.GXSJ.toISOString()).toBe(c.updatedAt);
  });

  it('code holder kinds as GDLX and read them back unchanged', () => {
    const kinds = new Set(world.shareholdings.map((s) => s.holderKind));
    expect(kinds).toEqual(new Set(['PERSON', 'COMPANY']));
    for (const s of world.shareholdings) {
      const r = shareholdingRecord(s);
      expect(r.GDLX).toBe(s.holderKind === 'PERSON' ? '1' : '2');
      expect(holderKindOf(r.GDLX)).toBe(s.holderKind);
    }
    expect(holderKindOf('3')).toBeNull();
  });

  it('keep every INSERT well below the 65,535 bound-parameter limit', () => {
    expect(COMPANY_CHUNK * Object.keys(companyRecord(world.companies[0])).length).toBeLessThan(65_535 / 4);
    expect(SHAREHOLDING_CHUNK * Object.keys(shareholdingRecord(world.shareholdings[0])).length).toBeLessThan(65_535 / 4);
  });
});
