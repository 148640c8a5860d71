import { generateWorld, SHOWCASE } from '../../../lib/synthetic';
import { ajbjRows, hjxxRow, jbxxRow } from './rows';

const world = generateWorld({ persons: 50 });
const head = world.persons.find((p) => p.idNumber === SHOWCASE.head)!;
const child = world.persons.find((p) => p.idNumber === SHOWCASE.child)!;

describe('legacy rows from the World', () => {
  it('maps a person to RK_JBXX with codes, Beijing time and the death flag', () => {
    expect(jbxxRow(head)).toEqual({
      GMSFHM: SHOWCASE.head,
      XM: '李建国',
      XB: '1',
      CSRQ: '1980-01-01',
      MZ: '01',
      HJDZ: '江苏省南京市玄武区龙蟠路88号3幢502室',
      HJXZQH: '320102',
      LXDH: '13805170001',
      HYZK: '20',
      HH: SHOWCASE.householdNumber,
      YHZGX: '02',
      SWBS: '0',
      GXSJ: '2025-11-03 17:12:00.000',
    });
    expect(jbxxRow({ ...head, deceased: true }).SWBS).toBe('1');
  });

  it('stores an absent phone as NULL, not an empty string', () => {
    expect(child.phone).toBe('');
    expect(jbxxRow(child).LXDH).toBeNull();
  });

  it('maps a household to RK_HJXX', () => {
    const h = world.households.find((x) => x.number === SHOWCASE.householdNumber)!;
    expect(hjxxRow(h, '2025-01-01T00:00:00.000Z')).toEqual({
      HH: SHOWCASE.householdNumber,
      HZSFHM: SHOWCASE.head,
      HJDZ: '江苏省南京市玄武区龙蟠路88号3幢502室',
      HJXZQH: '320102',
      GXSJ: '2025-01-01 08:00:00.000',
    });
  });

  it('writes one RK_AJBJ row per case flag', () => {
    expect(ajbjRows(head)).toEqual([]);
    expect(ajbjRows({ ...head, caseFlags: ['QK', 'SD'] })).toEqual([
      { GMSFHM: SHOWCASE.head, BJLX: 'QK', DJSJ: '2025-11-03 17:12:00.000' },
      { GMSFHM: SHOWCASE.head, BJLX: 'SD', DJSJ: '2025-11-03 17:12:00.000' },
    ]);
  });
});
