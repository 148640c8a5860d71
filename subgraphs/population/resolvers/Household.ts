import type { HouseholdResolvers } from '../__generated__/resolvers-types';
import { requireHouseholdNumber } from '../householdNumber';
import { keyText } from '../representation';

export const Household: HouseholdResolvers = {
  __resolveReference: ({ number }, { loaders }) => loaders.household.load(requireHouseholdNumber(keyText(number), 'number')),
  division: (h) => (h.divisionCode ? { code: h.divisionCode } : null),
  // The head is normally a member: taking them from the members batch spares a statement when
  // both fields are asked, as they usually are. A head registered elsewhere is still found.
  head: async (h, _args, { loaders }) => {
    if (!h.headIdNumber) return null;
    const members = await loaders.householdMembers.load(h.number);
    return members.find((m) => m.idNumber === h.headIdNumber) ?? loaders.person.load(h.headIdNumber);
  },
  members: (h, _args, { loaders }) => loaders.householdMembers.load(h.number),
  memberCount: async (h, _args, { loaders }) => (await loaders.householdMembers.load(h.number)).length,
};
