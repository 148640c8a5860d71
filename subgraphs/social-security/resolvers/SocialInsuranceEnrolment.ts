import { requireKey, compositeKey, referenceKey } from '../../../lib/legacyDb';
import type { SocialInsuranceEnrolmentResolvers } from '../__generated__/resolvers-types';
import { SB_GRCBXX_KEY } from '../db';

export const SocialInsuranceEnrolment: SocialInsuranceEnrolmentResolvers = {
  // Representations come from other subgraphs' data (`_Any`): checked like arguments.
  __resolveReference: (ref, { loaders }) => loaders.socialInsuranceEnrolment.load(compositeKey([requireKey(ref.idNumber, SB_GRCBXX_KEY.idNumber, 'idNumber'), requireKey(ref.insuranceType, SB_GRCBXX_KEY.insuranceType, 'insuranceType')])),
  employer: (row, _args, { loaders }) => {
    const key = referenceKey([row.employerNumber]);
    return key === null ? null : loaders.insuredUnit.load(key);
  },
};
