import { beijingWallClock, contributionRecord, enrolmentRecord, unitRecord, CONTRIBUTION_CHUNK, ENROLMENT_CHUNK, UNIT_CHUNK } from './seed';
import { contributionsOf, generateWorld, SHOWCASE } from '../../../lib/synthetic';

const world = generateWorld({ persons: 50 });
const head = world.insuranceEnrolments.find((e) => e.idNumber === SHOWCASE.head && e.typeCode === '110')!;

describe('social-security seed records', () => {
  it('store update stamps as Beijing wall-clock text, as the legacy system does', () => {
    expect(beijingWallClock('2025-11-27T18:57:25.000Z')).toBe('2025-11-28 02:57:25');
    expect(unitRecord(world.insuredUnits[0]).GXSJ).toBe(beijingWallClock(world.insuredUnits[0].updatedAt));
  });

  it('map units, enrolments and contributions to their legacy columns, amounts in 分', () => {
    const unit = world.insuredUnits.find((u) => u.uscc === SHOWCASE.company)!;
    expect(unitRecord(unit)).toMatchObject({ DWBH: unit.unitNumber, DWMC: '南京玄武示范科技有限公司', TYSHXYDM: SHOWCASE.company, XZQH: '320102' });
    expect(enrolmentRecord(head)).toMatchObject({ GMSFHM: SHOWCASE.head, XZLX: '110', DWBH: unit.unitNumber, CBRQ: '2003-07-01', CBZT: '1', JFYS: 262 });
    expect(contributionRecord(contributionsOf(head).at(-1)!)).toEqual({ GMSFHM: SHOWCASE.head, XZLX: '110', JFNY: '202512', JFJS: 680_000, GRJF: 54_400, DWJF: 108_800 });
  });

  it('keep every INSERT well below the 65,535 bound-parameter limit', () => {
    expect(UNIT_CHUNK * Object.keys(unitRecord(world.insuredUnits[0])).length).toBeLessThan(65_535 / 4);
    expect(ENROLMENT_CHUNK * Object.keys(enrolmentRecord(head)).length).toBeLessThan(65_535 / 4);
    expect(CONTRIBUTION_CHUNK * Object.keys(contributionRecord(contributionsOf(head)[0])).length).toBeLessThan(65_535 / 4);
  });
});
