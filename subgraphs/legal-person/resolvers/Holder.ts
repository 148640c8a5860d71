import type { HolderResolvers } from '../__generated__/resolvers-types';

export const Holder: HolderResolvers = {
  // Only a LegalPersonRow carries a uscc; a PersonRef carries just the idNumber.
  __resolveType: (h) => ('uscc' in h ? 'LegalPerson' : 'Person'),
};
