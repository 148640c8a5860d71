import { requireListSize } from '../../../lib/ids';
import { requireKey, compositeKey, rowsOrThrow } from '../../../lib/legacyDb';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { SB_DWXX_KEY, SB_GRCBXX_KEY, SB_JFMX_KEY } from '../db';

/** Keys one list request may ask for: one statement, far below the drivers' 65,535 bound parameters. */
export const MAX_KEYS_PER_REQUEST = 1000;

export const Query: QueryResolvers = {
  insuredUnit: (_parent, args, { loaders }) => loaders.insuredUnit.load(requireKey(args.employerNumber, SB_DWXX_KEY.employerNumber, 'employerNumber')),
  insuredUnits: async (_parent, args, { loaders }) => {
    // Every key is checked before any is looked up: one bad key fails the call.
    requireListSize(args.employerNumbers, MAX_KEYS_PER_REQUEST, 'employerNumbers');
    const keys = args.employerNumbers.map((key, i) => requireKey(key, SB_DWXX_KEY.employerNumber, `employerNumbers[${i}]`));
    return rowsOrThrow(await loaders.insuredUnit.loadMany(keys));
  },
  socialInsuranceEnrolment: (_parent, args, { loaders }) => loaders.socialInsuranceEnrolment.load(compositeKey([requireKey(args.idNumber, SB_GRCBXX_KEY.idNumber, 'idNumber'), requireKey(args.insuranceType, SB_GRCBXX_KEY.insuranceType, 'insuranceType')])),
  contribution: (_parent, args, { loaders }) => loaders.contribution.load(compositeKey([requireKey(args.idNumber, SB_JFMX_KEY.idNumber, 'idNumber'), requireKey(args.insuranceType, SB_JFMX_KEY.insuranceType, 'insuranceType'), requireKey(args.jfny, SB_JFMX_KEY.jfny, 'jfny')])),
};
