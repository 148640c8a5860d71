import { requireIdNumber, requireListSize } from '../../../lib/ids';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { requireHouseholdNumber } from '../householdNumber';

/** One `persons` request may ask for at most this many numbers (a page of a means-test batch). */
export const MAX_PERSONS_PER_REQUEST = 1000;

export const Query: QueryResolvers = {
  person: (_parent, { idNumber }, { loaders }) => loaders.person.load(requireIdNumber(idNumber, 'idNumber')),

  persons: async (_parent, { idNumbers }, { loaders }) => {
    // Every number is checked before any of them is looked up: one bad number fails the call.
    requireListSize(idNumbers, MAX_PERSONS_PER_REQUEST, 'idNumbers');
    const keys = idNumbers.map((id, i) => requireIdNumber(id, `idNumbers[${i}]`));
    const found = await loaders.person.loadMany(keys);
    return found.map((p) => {
      if (p instanceof Error) throw p;
      return p;
    });
  },

  household: (_parent, { number }, { loaders }) => loaders.household.load(requireHouseholdNumber(number, 'number')),
};
