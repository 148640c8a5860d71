import { GraphQLError } from 'graphql';
import { checkHouseholdNumber, requireHouseholdNumber } from './householdNumber';

describe('household number (户号)', () => {
  it('accepts a division code followed by a sequence', () => {
    expect(checkHouseholdNumber('320102000001')).toBeNull();
    expect(requireHouseholdNumber(' 320115010203 ')).toBe('320115010203');
  });

  it.each(['32010200000', '3201020000011', '32010200000A', '', '990102000001'])('refuses %j', (bad) => {
    expect(checkHouseholdNumber(bad)).not.toBeNull();
    try {
      requireHouseholdNumber(bad);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(GraphQLError);
      expect((err as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((err as GraphQLError).extensions.argumentName).toBe('number');
    }
  });
});
