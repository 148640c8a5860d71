import type { HolderResolvers } from '../__generated__/resolvers-types';

export const Holder: HolderResolvers = {
  __resolveType: (ref) => ('idNumber' in ref ? 'Person' : 'LegalPerson'),
};
