import { requireKey, compositeKey, referenceKey } from '../../../lib/legacyDb';
import type { ContributionResolvers } from '../__generated__/resolvers-types';
import { SB_JFMX_KEY } from '../db';

export const Contribution: ContributionResolvers = {
  // Representations come from other subgraphs' data (`_Any`): checked like arguments.
  __resolveReference: (ref, { loaders }) => loaders.contribution.load(compositeKey([requireKey(ref.idNumber, SB_JFMX_KEY.idNumber, 'idNumber'), requireKey(ref.insuranceType, SB_JFMX_KEY.insuranceType, 'insuranceType'), requireKey(ref.jfny, SB_JFMX_KEY.jfny, 'jfny')])),
  socialInsuranceEnrolment: (row, _args, { loaders }) => {
    const key = referenceKey([row.idNumber, row.insuranceType]);
    return key === null ? null : loaders.socialInsuranceEnrolment.load(key);
  },
};
