import { genderOf } from './gender';

describe('genderOf (GB/T 2261.1)', () => {
  it('maps 男 and 女', () => {
    expect(genderOf('1')).toBe('MALE');
    expect(genderOf('2')).toBe('FEMALE');
  });

  it('maps unknown, unstated, padded-empty and missing codes to UNKNOWN', () => {
    for (const code of ['0', '9', ' ', '', null, undefined, 'X']) expect(genderOf(code)).toBe('UNKNOWN');
  });
});
