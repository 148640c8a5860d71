import { monthOf, yuanFromFen } from './money';

it.each([
  [680_000, '6800.00'],
  [449_400, '4494.00'],
  [2_404_201, '24042.01'],
  [5, '0.05'],
  [0, '0.00'],
  [-5, '-0.05'],
  [-123_456, '-1234.56'],
])('writes %i 分 as %s 元, exactly', (fen, yuan) => {
  expect(yuanFromFen(fen)).toBe(yuan);
});

it('refuses an amount that is not a whole number of 分', () => {
  expect(() => yuanFromFen(1.5)).toThrow(RangeError);
  expect(() => yuanFromFen(Number.NaN)).toThrow(RangeError);
});

it('writes YYYYMM as YYYY-MM and refuses anything else', () => {
  expect(monthOf('202512')).toBe('2025-12');
  expect(monthOf('200301')).toBe('2003-01');
  for (const bad of ['202513', '202500', '2025-12', '20251', '']) expect(() => monthOf(bad)).toThrow(RangeError);
});
