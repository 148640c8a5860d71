import { containsPattern, divisionPrefix, LIKE_ESCAPE } from './filters';
import { isWithinDivision } from '../../lib/ids';

describe('containsPattern', () => {
  it('wraps plain text in %', () => {
    expect(containsPattern('科技')).toBe('%科技%');
  });
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(LIKE_ESCAPE).toBe('!');
    expect(containsPattern('100%_a!b')).toBe('%100!%!_a!!b%');
  });
});

describe('divisionPrefix', () => {
  it.each([
    ['320000', '32'],
    ['320100', '3201'],
    ['320102', '320102'],
    ['320102003', '320102003'],
  ])('%s → %s', (code, prefix) => {
    expect(divisionPrefix(code)).toBe(prefix);
  });

  it('selects exactly what isWithinDivision accepts', () => {
    const codes = ['320102', '320115', '320000', '321002', '110105', '320100'];
    const ancestors = ['320000', '320100', '320102', '110000', '321000'];
    for (const a of ancestors) {
      for (const c of codes) expect([a, c, c.startsWith(divisionPrefix(a))]).toEqual([a, c, isWithinDivision(c, a)]);
    }
  });
});
