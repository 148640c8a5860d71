import { requireKey } from '../../../lib/legacyDb';
import type { InsuredUnitResolvers } from '../__generated__/resolvers-types';
import { SB_DWXX_KEY } from '../db';

export const InsuredUnit: InsuredUnitResolvers = {
  // Representations come from other subgraphs' data (`_Any`): checked like arguments.
  __resolveReference: (ref, { loaders }) => loaders.insuredUnit.load(requireKey(ref.employerNumber, SB_DWXX_KEY.employerNumber, 'employerNumber')),
};
