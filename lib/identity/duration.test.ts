import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30m', 1800],
    ['1h', 3600],
    ['3600s', 3600],
    ['2d', 172_800],
    [' 45s ', 45],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '1', '1x', '-1h', '1.5h', 'h', '1 h', '0s', '31d', '1h30m'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow();
  });
});
